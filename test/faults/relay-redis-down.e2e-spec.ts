// The relay never holds a transaction open while it waits for Redis (issue 11): with the worker's
// Redis stopped (a redis-server of the test's own) and marks waiting to be relayed, no session of
// the test database stays `idle in transaction` for more than a moment, sampled every 100 ms for
// 12 s; the relay says it retries, and once Redis is back every mark is relayed and cleared.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  createDatabase,
  databaseName,
  dropDatabase,
  ensureBuilt,
  freePortFrom,
  Proc,
  startRedis,
  startWorker,
  stopAll,
} from '../support/processes';
import { recordFaultFigures, pace, TODAY } from './support';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

describe('the relay while Redis is unreachable', () => {
  const name = databaseName('relay_redis');
  const prefix = `faults-relay-${randomBytes(3).toString('hex')}`;
  let databaseUrl: string;
  let redis: Proc | undefined;
  let worker: Proc | undefined;
  let db: Client | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
  });
  afterAll(async () => {
    await db?.end();
    await stopAll([worker, redis]);
    await dropDatabase(name);
  });

  it('leaves no session idle in transaction, and relays every mark once Redis is back', async () => {
    const port = await freePortFrom(6390 + ((process.pid + 37) % 100));
    redis = await startRedis(port, 'relay-redis-down');
    const env = {
      databaseUrl,
      redisUrl: `redis://127.0.0.1:${port}`,
      redisPrefix: prefix,
      test: 'relay-redis-down',
      extra: { ROLLUP_RELAY_POLL_MS: '200', ROLLUP_RECLAIM_AFTER_MS: '5000' },
    };
    worker = await startWorker(env);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query(`INSERT INTO trusts (code, name) VALUES ('RLY', 'Relay trust') RETURNING id`);
    const trustId = rows[0].id as string;

    await redis.signal('SIGTERM');
    await redis.exited;
    // marks to relay while Redis is away: 200 buckets, written in a few commits
    for (let i = 0; i < 4; i++) {
      await db.query(
        `INSERT INTO rollup_marks (trust_id, day) SELECT $1, $2::date - g FROM generate_series($3::int, $3::int + 49) g`,
        [trustId, TODAY, i * 50],
      );
      await pace(100);
    }
    // a fixed window, sampled: the claim must never hold a transaction open while Redis is away
    let longest = 0;
    let samples = 0;
    const started = Date.now();
    while (Date.now() - started < 12_000) {
      const { rows: idle } = await db.query(
        `SELECT coalesce(max(extract(epoch FROM clock_timestamp() - state_change)), 0)::float8 AS seconds
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
      );
      longest = Math.max(longest, Number(idle[0].seconds));
      samples++;
      await pace(100);
    }
    expect(worker.output()).toMatch(/relay failed, retrying on the next poll/); // it did try, and gave up
    expect(longest).toBeLessThan(1);
    const { rows: pending } = await db.query(`SELECT count(*)::int AS n FROM rollup_marks`);
    expect(pending[0].n).toBe(200); // nothing lost: the marks wait in PostgreSQL

    redis = await startRedis(port, 'relay-redis-down');
    const back = Date.now();
    await waitFor(async () => (await db!.query(`SELECT count(*)::int AS n FROM rollup_marks`)).rows[0].n === 0, {
      timeout: 60_000,
      interval: 200,
      what: 'every mark relayed and cleared after Redis came back',
    });
    recordFaultFigures('relay-redis-down', {
      samples,
      longestIdleInTransactionSeconds: longest,
      clearedAfterRedisBackSeconds: (Date.now() - back) / 1000,
    });
  });
});
