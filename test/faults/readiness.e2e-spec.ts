// Readiness follows the rollup pipeline (SPEC §7) with the real processes: with the worker
// SIGKILLed (and no supervisor), writes still answer 201 but /api/health/ready turns 503 — first
// naming the rollups, once a change has waited longer than ROLLUP_MAX_LAG_SECONDS (3 s here), then
// also the worker, once its heartbeat is 30 s old — and answers 200 again soon after a worker runs.
import { randomBytes } from 'node:crypto';
import {
  createDatabase,
  databaseName,
  dropDatabase,
  ensureBuilt,
  Proc,
  startApi,
  startWorker,
  stopAll,
} from '../support/processes';
import {
  Answer,
  call,
  clearPrefix,
  closeClients,
  randomWaste,
  recordFaultFigures,
  seedFaultWorld,
  seeded,
} from './support';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

describe('readiness while no worker runs', () => {
  const name = databaseName('readiness');
  const prefix = `faults-ready-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let api: (Proc & { url: string }) | undefined;
  const workers: Proc[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
  });
  afterAll(async () => {
    closeClients();
    await stopAll([api, ...workers]);
    await clearPrefix(redisUrl, prefix);
    await dropDatabase(name);
  });

  it('answers 503 naming the lag, then the missing worker, and 200 once a worker is back', async () => {
    const env = {
      databaseUrl,
      redisUrl,
      redisPrefix: prefix,
      test: 'readiness',
      extra: { ROLLUP_MAX_LAG_SECONDS: '3', ROLLUP_JOB_LOCK_MS: '3000' },
    };
    api = await startApi(env);
    workers.push(await startWorker(env));
    const world = await seedFaultWorld(databaseUrl, api.url, 1);
    const ready = () => call(api!.url, 'GET', '/api/health/ready', { timeoutMs: 5000 });
    const pollUntil = async (what: string, check: (a: Answer) => boolean, timeoutMs: number) => {
      const started = Date.now();
      let last = '';
      const answer = await waitFor(
        async () => {
          const a = await ready();
          last = `${a.status} ${a.text}`;
          return check(a) && a;
        },
        { timeout: timeoutMs, interval: 200, what },
      ).catch(() => {
        throw new Error(`${what}: last ${last}`);
      });
      return { answer, ms: Date.now() - started };
    };
    await pollUntil('ready with a worker', (a) => a.status === 200, 15_000);

    await workers[0].kill();
    const killedAt = Date.now();
    const random = seeded(5);
    const write = await call(api.url, 'POST', '/api/waste-records', { token: world.kpo[0], body: randomWaste(random) });
    expect(write.status).toBe(201); // writes go on without a worker

    const error = (a: Answer) => (a.body.error ?? {}) as Record<string, { status: string; message: string }>;
    const lag = await pollUntil('503 naming the rollups', (a) => a.status === 503 && !!error(a).rollups, 15_000);
    expect(error(lag.answer).rollups.message).toMatch(
      /^rollups lag: a change has waited \d+ s for the rollups \(ROLLUP_MAX_LAG_SECONDS=3\)$/,
    );
    const lagSeconds = (Date.now() - killedAt) / 1000;

    const noWorker = await pollUntil('503 naming the worker', (a) => a.status === 503 && !!error(a).worker, 45_000);
    expect(error(noWorker.answer).worker.message).toBe('no worker heartbeat for 30 s: no worker is running');
    const noWorkerSeconds = (Date.now() - killedAt) / 1000;
    expect(noWorkerSeconds).toBeGreaterThanOrEqual(25); // the heartbeat counts for 30 s
    expect(noWorkerSeconds).toBeLessThan(40);

    workers.push(await startWorker(env));
    const back = await pollUntil('200 again', (a) => a.status === 200, 20_000);
    recordFaultFigures('readiness', {
      lagReportedAfterSeconds: lagSeconds,
      noWorkerReportedAfterSeconds: noWorkerSeconds,
      readyAgainAfterWorkerStartSeconds: back.ms / 1000,
    });
  });
});
