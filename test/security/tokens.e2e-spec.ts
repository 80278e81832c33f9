// Bad tokens on every protected route (SPEC §4). test/auth.e2e-spec.ts shows each kind refused on
// /api/auth/me; here every route of the router (and the queue console) refuses every kind with 401,
// so no route can be added with a weaker check, whether the token comes as a Bearer header or as the
// web app's session cookie. Also: algorithm confusion, tokens in the wrong place, and cookie-signed-in
// writes without the app's cross-site request header.
import { JwtService } from '@nestjs/jwt';
import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { recordFigures } from '../hostile/checks';
import { bearer, createTestApp, PASSWORD, seedWorld, TestApp, World } from '../support/test-app';

jest.setTimeout(180_000);

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /api/health/live',
  'GET /api/health/ready',
  // single sign-on: the sign-in page's options and the browser's redirects (test/sso)
  'GET /api/auth/sign-in-options',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
]);
const SOME_ID = '6f1c1b8e-0000-4000-8000-000000000000';

/** Protected routes of the router as `METHOD path` with every parameter a well-formed id. */
function protectedRoutes(t: TestApp): [string, string][] {
  const instance = t.app.getHttpAdapter().getInstance();
  const stack = (instance.router ?? instance._router).stack as {
    route?: { path: string; methods: Record<string, boolean> };
  }[];
  const routes: [string, string][] = [];
  for (const layer of stack) {
    if (!layer.route || !layer.route.path.startsWith('/api/') || layer.route.path.startsWith('/api/docs')) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    if (methods.length > 5) continue;
    for (const m of methods) {
      const route = `${m.toUpperCase()} ${layer.route.path}`;
      if (!PUBLIC.has(route)) routes.push([m, layer.route.path.replace(/:\w+/g, SOME_ID)]);
    }
  }
  return routes;
}

