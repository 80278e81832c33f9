// Login rate limiting with its counters in Redis: a dedicated app with a limit of 3 per minute
// and a Redis prefix of its own, so counters never leak between runs or into other specs.
import { REDIS_CLIENT } from '@app/queue';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createTestApp, PASSWORD, seedWorld, TestApp } from '../support/test-app';

describe('login rate limit', () => {
  const saved = { limit: process.env.LOGIN_RATE_LIMIT, prefix: process.env.REDIS_PREFIX };
  const prefix = `${process.env.REDIS_PREFIX ?? 'test'}-thr-${randomBytes(4).toString('hex')}`;
  let t: TestApp;

  beforeAll(async () => {
    process.env.LOGIN_RATE_LIMIT = '3';
    process.env.REDIS_PREFIX = prefix;
    t = await createTestApp();
  });
  beforeEach(async () => {
    await seedWorld(t);
  });
  afterAll(async () => {
    await t.close();
    process.env.LOGIN_RATE_LIMIT = saved.limit;
    process.env.REDIS_PREFIX = saved.prefix;
  });

  // Each case is its own client (X-Forwarded-For from loopback is trusted), so cases do not
  // share a counter.
  const from = (client: string) => (email: string, password: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', client).send({ email, password });

  it('answers 429 on the 4th attempt within a minute, even with the right password', async () => {
    const attempt = from('203.0.113.10');
    await attempt('team.aaa@test.nhs.uk', 'wrong').expect(401);
    await attempt('team.aaa@test.nhs.uk', 'wrong').expect(401);
    await attempt('team.aaa@test.nhs.uk', PASSWORD).expect(200);
    const blocked = await attempt('team.aaa@test.nhs.uk', PASSWORD).expect(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(blocked.headers['retry-after-login'])).toBeGreaterThan(0);
    expect(blocked.body.accessToken).toBeUndefined();
    await attempt('ghost@test.nhs.uk', 'wrong').expect(429);
  });

  it('counts per client: another client still signs in', async () => {
    const noisy = from('203.0.113.20');
    for (let i = 0; i < 3; i++) await noisy('team.aaa@test.nhs.uk', 'wrong').expect(401);
    await noisy('team.aaa@test.nhs.uk', 'wrong').expect(429);
    await from('203.0.113.21')('team.aaa@test.nhs.uk', PASSWORD).expect(200);
  });

  it('keeps its counters in Redis under the configured prefix', async () => {
    const attempt = from('203.0.113.30');
    await attempt('team.aaa@test.nhs.uk', 'wrong').expect(401);
    const redis = t.app.get<Redis>(REDIS_CLIENT);
    const keys = await redis.keys(`${prefix}:throttle:login:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('does not throttle signed-in routes', async () => {
    const attempt = from('203.0.113.40');
    const { body } = await attempt('team.aaa@test.nhs.uk', PASSWORD).expect(200);
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .get('/api/auth/me')
        .set('X-Forwarded-For', '203.0.113.40')
        .set('Authorization', `Bearer ${body.accessToken}`)
        .expect(200);
    }
  });
});
