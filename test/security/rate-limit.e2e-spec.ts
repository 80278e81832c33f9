// Login rate limiting under attack (test/foundation/login-throttle.e2e-spec.ts has the basic 429):
// a burst of simultaneous attempts lets exactly the limit through, attempts across many accounts
// and malformed attempts all count, and two API instances share one budget through Redis.
import { randomBytes } from 'node:crypto';
import { createTestApp, PASSWORD, seedWorld, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const LIMIT = 5;

describe('login rate limit under attack', () => {
  const saved = { limit: process.env.LOGIN_RATE_LIMIT, prefix: process.env.REDIS_PREFIX };
  const prefix = `${process.env.REDIS_PREFIX ?? 'test'}-sec-${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let second: TestApp;
  let client = 0;

  beforeAll(async () => {
    process.env.LOGIN_RATE_LIMIT = String(LIMIT);
    process.env.REDIS_PREFIX = prefix;
    t = await createTestApp();
    second = await createTestApp();
  });
  beforeEach(async () => {
    await seedWorld(t);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    process.env.LOGIN_RATE_LIMIT = saved.limit;
    process.env.REDIS_PREFIX = saved.prefix;
  });

  /** A client address of its own per test (X-Forwarded-For from loopback is trusted). */
  const newClient = () => `198.51.100.${++client}`;
  const attempt = (app: TestApp, from: string, body: object | string) => {
    const req = app.http().post('/api/auth/login').set('X-Forwarded-For', from);
    return typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body);
  };

  it('lets exactly the limit through a burst of 40 simultaneous attempts', async () => {
    const from = newClient();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt(t, from, { email: 'team.aaa@test.nhs.uk', password: i % 2 ? PASSWORD : 'wrong' }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s !== 429)).toHaveLength(LIMIT);
    expect(answers.filter((s) => s === 429)).toHaveLength(40 - LIMIT);
    // and the next one, with the right password, is still refused
    await attempt(t, from, { email: 'team.aaa@test.nhs.uk', password: PASSWORD }).expect(429);
  });

  it('counts attempts on many accounts from one client (credential stuffing)', async () => {
    const from = newClient();
    const emails = [
      'team.aaa@test.nhs.uk',
      'kpo.aaa@test.nhs.uk',
      'ceo.bbb@test.nhs.uk',
      'admin@test.nhs.uk',
      'ghost@test.nhs.uk',
    ];
    for (const email of emails) await attempt(t, from, { email, password: 'Summer2025!' }).expect(401);
    const res = await attempt(t, from, { email: 'regulator@test.nhs.uk', password: PASSWORD }).expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(res.body.accessToken).toBeUndefined();
  });

  it('counts invalid attempts too, so they cannot probe for free', async () => {
    const from = newClient();
    // JSON that does not parse never reaches a password check, so it costs nothing either way
    await attempt(t, from, '{"email":').expect(400);
    await attempt(t, from, { email: 'team.aaa@test.nhs.uk' }).expect(400);
    await attempt(t, from, { email: 'team.aaa@test.nhs.uk', password: '' }).expect(400);
    await attempt(t, from, { email: ['team.aaa@test.nhs.uk'], password: { $ne: null } }).expect(400);
    await attempt(t, from, { email: 'team.aaa@test.nhs.uk', password: PASSWORD, role: 'admin' }).expect(400);
    await attempt(t, from, { email: 'team.aaa@test.nhs.uk', password: 'wrong' }).expect(401);
    await attempt(t, from, { email: 'team.aaa@test.nhs.uk', password: PASSWORD }).expect(429);
  });

  it('shares one budget between two API instances (counters live in Redis)', async () => {
    const from = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const app = i % 2 ? second : t;
      statuses.push((await attempt(app, from, { email: 'team.aaa@test.nhs.uk', password: 'wrong' })).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
  });
});
