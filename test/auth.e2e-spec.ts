import { bearer, createTestApp, PASSWORD, seedWorld, TestApp, World } from './support/test-app';

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

  it('answers a token and the user for the right password', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'TEAM.aaa@test.nhs.uk', password: PASSWORD }).expect(200);
    expect(res.body.user).toMatchObject({ email: 'team.aaa@test.nhs.uk', role: 'improvement_team', trustId: world.trustA.id });
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(world.users.A.team.id);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ email: 'team.aaa@test.nhs.uk', password: 'nope' }).expect(401);
    const unknown = await t.http().post('/api/auth/login').send({ email: 'ghost@test.nhs.uk', password: 'nope' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('me answers the caller from the token', async () => {
    const res = await t.http().get('/api/auth/me').set(bearer(world.users.B.ceo)).expect(200);
    expect(res.body).toMatchObject({ role: 'trust_ceo', trustId: world.trustB.id });
  });
});
