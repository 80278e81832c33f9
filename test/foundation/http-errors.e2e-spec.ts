// Errors a client can cause answer 4xx in Nest's shape, never 500 (SPEC §4).
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';

describe('request errors', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const trustCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM trusts`))[0].n);

  it('answers 413 for a JSON body over 1 MB, and accepts one just under', async () => {
    const big = JSON.stringify({ code: 'BIG', name: 'x'.repeat(1024 * 1024 + 1) });
    const res = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .set('Content-Type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'the request body is larger than the 1 MB limit',
    });
    // Under the limit the body reaches validation (and the name's 200-character rule).
    const under = JSON.stringify({ code: 'BIG', name: 'x'.repeat(1000 * 1000) });
    const ok = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .set('Content-Type', 'application/json')
      .send(under)
      .expect(400);
    expect(JSON.stringify(ok.body.message)).toMatch(/name must be shorter than or equal to 200 characters/);
    expect(await trustCount()).toBe(2);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .set('Content-Type', 'application/json')
      .send('{"code": "BAD", "name": ')
      .expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: ['body must be valid JSON'] });
    expect(await trustCount()).toBe(2);
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    for (const body of ['null', '"text"', '42']) {
      await t
        .http()
        .post('/api/trusts')
        .set(bearer(world.users.admin))
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
    }
    const array = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .send([{ code: 'ARR', name: 'Array' }])
      .expect(400);
    expect(array.body.statusCode).toBe(400);
    expect(await trustCount()).toBe(2);
  });

  it('answers 415 for a JSON body in another charset', async () => {
    const res = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{"code":"LAT","name":"Latin"}')
      .expect(415);
    expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
  });

  it('answers 400 naming an unknown field, and stores nothing', async () => {
    const res = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .send({ code: 'UNK', name: 'Unknown', foo: 1 })
      .expect(400);
    expect(res.body.message).toContain('property foo should not exist');
    const patch = await t
      .http()
      .patch(`/api/users/${world.users.A.team.id}`)
      .set(bearer(world.users.admin))
      .send({ version: 1, passwordHash: 'x' })
      .expect(400);
    expect(patch.body.message).toContain('property passwordHash should not exist');
    const query = await t.http().get('/api/users?bar=1').set(bearer(world.users.admin)).expect(400);
    expect(query.body.message).toContain('property bar should not exist');
    expect(await trustCount()).toBe(2);
  });

  it('answers 400 naming each failing field', async () => {
    const res = await t
      .http()
      .post('/api/users')
      .set(bearer(world.users.admin))
      .send({ email: 'not-an-email', name: '', role: 'boss', password: 'short' })
      .expect(400);
    const message = JSON.stringify(res.body.message);
    for (const field of ['email', 'name', 'role', 'password']) expect(message).toContain(field);
  });

  it('answers 400 for a malformed UUID in a path', async () => {
    const res = await t.http().get('/api/trusts/not-a-uuid').set(bearer(world.users.admin)).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/uuid/) });
    await t.http().get('/api/trusts/%FF').set(bearer(world.users.admin)).expect(400);
    await t.http().patch('/api/users/123').set(bearer(world.users.admin)).send({ version: 1, name: 'X' }).expect(400);
  });

  it('answers 400 for a malformed UUID in a query', async () => {
    const res = await t.http().get('/api/audit?entityId=nope').set(bearer(world.users.admin)).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/entityId must be a UUID/);
  });

  it('answers 404 in Nest shape for an unknown route, after authentication', async () => {
    await t.http().get('/api/no-such-route').expect(404);
  });

  it('sends security headers and a request id', async () => {
    const res = await t.http().get('/api/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
