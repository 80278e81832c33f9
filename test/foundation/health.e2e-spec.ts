// Liveness and readiness (SPEC §4, §7): ready checks PostgreSQL and Redis and answers 503 when
// either is down (the outage is a second app instance pointed at a closed port), and answers 503
// when the rollup pipeline lags: no worker heartbeat, or a pending mark older than
// ROLLUP_MAX_LAG_SECONDS; the body names the check that failed.
import { WORKER_HEARTBEAT_TTL_MS, workerHeartbeatKey } from '@app/queue';
import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { clearQueues, testWorker } from '../rollups/rollup-support';
import { createTestApp, seedWorld, TestApp } from '../support/test-app';

const heartbeatKey = () => workerHeartbeatKey(process.env.REDIS_PREFIX as string);

async function withRedis<T>(fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

describe('health', () => {
  let t: TestApp;

  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    await clearQueues();
    t = await createTestApp();
    worker = await testWorker();
  });
  beforeEach(async () => {
    await seedWorld(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('live answers 200 without a token', async () => {
    const res = await t.http().get('/api/health/live').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('ready answers 200 when PostgreSQL and Redis answer and a worker keeps the rollups up', async () => {
    const res = await t.http().get('/api/health/ready').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: {
        postgres: { status: 'up' },
        redis: { status: 'up' },
        rollups: { status: 'up', oldestPendingSeconds: null, maxLagSeconds: 60 },
        worker: { status: 'up', lastHeartbeat: { pid: process.pid } },
      },
    });
  });

  describe('when the rollup pipeline lags', () => {
    // The worker stops for these cases, so nothing clears marks or beats; the heartbeat it left is
    // removed (it would otherwise count for 30 s), or written by hand to stand for a stuck worker.
    beforeAll(async () => {
      await worker?.close();
      worker = undefined;
      await withRedis((redis) => redis.del(heartbeatKey()));
    });
    afterAll(async () => {
      await t.db.query(`DELETE FROM rollup_marks`);
      worker = await testWorker();
    });

    it('answers 503 naming the worker when no worker heartbeat is alive', async () => {
      const res = await t.http().get('/api/health/ready').expect(503);
      expect(res.body).toMatchObject({
        status: 'error',
        error: { worker: { status: 'down', message: 'no worker heartbeat for 30 s: no worker is running' } },
        info: { postgres: { status: 'up' }, redis: { status: 'up' }, rollups: { status: 'up' } },
      });
    });

    it('answers 503 naming the rollups when a change has waited longer than ROLLUP_MAX_LAG_SECONDS', async () => {
      // a live heartbeat (a worker that beats but does not keep up) and one mark 61 s old
      await withRedis((redis) => redis.set(heartbeatKey(), JSON.stringify({ pid: 0 }), 'PX', WORKER_HEARTBEAT_TTL_MS));
      const trustId = (await t.db.query(`SELECT id FROM trusts LIMIT 1`))[0].id as string;
      await t.db.query(`DELETE FROM rollup_marks`);
      await t.db.query(
        `INSERT INTO rollup_marks (trust_id, day, marked_at) VALUES ($1, current_date, clock_timestamp() - interval '61 seconds')`,
        [trustId],
      );
      const res = await t.http().get('/api/health/ready').expect(503);
      expect(res.body.error).toEqual({
        rollups: {
          status: 'down',
          message: expect.stringMatching(
            /^rollups lag: a change has waited 6\d s for the rollups \(ROLLUP_MAX_LAG_SECONDS=60\)$/,
          ),
          responseTime: expect.any(Number),
        },
      });
      expect(res.body.info.worker.status).toBe('up');

      // a mark within the limit is not a lag
      await t.db.query(`UPDATE rollup_marks SET marked_at = clock_timestamp() - interval '30 seconds'`);
      await t.http().get('/api/health/ready').expect(200);
    });
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
