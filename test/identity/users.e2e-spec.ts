// Passwords and who manages whom (SPEC §6) through the users routes: the password rules answer 400
// naming `password`; setting someone's password is audited as `password: "set"`, never the hash.
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';

describe('user passwords and management', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const create = (password: unknown, email = 'jane.doe@test.nhs.uk') =>
    t.http().post('/api/users').set(bearer(world.users.admin)).send({
      email,
      name: 'Jane',
      role: 'improvement_team',
      trustId: world.trustA.id,
      password,
    });
  const versionOf = async (id: string) =>
    (await t.db.query(`SELECT version FROM users WHERE id = $1`, [id]))[0].version as number;

  it.each([
    ['too short', 'short-pass', /^password must be at least 12 characters long$/],
    ['among the 10,000 most common', 'qwerty123456', /^password is one of the 10,000 most common passwords/],
    ['common, in capitals', 'QWERTY123456', /^password is one of the 10,000 most common passwords/],
    ['containing the email local part', 'Jane.Doe-in-2025!', /^password must not contain the part of the email/],
  ])('a new user’s password %s', async (_label, password, rule) => {
    const res = await create(password);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([expect.stringMatching(rule)]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'jane.doe@test.nhs.uk'`))[0].n).toBe(
      0,
    );
  });

  it('the demo password passes the rules', async () => {
    await create('improve-together').expect(201);
  });

  it('holds a password change to the same rules, against the user’s own email', async () => {
    const team = world.users.A.team; // team.aaa@test.nhs.uk
    const change = async (password: unknown) =>
      t
        .http()
        .patch(`/api/users/${team.id}`)
        .set(bearer(world.users.admin))
        .send({ version: await versionOf(team.id), password });
    expect((await change('my-team.AAA-password')).body.message).toEqual([expect.stringMatching(/must not contain/)]);
    expect((await change('1qaz2wsx3edc')).body.message).toEqual([expect.stringMatching(/most common/)]);
    expect((await change(12345678901234)).body.message).toContain('password must be a string');
    await change('a-long-enough-password').then((r) => expect(r.status).toBe(200));
    await t.http().post('/api/auth/login').send({ email: team.email, password: 'a-long-enough-password' }).expect(200);
  });

  it('audits setting another user’s password as password: "set", never the hash', async () => {
    const team = world.users.A.team;
    await t
      .http()
      .patch(`/api/users/${team.id}`)
      .set(bearer(world.users.A.kpo))
      .send({ version: await versionOf(team.id), password: 'a-long-enough-password', name: 'Renamed' })
      .expect(200);
    const [entry] = await t.db.query(
      `SELECT actor_id, changes FROM audit_entries WHERE entity = 'user' AND entity_id = $1 AND action = 'update'`,
      [team.id],
    );
    expect(entry.actor_id).toBe(world.users.A.kpo.id);
    expect(entry.changes).toEqual({ password: 'set', name: { before: 'team.aaa', after: 'Renamed' } });
    expect(JSON.stringify(entry.changes)).not.toMatch(/argon2|a-long-enough/);
  });

  it('answers 400 naming the field for a bad active flag', async () => {
    const team = world.users.A.team;
    for (const active of ['no', null, 0]) {
      const res = await t
        .http()
        .patch(`/api/users/${team.id}`)
        .set(bearer(world.users.admin))
        .send({ version: await versionOf(team.id), active });
      expect({ active, status: res.status }).toEqual({ active, status: 400 });
      expect(JSON.stringify(res.body.message)).toMatch(/active must be a boolean/);
    }
  });

  it('lists users with their active flag, and never deletes them', async () => {
    const res = await t.http().get('/api/users').set(bearer(world.users.admin)).expect(200);
    expect(res.body.items.every((u: { active: boolean }) => u.active === true)).toBe(true);
    await t.http().delete(`/api/users/${world.users.A.team.id}`).set(bearer(world.users.admin)).expect(404);
  });
});
