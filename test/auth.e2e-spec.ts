import { JwtService } from '@nestjs/jwt';
import { bearer, createTestApp, PASSWORD, seedWorld, TestApp, World } from './support/test-app';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('sign-in', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });

  it('answers a token and the user for the right password', async () => {
    const res = await login('TEAM.aaa@test.nhs.uk', PASSWORD).expect(200);
    expect(res.body.user).toMatchObject({
      email: 'team.aaa@test.nhs.uk',
      role: 'improvement_team',
      trustId: world.trustA.id,
    });
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(world.users.A.team.id);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|improve-together/);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await login('team.aaa@test.nhs.uk', 'nope').expect(401);
    const unknown = await login('ghost@test.nhs.uk', 'nope').expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ statusCode: 401 });
    expect(wrong.body.accessToken).toBeUndefined();
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    // Without the dummy-hash verification an unknown email answers in a few ms against tens
    // of ms for argon2; medians of interleaved samples keep a busy machine from flaking.
    // One wrong password per account: five on one account would throttle it (429, answered at once).
    const accounts = ['team.aaa', 'kpo.aaa', 'ceo.aaa', 'team.bbb', 'kpo.bbb', 'ceo.bbb', 'admin'];
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      let started = performance.now();
      await login(`${accounts[i]}@test.nhs.uk`, `wrong-${i}`).expect(401);
      wrong.push(performance.now() - started);
      started = performance.now();
      await login(`ghost-${i}@test.nhs.uk`, `wrong-${i}`).expect(401);
      unknown.push(performance.now() - started);
    }
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.6);
  });

  it('rejects a login body without a password, naming the field', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'team.aaa@test.nhs.uk' }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/password/);
  });

  it('me answers the caller from the token', async () => {
    const res = await t.http().get('/api/auth/me').set(bearer(world.users.B.ceo)).expect(200);
    expect(res.body).toMatchObject({ id: world.users.B.ceo.id, role: 'trust_ceo', trustId: world.trustB.id });
    const admin = await t.http().get('/api/auth/me').set(bearer(world.users.admin)).expect(200);
    expect(admin.body).toMatchObject({ id: world.users.admin.id, role: 'admin', trustId: null });
  });

  it('accepts the Bearer scheme in any case (RFC 7235)', async () => {
    const res = await t
      .http()
      .get('/api/auth/me')
      .set('Authorization', `bearer ${world.users.A.kpo.token}`)
      .expect(200);
    expect(res.body.id).toBe(world.users.A.kpo.id);
  });

  describe('refuses with 401', () => {
    // The claims of a real, open session, so each 401 below is the one defect it shows.
    const claimsOf = (w: World) => ({
      sid: JSON.parse(Buffer.from(w.users.A.team.token.split('.')[1], 'base64url').toString()).sid as string,
      sub: w.users.A.team.id,
      email: w.users.A.team.email,
      name: 'team',
      role: 'improvement_team',
      trustId: w.trustA.id,
    });

    it('a missing or malformed Authorization header', async () => {
      await t.http().get('/api/auth/me').expect(401);
      await t.http().get('/api/auth/me').set('Authorization', world.users.A.team.token).expect(401);
      await t.http().get('/api/auth/me').set('Authorization', 'Bearer').expect(401);
      await t.http().get('/api/auth/me').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
      await t.http().get('/api/trusts').expect(401);
      await t.http().get('/api/users').expect(401);
      await t.http().get('/api/audit').expect(401);
    });

    it('a token signed with another secret', async () => {
      const forged = new JwtService({ secret: 'x'.repeat(40) }).sign(claimsOf(world), { algorithm: 'HS256' });
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    });

    it('a token whose payload was altered after signing', async () => {
      const [header, , signature] = world.users.A.team.token.split('.');
      const payload = b64url({
        ...claimsOf(world),
        role: 'admin',
        trustId: null,
        exp: Math.floor(Date.now() / 1000) + 3600,
      });
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${header}.${payload}.${signature}`).expect(401);
      await t.http().get('/api/audit').set('Authorization', `Bearer ${header}.${payload}.${signature}`).expect(401);
    });

    it('an unsigned alg:none token', async () => {
      const payload = b64url({
        ...claimsOf(world),
        role: 'admin',
        trustId: null,
        exp: Math.floor(Date.now() / 1000) + 3600,
      });
      const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${none}`).expect(401);
      await t.http().get('/api/audit').set('Authorization', `Bearer ${none}`).expect(401);
    });

    it('a token signed with the right secret but another algorithm', async () => {
      // The app's own secret (random per test run), but HS512: refused.
      const secret = process.env.JWT_SECRET as string;
      const hs512 = new JwtService({ secret }).sign(claimsOf(world), { algorithm: 'HS512' });
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${hs512}`).expect(401);
    });

    it('an expired token', async () => {
      const expired = t.app.get(JwtService).sign(claimsOf(world), { expiresIn: -10 });
      // The same claims, unexpired, pass: the 401 is the expiry and nothing else.
      const fresh = t.app.get(JwtService).sign(claimsOf(world));
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${fresh}`).expect(200);
      const res = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401 });
    });

    it('a properly signed token without a session, or naming a session that does not exist', async () => {
      const { sid: _sid, ...sessionless } = claimsOf(world);
      const jwt = t.app.get(JwtService);
      await t
        .http()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${jwt.sign(sessionless)}`)
        .expect(401);
      const made = jwt.sign({ ...claimsOf(world), sid: '6f1c1b8e-0000-4000-8000-000000000000' });
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${made}`).expect(401);
      // another user's open session under these claims: refused too
      const sidOfAdmin = JSON.parse(Buffer.from(world.users.admin.token.split('.')[1], 'base64url').toString()).sid;
      const crossed = jwt.sign({ ...claimsOf(world), sid: sidOfAdmin });
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${crossed}`).expect(401);
    });
  });
});
