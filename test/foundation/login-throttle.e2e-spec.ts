// Sign-in throttling by failures (SPEC §6), counters in Redis: per account 5 failures within 15 min,
// per client address 50. test/security/rate-limit.e2e-spec.ts has the crowd and attack cases.
import { Environment } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import type Redis from 'ioredis';
import { createTestApp, PASSWORD, seedWorld, TestApp, World } from '../support/test-app';

describe('sign-in throttle by failures', () => {
  let t: TestApp;
  let world: World;
  let client = 0;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  // X-Forwarded-For from loopback is trusted: each case is a client address of its own.
  const newClient = () => `203.0.113.${++client}`;
  const from = (address: string) => (email: string, password: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('6 wrong passwords for one account: 5 × 401, then 429 with Retry-After, and no other account', async () => {
    const attempt = from(newClient());
    const email = world.users.A.team.email;
    for (let i = 0; i < 5; i++) await attempt(email, `wrong-${i}`).expect(401);
    const blocked = await attempt(email, 'wrong-5').expect(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(blocked.body.message).toMatch(/too many failed sign-in attempts/);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // the right password does not help while the window lasts, from any address
    await attempt(email, PASSWORD).expect(429);
    await from(newClient())(email, PASSWORD).expect(429);
    // every other account signs in, from the same address too
    await attempt(world.users.A.kpo.email, PASSWORD).expect(200);
    await from(newClient())(world.users.B.team.email, PASSWORD).expect(200);
  });

  it('lets the account in again once the window has passed', async () => {
    const attempt = from(newClient());
    const email = world.users.B.kpo.email;
    for (let i = 0; i < 5; i++) await attempt(email, `wrong-${i}`).expect(401);
    await attempt(email, PASSWORD).expect(429);
    // shorten the window rather than wait 15 minutes
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.app.get(Environment).REDIS_PREFIX}:login-failures:account:*`);
    expect(keys).toHaveLength(1);
    await redis.pexpire(keys[0], 300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await attempt(email, PASSWORD).expect(200);
  });

  it('never counts a successful sign-in', async () => {
    const attempt = from(newClient());
    const email = world.users.A.ceo.email;
    for (let i = 0; i < 20; i++) await attempt(email, PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await attempt(email, `wrong-${i}`).expect(401);
    await attempt(email, PASSWORD).expect(200);
  });

  it('throttles an unknown email exactly like a known one, so 429 says nothing about which exist', async () => {
    const attempt = from(newClient());
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) known.push((await attempt(world.users.B.ceo.email, `wrong-${i}`)).status);
    for (let i = 0; i < 6; i++) unknown.push((await attempt('ghost@test.nhs.uk', `wrong-${i}`)).status);
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
  });

  it('keeps its counters in Redis under the prefix, naming no email', async () => {
    await from(newClient())(world.users.A.team.email, 'wrong').expect(401);
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${t.app.get(Environment).REDIS_PREFIX}:login-failures:*`);
    expect(keys.length).toBe(2); // the account and the address
    expect(keys.join(' ')).not.toMatch(/@|team/);
  });

  it('does not throttle signed-in routes', async () => {
    const address = newClient();
    const { body } = await from(address)(world.users.A.team.email, PASSWORD).expect(200);
    for (let i = 0; i < 10; i++) {
      await t
        .http()
        .get('/api/auth/me')
        .set('X-Forwarded-For', address)
        .set('Authorization', `Bearer ${body.accessToken}`)
        .expect(200);
    }
  });
});
