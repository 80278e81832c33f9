// Single sign-on against a real OpenID provider (oidc-provider on loopback): rules, provisioning,
// linking by verified email then by `sub`, and every way a sign-in must be refused.
import { SESSION_COOKIE } from '@app/auth';
import { bearer, createTestApp, PASSWORD, seedWorld, TestApp, World } from '../support/test-app';
import { clearSsoEnv, cookieFrom, followProvider, ssoEnv, startProvider, TestProvider } from './provider';

const REDIRECT = 'http://127.0.0.1:3999/api/auth/oidc/callback';
const WEB = { 'X-Requested-With': 'kaizen-ledger' };

const ACCOUNTS = {
  'sub-new-team': {
    email: 'New.Starter@test.nhs.uk',
    email_verified: true,
    name: 'New Starter',
    groups: ['Everyone', 'AAA-Improvement'],
  },
  'sub-nobody': { email: 'visitor@test.nhs.uk', email_verified: true, name: 'Visitor', groups: ['Everyone'] },
  'sub-mallory': { email: 'mallory@test.nhs.uk', email_verified: true, groups: ['AAA-Improvement'] },
  'sub-kpo-a': { email: 'kpo.aaa@test.nhs.uk', email_verified: true, groups: ['AAA-Improvement'] },
  'sub-unverified': { email: 'team.bbb@test.nhs.uk', email_verified: false, groups: ['AAA-Improvement'] },
  'sub-ceo-a': { email: 'ceo.aaa@test.nhs.uk', email_verified: true, groups: ['AAA-Improvement'] },
};