describe('bad tokens on every protected route', () => {
  let t: TestApp;
  let world: World;
  const secret = process.env.JWT_SECRET as string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  /**
   * An admin's claims with the admin's open session: every bad token below would be all-powerful if
   * it were accepted, so each 401 is the defect the token shows and nothing else.
   */
  const adminClaims = () => ({
    sid: JSON.parse(Buffer.from(world.users.admin.token.split('.')[1], 'base64url').toString()).sid as string,
    sub: world.users.admin.id,
    email: world.users.admin.email,
    name: 'admin',
    role: 'admin',
    trustId: null,
  });
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

  function badTokens(): Record<string, string> {
    const claims = { ...adminClaims(), iat: Math.floor(Date.now() / 1000), exp: inAnHour() };
    const hs = (header: object, payload: object, key: string | Buffer) => {
      const body = `${b64url(header)}.${b64url(payload)}`;
      return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    };
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsBody = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}`;
    const good = t.app.get(JwtService).sign(adminClaims());
    const [gh, gp] = good.split('.');
    return {
      'signed with another secret': hs({ alg: 'HS256', typ: 'JWT' }, claims, 'x'.repeat(48)),
      'alg none, no signature': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`,
      'alg NONE with the right signature of another token': `${b64url({ alg: 'NONE', typ: 'JWT' })}.${gp}.${good.split('.')[2]}`,
      expired: t.app.get(JwtService).sign(adminClaims(), { expiresIn: -1 }),
      'not valid yet': t.app.get(JwtService).sign(adminClaims(), { notBefore: 3600 }),
      'payload swapped under a valid signature': `${gh}.${b64url({ ...claims, role: 'admin', sub: world.users.A.team.id })}.${good.split('.')[2]}`,
      'HS512 with the right secret': new JwtService({ secret }).sign(adminClaims(), { algorithm: 'HS512' }),
      'RS256 with a key of its own': `${rsBody}.${rsaSign('sha256', Buffer.from(rsBody), privateKey).toString('base64url')}`,
      'HS256 keyed with a public key (algorithm confusion)': hs(
        { alg: 'HS256', typ: 'JWT' },
        claims,
        publicKey.export({ type: 'spki', format: 'pem' }) as string,
      ),
      'signature stripped': `${gh}.${gp}.`,
      'signature of another length': `${gh}.${gp}.${good.split('.')[2].slice(0, 20)}`,
      'header with a kid pointing elsewhere': hs({ alg: 'HS256', typ: 'JWT', kid: '../../dev/null' }, claims, ''),
      'empty secret': hs({ alg: 'HS256', typ: 'JWT' }, claims, ''),
      garbage: 'eyJ.eyJ.eyJ',
    };
  }

  it('answers 401 to every kind of bad token on every protected route, and changes nothing', async () => {
    const routes = protectedRoutes(t);
    expect(routes.length).toBeGreaterThan(50);
    const before = (await t.db.query(`SELECT count(*) AS n FROM audit_entries`))[0].n;
    const wrong: string[] = [];
    const kinds = badTokens();
    for (const [kind, token] of Object.entries(kinds)) {
      for (const [method, path] of routes) {
        const req = t
          .http()
          [method as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
          .set('Authorization', `Bearer ${token}`);
        const res = method === 'get' || method === 'delete' ? await req : await req.send({});
        if (res.status !== 401) wrong.push(`${kind}: ${method.toUpperCase()} ${path} → ${res.status}`);
      }
    }
    recordFigures('security-tokens', {
      tokenKinds: Object.keys(kinds).length,
      protectedRoutes: routes.length,
      requests: Object.keys(kinds).length * routes.length,
      not401: wrong.length,
    });
    expect(wrong).toEqual([]);
    expect((await t.db.query(`SELECT count(*) AS n FROM audit_entries`))[0].n).toBe(before);
  });

  it('answers 401 to the token of an ended session on every protected route and the queue console', async () => {
    const { body } = await t
      .http()
      .post('/api/auth/login')
      .send({ email: world.users.admin.email, password: PASSWORD })
      .expect(200);
    const token = body.accessToken as string;
    await t.http().get('/api/audit').set('Authorization', `Bearer ${token}`).expect(200);
    await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const wrong: string[] = [];
    for (const [method, path] of protectedRoutes(t)) {
      const req = t
        .http()
        [method as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
        .set('Authorization', `Bearer ${token}`);
      const res = method === 'get' || method === 'delete' ? await req : await req.send({});
      if (res.status !== 401) wrong.push(`${method.toUpperCase()} ${path} → ${res.status}`);
    }
    const console = await t.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${token}`);
    if (console.status !== 401) wrong.push(`queue console → ${console.status}`);
    expect(wrong).toEqual([]);
  });

  it('answers 401 to every kind of bad token in the session cookie on every protected route', async () => {
    const routes = protectedRoutes(t);
    const before = (await t.db.query(`SELECT count(*) AS n FROM audit_entries`))[0].n;
    const wrong: string[] = [];
    for (const [kind, token] of Object.entries(badTokens())) {
      if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) continue;
      for (const [method, path] of routes) {
        const req = t
          .http()
          [method as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
          .set('Cookie', `kaizen_session=${token}`)
          .set('X-Requested-With', 'kaizen-ledger');
        const res = method === 'get' || method === 'delete' ? await req : await req.send({});
        if (res.status !== 401) wrong.push(`${kind}: ${method.toUpperCase()} ${path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await t.db.query(`SELECT count(*) AS n FROM audit_entries`))[0].n).toBe(before);
  });

  it('refuses every cookie-signed-in write without the app header, or from another site, changing nothing', async () => {
    const writes = protectedRoutes(t).filter(([method]) => method !== 'get');
    expect(writes.length).toBeGreaterThan(20);
    const cookie = `kaizen_session=${world.users.admin.token}`;
    const before = (await t.db.query(`SELECT count(*) AS n FROM audit_entries`))[0].n;
    const wrong: string[] = [];
    for (const [method, path] of writes) {
      for (const headers of [
        {},
        { 'X-Requested-With': 'XMLHttpRequest' },
        { 'X-Requested-With': 'kaizen-ledger', Origin: 'https://evil.example' },
        { 'X-Requested-With': 'kaizen-ledger', Origin: 'null' },
      ]) {
        const res = await t
          .http()
          [method as 'post' | 'put' | 'patch' | 'delete'](path)
          .set('Cookie', cookie)
          .set(headers)
          .type('form')
          .send('name=forged');
        if (res.status !== 403)
          wrong.push(`${JSON.stringify(headers)}: ${method.toUpperCase()} ${path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await t.db.query(`SELECT count(*) AS n FROM audit_entries`))[0].n).toBe(before);
    // The same cookie with the app's header from this site is an admin.
    await t.http().get('/api/audit').set('Cookie', cookie).expect(200);
    await t
      .http()
      .post('/api/trusts')
      .set('Cookie', cookie)
      .set('X-Requested-With', 'kaizen-ledger')
      .send({ code: 'CSRF', name: 'Cookie Trust' })
      .expect(201);
  });

  it('lets a Bearer header win over the cookie, so a bad header is never rescued by a good cookie', async () => {
    await t
      .http()
      .get('/api/audit')
      .set('Cookie', `kaizen_session=${world.users.admin.token}`)
      .set('Authorization', 'Bearer eyJ.eyJ.eyJ')
      .expect(401);
    await t
      .http()
      .get('/api/audit')
      .set('Cookie', `kaizen_session=${world.users.admin.token}`)
      .set(bearer(world.users.A.team))
      .expect(403);
  });

  it('the same claims, properly signed, pass: the 401s are the tokens and nothing else', async () => {
    const good = t.app.get(JwtService).sign(adminClaims());
    await t.http().get('/api/audit').set('Authorization', `Bearer ${good}`).expect(200);
  });

  it('refuses a token anywhere but the Authorization header, or two of them', async () => {
    const token = world.users.admin.token;
    await t.http().get(`/api/audit?access_token=${token}`).expect(401);
    await t.http().get(`/api/audit?token=${token}`).expect(401);
    await t.http().get('/api/audit').set('Cookie', `token=${token}; kaizen_queues=${token}`).expect(401);
    await t.http().get('/api/audit').set('Authorization', `Bearer ${token} ${token}`).expect(401);
    await t.http().get('/api/audit').set('Authorization', `Bearer ${token}, Bearer ${token}`).expect(401);
    await t.http().get('/api/audit').set('X-Access-Token', token).expect(401);
  });

  it('guards the queue console with the same rules: 401 for bad tokens, 403 for non-admins', async () => {
    for (const [kind, token] of Object.entries(badTokens())) {
      const res = await t.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${token}`);
      expect({ kind, status: res.status }).toEqual({ kind, status: 401 });
    }
    await t.http().get('/admin/queues/api/queues').set(bearer(world.users.regulator)).expect(403);
    await t.http().get('/admin/queues/api/queues').set(bearer(world.users.admin)).expect(200);
  });
});
