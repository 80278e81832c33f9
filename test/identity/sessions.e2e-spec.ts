// Sessions end when they should (SPEC §6), in one API instance: sign-out, deactivation and a change
// of role or trust make the user's tokens answer 401; a deactivated user cannot sign in; other
// changes leave sessions alone. test/identity/sessions-instances.e2e-spec.ts does the same across
// two API processes.
import { SessionRepository } from '@app/auth';
import { Environment } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import type Redis from 'ioredis';
import { bearer, createTestApp, PASSWORD, seedWorld, TestApp, TestUser, World } from '../support/test-app';

describe('sessions', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const login = (email: string, password = PASSWORD) => t.http().post('/api/auth/login').send({ email, password });
  const me = (token: string) => t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const versionOf = async (id: string) =>
    (await t.db.query(`SELECT version FROM users WHERE id = $1`, [id]))[0].version as number;
  const patchUser = async (target: TestUser, body: object, status = 200) => {
    const res = await t
      .http()
      .patch(`/api/users/${target.id}`)
      .set(bearer(world.users.admin))
      .send({ version: await versionOf(target.id), ...body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res;
  };
  const sessionRows = (userId: string) =>
    t.db.query(`SELECT ended_at, ended_reason FROM sessions WHERE user_id = $1 ORDER BY created_at`, [userId]);

  it('sign-out ignores any body it is sent, and a malformed one is a 400 that ends nothing', async () => {
    // Hostile input for POST /api/auth/logout (the shared hostile runner cannot send it: it would end
    // the runner's own sessions). Valid JSON of any shape is ignored; the session ends.
    const bodies: unknown[] = [{}, [], { sessionId: 'x', userId: world.users.A.kpo.id }, { a: { b: [1, 2] } }];
    for (const body of bodies) {
      const token = (await login(world.users.A.team.email).expect(200)).body.accessToken;
      const res = await t
        .http()
        .post('/api/auth/logout')
        .set('Authorization', `Bearer ${token}`)
        .type('json')
        .send(JSON.stringify(body));
      expect({ body, status: res.status }).toEqual({ body, status: 204 });
      await me(token).expect(401);
    }
    // A JSON body that is not an object or a list, or is not JSON at all, is refused before the route.
    for (const text of ['"text"', '0', 'null']) {
      const token = (await login(world.users.A.team.email).expect(200)).body.accessToken;
      const res = await t
        .http()
        .post('/api/auth/logout')
        .set('Authorization', `Bearer ${token}`)
        .type('json')
        .send(text);
      expect({ text, status: res.status }).toEqual({ text, status: 400 });
      await me(token).expect(200);
    }
    const token = (await login(world.users.A.team.email).expect(200)).body.accessToken;
    const bad = await t
      .http()
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${token}`)
      .type('json')
      .send('{"a":');
    expect(bad.status).toBe(400);
    await me(token).expect(200);
    // Another user's session is never ended by someone else's sign-out, whatever the body names.
    await me(world.users.A.kpo.token).expect(200);
  });

  it('sign-out ends the session of the token used, and only that one', async () => {
    const first = (await login(world.users.A.team.email).expect(200)).body.accessToken;
    const second = (await login(world.users.A.team.email).expect(200)).body.accessToken;
    await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${first}`).expect(204);
    const refused = await me(first).expect(401);
    expect(refused.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(/session has ended/) });
    await me(second).expect(200);
    // signing out twice: the token is already refused
    await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${first}`).expect(401);
    const rows = await sessionRows(world.users.A.team.id);
    expect(rows.map((r: { ended_reason: string | null }) => r.ended_reason)).toContain('logout');
  });

  it('deactivation ends every session and refuses sign-in with the wrong-password answer', async () => {
    const user = world.users.A.team;
    const fresh = (await login(user.email).expect(200)).body.accessToken;
    const res = await patchUser(user, { active: false });
    expect(res.body).toMatchObject({ active: false });
    await me(user.token).expect(401);
    await me(fresh).expect(401);
    const deactivated = await login(user.email).expect(401);
    const wrong = await login(world.users.A.kpo.email, 'not-the-password').expect(401);
    expect(deactivated.body).toEqual(wrong.body);
    // the user is still there (audit names them), and reactivation lets them sign in again
    expect((await t.db.query(`SELECT active FROM users WHERE id = $1`, [user.id]))[0].active).toBe(false);
    await patchUser(user, { active: true });
    await login(user.email).expect(200);
    await me(user.token).expect(401); // old sessions stay ended
  });

  it('a change of role or of trust ends the sessions; a change of name does not', async () => {
    const team = world.users.A.team;
    await patchUser(team, { name: 'Renamed' });
    await me(team.token).expect(200);
    await patchUser(team, { role: 'kpo_lead' });
    await me(team.token).expect(401);
    const kpo = world.users.B.kpo;
    await patchUser(kpo, { trustId: world.trustA.id });
    await me(kpo.token).expect(401);
    // the new token carries the new trust
    const again = await login(kpo.email).expect(200);
    expect(again.body.user).toMatchObject({ trustId: world.trustA.id });
    expect((await sessionRows(kpo.id)).map((r: { ended_reason: string | null }) => r.ended_reason)).toEqual([
      'trust_changed',
      null,
    ]);
  });

  it('checks sessions in Redis, not PostgreSQL, per request; ends them there within 1 s', async () => {
    const ceo = world.users.B.ceo;
    const find = jest.spyOn(t.app.get(SessionRepository), 'find');
    await me(ceo.token).expect(200);
    await me(ceo.token).expect(200);
    expect(find).not.toHaveBeenCalled(); // the session row is read only when Redis does not know it
    find.mockRestore();
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const prefix = t.app.get(Environment).REDIS_PREFIX;
    const sid = JSON.parse(Buffer.from(ceo.token.split('.')[1], 'base64url').toString()).sid;
    expect(await redis.get(`${prefix}:session:${sid}`)).toBe(`live:${ceo.id}`);
    const started = Date.now();
    await patchUser(ceo, { active: false });
    await me(ceo.token).expect(401);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await redis.get(`${prefix}:session:${sid}`)).toBe('ended');
  });

  it('answers from PostgreSQL when Redis lost the session (restart without data), then caches again', async () => {
    const team = world.users.B.team;
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const prefix = t.app.get(Environment).REDIS_PREFIX;
    const sid = JSON.parse(Buffer.from(team.token.split('.')[1], 'base64url').toString()).sid;
    await redis.del(`${prefix}:session:${sid}`);
    await me(team.token).expect(200);
    expect(await redis.get(`${prefix}:session:${sid}`)).toBe(`live:${team.id}`);
    // an ended session whose Redis copy is gone stays ended
    await t.http().post('/api/auth/logout').set(bearer(team)).expect(204);
    await redis.del(`${prefix}:session:${sid}`);
    await me(team.token).expect(401);
    expect(await redis.get(`${prefix}:session:${sid}`)).toBe('ended');
  });
});
