// Liveness and readiness (SPEC §4): ready checks PostgreSQL and Redis and answers 503 when
// either is down. The outage is a second app instance pointed at a closed port.
import { createTestApp, seedWorld, TestApp } from '../support/test-app';

describe('health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await seedWorld(t);
  });
  afterAll(() => t.close());

  it('live answers 200 without a token', async () => {
    const res = await t.http().get('/api/health/live').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('ready answers 200 when PostgreSQL and Redis answer', async () => {
    const res = await t.http().get('/api/health/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  describe('with Redis unreachable', () => {
    const saved = process.env.REDIS_URL;
    let down: TestApp;

    beforeAll(async () => {
      process.env.REDIS_URL = 'redis://127.0.0.1:6399'; // nothing listens here
      down = await createTestApp();
    });
    afterAll(async () => {
      await down.close();
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    });

    it('ready answers 503 naming Redis, and PostgreSQL stays up', async () => {
      const started = Date.now();
      const res = await down.http().get('/api/health/ready').expect(503);
      expect(res.body).toMatchObject({
        status: 'error',
        error: { redis: { status: 'down' } },
        info: { postgres: { status: 'up' } },
      });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('live still answers 200', async () => {
      await down.http().get('/api/health/live').expect(200);
    });

    it('login still works: the throttler fails open rather than lock everyone out', async () => {
      await down
        .http()
        .post('/api/auth/login')
        .send({ email: 'team.aaa@test.nhs.uk', password: 'improve-together' })
        .expect(200);
    });

    it('the healthy instance is unaffected', async () => {
      await t.http().get('/api/health/ready').expect(200);
    });
  });
});