describe('single sign-on (OpenID Connect)', () => {
  let provider: TestProvider;
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    provider = await startProvider(REDIRECT, ACCOUNTS, { tamperSubs: ['sub-mallory'] });
    ssoEnv(provider.issuer, REDIRECT);
    t = await createTestApp();
    world = await seedWorld(t);
  });

  afterAll(async () => {
    clearSsoEnv();
    await t?.close();
    await provider?.stop();
  });

  /** Starts a sign-in at the API as `sub` and follows the provider back: the callback request's parts. */
  async function toCallback(sub: string, returnTo?: string) {
    const query = new URLSearchParams({ login_hint: sub, ...(returnTo ? { returnTo } : {}) });
    const start = await t.http().get(`/api/auth/oidc/login?${query}`).expect(302);
    const stateCookie = cookieFrom(start.headers['set-cookie'], 'kaizen_oidc_state')!;
    expect(stateCookie).toBeDefined();
    const authorization = new URL(start.headers.location);
    expect(authorization.origin).toBe(provider.issuer);
    const callback = await followProvider(authorization.href, REDIRECT);
    return { path: `/api/auth/oidc/callback${callback.search}`, stateCookie, authorization, callback };
  }

  async function signIn(sub: string, returnTo?: string) {
    const { path, stateCookie } = await toCallback(sub, returnTo);
    return t.http().get(path).set('Cookie', stateCookie);
  }

  const session = (res: { headers: Record<string, unknown> }) =>
    cookieFrom(res.headers['set-cookie'] as string[], SESSION_COOKIE);

  const addRule = (body: object) => t.http().post('/api/auth/oidc/rules').set(bearer(world.users.admin)).send(body);

  describe('rules', () => {
    it('are admin-only, checked, ordered and audited', async () => {
      for (const user of [world.users.A.kpo, world.users.regulator, world.users.A.team]) {
        await t.http().get('/api/auth/oidc/rules').set(bearer(user)).expect(403);
        await t
          .http()
          .post('/api/auth/oidc/rules')
          .set(bearer(user))
          .send({ claim: 'groups', equals: 'x', role: 'admin' })
          .expect(403);
      }
      await t.http().get('/api/auth/oidc/rules').expect(401);

      const missingTrust = await addRule({ claim: 'groups', equals: 'AAA-Improvement', role: 'improvement_team' });
      expect(missingTrust.status).toBe(400);
      expect(missingTrust.body.message).toEqual([expect.stringMatching(/^trustId: .*required/)]);
      const extraTrust = await addRule({ claim: 'groups', equals: 'Admins', role: 'admin', trustId: world.trustA.id });
      expect(extraTrust.status).toBe(400);
      expect(extraTrust.body.message[0]).toMatch(/^trustId: .*must be empty/);
      const badRole = await addRule({ claim: 'groups', equals: 'x', role: 'boss' });
      expect(badRole.status).toBe(400);
      expect(badRole.body.message.join()).toMatch(/role/);
      const badClaim = await addRule({ claim: 'has space', equals: 'x', role: 'admin', extra: 1 });
      expect(badClaim.status).toBe(400);
      expect(badClaim.body.message.join()).toMatch(/claim must be a claim name/);
      expect(badClaim.body.message.join()).toMatch(/extra/);
      const noSuchTrust = await addRule({
        claim: 'groups',
        equals: 'x',
        role: 'kpo_lead',
        trustId: '6f1c1b8e-0000-4000-8000-000000000000',
      });
      expect(noSuchTrust.status).toBe(400);
      expect(noSuchTrust.body.message[0]).toMatch(/^trustId: there is no trust/);

      const first = await addRule({ claim: 'groups', equals: 'Everyone-Temp', role: 'regulator' }).expect(201);
      const team = await addRule({
        claim: 'groups',
        equals: 'AAA-Improvement',
        role: 'improvement_team',
        trustId: world.trustA.id,
      }).expect(201);
      const list = await t.http().get('/api/auth/oidc/rules').set(bearer(world.users.admin)).expect(200);
      expect(list.body.map((r: { id: string }) => r.id)).toEqual([first.body.id, team.body.id]);
      expect(list.body[1]).toMatchObject({ claim: 'groups', equals: 'AAA-Improvement', trustId: world.trustA.id });

      await t.http().delete(`/api/auth/oidc/rules/${first.body.id}`).set(bearer(world.users.A.kpo)).expect(403);
      await t.http().delete(`/api/auth/oidc/rules/${first.body.id}`).set(bearer(world.users.admin)).expect(204);
      await t.http().delete(`/api/auth/oidc/rules/${first.body.id}`).set(bearer(world.users.admin)).expect(404);
      await t.http().delete('/api/auth/oidc/rules/not-a-uuid').set(bearer(world.users.admin)).expect(400);

      const audit = await t.db.query(
        `SELECT action, entity_id, actor_id, changes FROM audit_entries WHERE entity = 'oidc_rule' ORDER BY at`,
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'create', 'delete']);
      expect(audit[2].entity_id).toBe(first.body.id);
      expect(audit[0].actor_id).toBe(world.users.admin.id);
      expect(audit[1].changes.role).toEqual({ before: null, after: 'improvement_team' });
    });
  });

  describe('signing in', () => {
    it('answers the sign-in options', async () => {
      const res = await t.http().get('/api/auth/sign-in-options').expect(200);
      expect(res.body).toEqual({ passwordLogin: true, sso: true });
    });

    it('starts the code flow with PKCE S256, state and nonce', async () => {
      const { authorization } = await toCallback('sub-nobody');
      const p = authorization.searchParams;
      expect(p.get('response_type')).toBe('code');
      expect(p.get('code_challenge_method')).toBe('S256');
      expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(p.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(p.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(p.get('redirect_uri')).toBe(REDIRECT);
      expect(p.get('scope')).toContain('openid');
    });

    it('provisions a matching person on first sign-in, without a password, and signs them in by cookie', async () => {
      const res = await signIn('sub-new-team', '/waste/new');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/waste/new');
      const cookieLine = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith(`${SESSION_COOKIE}=`),
      )!;
      expect(cookieLine).toMatch(/HttpOnly/);
      expect(cookieLine).toMatch(/SameSite=Lax/);
      expect(cookieLine).not.toMatch(/Secure/); // plain http in the test; https sets Secure

      const me = await t.http().get('/api/auth/me').set('Cookie', session(res)!).expect(200);
      expect(me.body).toMatchObject({
        email: 'new.starter@test.nhs.uk',
        name: 'New Starter',
        role: 'improvement_team',
        trustId: world.trustA.id,
      });
      const [row] = await t.db.query(
        `SELECT password_hash, oidc_subject, oidc_issuer, active FROM users WHERE id = $1`,
        [me.body.id],
      );
      expect(row).toEqual({
        password_hash: null,
        oidc_subject: 'sub-new-team',
        oidc_issuer: provider.issuer,
        active: true,
      });
      const audit = await t.db.query(`SELECT action, actor_id, changes FROM audit_entries WHERE entity_id = $1`, [
        me.body.id,
      ]);
      expect(audit).toHaveLength(1);
      expect(audit[0].action).toBe('create');
      expect(audit[0].changes.role.after).toBe('improvement_team');
      expect(audit[0].changes.oidcSubject.after).toBe('sub-new-team');

      // A passwordless account cannot be signed into with any password.
      for (const password of ['', 'no-such-user-placeholder', PASSWORD]) {
        const login = await t.http().post('/api/auth/login').send({ email: 'new.starter@test.nhs.uk', password });
        expect([400, 401]).toContain(login.status);
      }
    });

    it('finds a linked person by sub the next time, even when the email changed', async () => {
      const [before] = await t.db.query(`SELECT id FROM users WHERE oidc_subject = 'sub-new-team'`);
      await t.db.query(`UPDATE users SET email = 'renamed@test.nhs.uk' WHERE id = $1`, [before.id]);
      const res = await signIn('sub-new-team');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/');
      const me = await t.http().get('/api/auth/me').set('Cookie', session(res)!).expect(200);
      expect(me.body.id).toBe(before.id);
      expect(me.body.email).toBe('renamed@test.nhs.uk');
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE email LIKE 'new.starter%'`);
      expect(count).toBe(0);
    });

    it('links an existing account by verified email the first time, keeping its role', async () => {
      const res = await signIn('sub-kpo-a');
      expect(res.status).toBe(302);
      const me = await t.http().get('/api/auth/me').set('Cookie', session(res)!).expect(200);
      expect(me.body).toMatchObject({ id: world.users.A.kpo.id, role: 'kpo_lead', trustId: world.trustA.id });
      const [row] = await t.db.query(`SELECT oidc_subject FROM users WHERE id = $1`, [world.users.A.kpo.id]);
      expect(row.oidc_subject).toBe('sub-kpo-a');
      const [entry] = await t.db.query(`SELECT action, changes FROM audit_entries WHERE entity_id = $1`, [
        world.users.A.kpo.id,
      ]);
      expect(entry).toMatchObject({ action: 'update', changes: { oidcSubject: { before: null, after: 'sub-kpo-a' } } });
    });

    it('does not link by an unverified email', async () => {
      const res = await signIn('sub-unverified');
      expect(res.status).toBe(409);
      expect(res.text).toMatch(/team\.bbb@test\.nhs\.uk/);
      expect(session(res)).toBeUndefined();
      const [row] = await t.db.query(`SELECT oidc_subject FROM users WHERE id = $1`, [world.users.B.team.id]);
      expect(row.oidc_subject).toBeNull();
    });

    it('refuses a person matching no rule with a page saying whom to ask', async () => {
      const res = await signIn('sub-nobody');
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toMatch(/You do not have access to Kaizen Ledger/);
      expect(res.text).toMatch(/KPO lead/);
      expect(res.text).toMatch(/administrator/);
      expect(session(res)).toBeUndefined();
      const rows = await t.db.query(`SELECT 1 FROM users WHERE email = 'visitor@test.nhs.uk'`);
      expect(rows).toHaveLength(0);
    });

    it('refuses a deactivated user', async () => {
      await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [world.users.A.ceo.id]);
      const res = await signIn('sub-ceo-a');
      expect(res.status).toBe(403);
      expect(res.text).toMatch(/deactivated/);
      expect(session(res)).toBeUndefined();
      await t.db.query(`UPDATE users SET active = true WHERE id = $1`, [world.users.A.ceo.id]);
    });

    it('refuses an ID token whose signature does not match (tampered payload)', async () => {
      const res = await signIn('sub-mallory');
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/could not be verified/);
      expect(session(res)).toBeUndefined();
      expect(await t.db.query(`SELECT 1 FROM users WHERE email = 'mallory@test.nhs.uk'`)).toHaveLength(0);
    });

    it('refuses a wrong state, a state from another browser and a missing one', async () => {
      const { callback, stateCookie } = await toCallback('sub-new-team');
      const wrong = new URLSearchParams(callback.search);
      wrong.set('state', 'x'.repeat(43));
      const res = await t.http().get(`/api/auth/oidc/callback?${wrong}`).set('Cookie', stateCookie);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/state/);
      expect(session(res)).toBeUndefined();

      const other = await toCallback('sub-new-team');
      const otherBrowser = await t
        .http()
        .get(other.path)
        .set('Cookie', 'kaizen_oidc_state=' + 'y'.repeat(43));
      expect(otherBrowser.status).toBe(400);
      expect(otherBrowser.text).toMatch(/another browser/);

      const none = await t.http().get('/api/auth/oidc/callback?code=abc');
      expect(none.status).toBe(400);
    });

    it('refuses a replayed callback (the code and its state work once)', async () => {
      const { path, stateCookie } = await toCallback('sub-new-team');
      const first = await t.http().get(path).set('Cookie', stateCookie);
      expect(first.status).toBe(302);
      expect(session(first)).toBeDefined();
      const replay = await t.http().get(path).set('Cookie', stateCookie);
      expect(replay.status).toBe(400);
      expect(replay.text).toMatch(/already used/);
      expect(session(replay)).toBeUndefined();
    });

    it('refuses a used code replayed with a fresh state of the same browser', async () => {
      const used = await toCallback('sub-new-team');
      await t.http().get(used.path).set('Cookie', used.stateCookie).expect(302);
      // The attacker starts a new attempt and swaps in the old code: the provider refuses it (used, and
      // bound to another PKCE verifier), so nobody is signed in.
      const fresh = await toCallback('sub-new-team');
      const replayed = new URLSearchParams(fresh.callback.search);
      replayed.set('code', used.callback.searchParams.get('code')!);
      const res = await t.http().get(`/api/auth/oidc/callback?${replayed}`).set('Cookie', fresh.stateCookie);
      expect(res.status).toBe(401);
      expect(session(res)).toBeUndefined();
    });

    it('refuses an error answer of the provider', async () => {
      const { stateCookie, callback } = await toCallback('sub-new-team');
      const state = callback.searchParams.get('state')!;
      const res = await t
        .http()
        .get(`/api/auth/oidc/callback?error=access_denied&state=${state}`)
        .set('Cookie', stateCookie);
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/access_denied/);
    });

    it('only sends people back inside the web app', async () => {
      for (const returnTo of ['https://evil.example/', '//evil.example', '/\\evil.example', '/api/auth/me']) {
        const res = await signIn('sub-new-team', returnTo);
        expect(res.status).toBe(302);
        expect(res.headers.location).toBe('/');
      }
    });
  });

  describe('the cookie session', () => {
    let cookie: string;
    beforeAll(async () => {
      cookie = session(await signIn('sub-kpo-a'))!;
    });

    it('reads with the cookie alone, and writes only with the app header from this site', async () => {
      const body = { name: `From SSO ${Date.now()}` };
      const noHeader = await t.http().post('/api/value-streams').set('Cookie', cookie).send(body);
      expect(noHeader.status).toBe(403);
      expect(noHeader.body.message).toMatch(/^x-requested-with: /);
      const otherSite = await t
        .http()
        .post('/api/value-streams')
        .set('Cookie', cookie)
        .set(WEB)
        .set('Origin', 'https://evil.example')
        .send(body);
      expect(otherSite.status).toBe(403);
      expect(otherSite.body.message).toMatch(/^origin: /);
      const ok = await t.http().post('/api/value-streams').set('Cookie', cookie).set(WEB).send(body);
      expect(ok.status).toBe(201);
      expect(ok.body.trustId).toBe(world.trustA.id);
      // A Bearer client needs no header: the cookie rules apply to cookies only.
      await t
        .http()
        .post('/api/value-streams')
        .set(bearer(world.users.A.kpo))
        .send({ name: `B ${Date.now()}` })
        .expect(201);
    });

    it('answers 401 for a forged or expired cookie', async () => {
      await t.http().get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=aaa.bbb.ccc`).expect(401);
    });

    it('is set by a password sign-in from the web app, without the token in the body', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set(WEB)
        .send({ email: world.users.A.team.email, password: PASSWORD })
        .expect(200);
      expect(res.body.accessToken).toBeUndefined();
      expect(res.body.user.id).toBe(world.users.A.team.id);
      const me = await t.http().get('/api/auth/me').set('Cookie', session(res)!).expect(200);
      expect(me.body.id).toBe(world.users.A.team.id);
      // API clients still get the token.
      const api = await t
        .http()
        .post('/api/auth/login')
        .send({ email: world.users.A.team.email, password: PASSWORD })
        .expect(200);
      expect(api.body.accessToken).toEqual(expect.any(String));
      expect(session(api)).toBeUndefined();
    });

    it('is Secure when the request came over https (behind a proxy on this machine)', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set(WEB)
        .set('X-Forwarded-Proto', 'https')
        .send({ email: world.users.A.team.email, password: PASSWORD })
        .expect(200);
      const line = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      expect(line).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    });

    it('is cleared by signing out', async () => {
      const res = await t.http().post('/api/auth/logout').set('Cookie', cookie).set(WEB);
      const cleared = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith(`${SESSION_COOKIE}=`),
      );
      expect(cleared).toMatch(/^kaizen_session=; .*Max-Age=0/);
    });
  });
});

describe('PASSWORD_LOGIN=off', () => {
  let provider: TestProvider;
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    provider = await startProvider(REDIRECT, ACCOUNTS);
    ssoEnv(provider.issuer, REDIRECT, 'off');
    t = await createTestApp();
    world = await seedWorld(t);
  });

  afterAll(async () => {
    clearSsoEnv();
    await t?.close();
    await provider?.stop();
  });

  it('refuses password sign-in with a clear 403 and says so to the sign-in page', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: world.users.admin.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/password sign-in is turned off.*single sign-on/);
    expect((await t.http().get('/api/auth/sign-in-options').expect(200)).body).toEqual({
      passwordLogin: false,
      sso: true,
    });
    // Tokens already issued keep working; only the password route is closed.
    await t.http().get('/api/auth/me').set(bearer(world.users.admin)).expect(200);
  });
});

describe('without single sign-on settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    clearSsoEnv();
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('says single sign-on is not set up', async () => {
    const res = await t.http().get('/api/auth/oidc/login');
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/not configured/);
    expect((await t.http().get('/api/auth/sign-in-options').expect(200)).body).toEqual({
      passwordLogin: true,
      sso: false,
    });
  });
});
