// The worker as its own process (apps/worker/src/main.ts, compiled on the fly): SIGTERM lets the job
// in flight finish before the process exits; SIGKILL mid-job, then a restart, still ends with
// exactly the figures raw rows define.
import { addDays } from '@app/domain';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestApp, seedWorld, TestApp, TestUser, World } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import {
  bearer,
  clearQueues,
  expectedFromRaw,
  inParallel,
  randomWaste,
  seeded,
  TODAY,
  waitUntilFresh,
} from './rollup-support';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '../..');

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

async function spawnWorker(): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', './test/rollups/run-ts.cjs', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ROLLUP_JOB_LOCK_MS: '2000', ROLLUP_CONCURRENCY: '2', LOG_LEVEL: 'log' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output}`);
      return output.includes('worker started');
    },
    { timeout: 60_000, interval: 100, what: 'the worker to start' },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`);
  });
  return { child, exited, output: () => output };
}

describe('worker process', () => {
  let t: TestApp;
  let world: World;
  let running: WorkerProcess[] = [];

  beforeAll(async () => {
    await clearQueues();
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterEach(async () => {
    for (const w of running) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    running = [];
  });
  afterAll(() => t.close());

  const start = async () => {
    const w = await spawnWorker();
    running.push(w);
    return w;
  };

  const createWaste = (user: TestUser, body: object) =>
    t.http().post('/api/waste-records').set(bearer(user)).send(body).expect(201);

  /** Holds one bucket's rollup row so its next job stops inside its transaction, mid-computation. */
  async function holdBucket(trustId: string, day: string) {
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT * FROM rollup_daily WHERE trust_id = $1 AND day = $2 FOR UPDATE`, [trustId, day]);
    return async () => {
      await holder.commitTransaction();
      await holder.release();
    };
  }

  async function jobBlockedOnRollup(): Promise<void> {
    await waitFor(
      async () => {
        const [row] = await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event <> 'advisory' AND query LIKE '%kaizen-rollups:%'`,
        );
        return row.n > 0;
      },
      { timeout: 20_000, what: 'a job to reach the held rollup row' },
    );
  }

  const base = { wasteType: 'transport', description: 'porter waits', patientImpact: 'low', occurrences: 2 };

  it('finishes the job in flight on SIGTERM before it exits', async () => {
    const day = addDays(TODAY, -4);
    const worker = await start();
    await createWaste(world.users.A.team, { ...base, observedOn: day, minutesLost: 5 });
    await waitUntilFresh(t, world.users.admin);

    const release = await holdBucket(world.trustA.id, day);
    await createWaste(world.users.A.team, { ...base, observedOn: day, minutesLost: 7 });
    await jobBlockedOnRollup();
    worker.child.kill('SIGTERM');
    // the signal has been taken (the log says so), and the worker waits for its job instead of exiting
    await waitFor(() => worker.output().includes('finishing jobs in flight'), { what: 'the shutdown to begin' });
    expect(worker.child.exitCode).toBeNull();
    await release();
    await worker.exited;
    expect(worker.output()).toMatch(/finishing jobs in flight[\s\S]*jobs finished; closing connections/);
    // the job completed before the exit: nothing pending, the figure includes the second record
    const res = await t
      .http()
      .get(`/api/dashboards/trusts/${world.trustA.id}?from=${day}&to=${day}`)
      .set(bearer(world.users.admin))
      .expect(200);
    expect(res.body.freshness.pendingChanges).toBe(0);
    expect(res.body.totals).toMatchObject({ wasteRecords: 2, minutesLost: 24 });
  });

  it('killed mid-job and restarted, ends with exactly the figures of the raw rows', async () => {
    const random = seeded(11);
    const day = addDays(TODAY, -6);
    const worker = await start();
    await createWaste(world.users.B.team, { ...base, observedOn: day, minutesLost: 3 });
    await waitUntilFresh(t, world.users.admin);

    const release = await holdBucket(world.trustB.id, day);
    await createWaste(world.users.B.team, { ...base, observedOn: day, minutesLost: 11 });
    await inParallel(Array.from({ length: 40 }, () => () => createWaste(world.users.A.team, randomWaste(random, 30))));
    await jobBlockedOnRollup();
    worker.child.kill('SIGKILL');
    await worker.exited;
    await release(); // the dead worker's transaction never commits
    // changes keep coming while no worker runs
    await inParallel(Array.from({ length: 40 }, () => () => createWaste(world.users.B.team, randomWaste(random, 30))));

    await start(); // afterEach stops it
    await waitUntilFresh(t, world.users.admin, 90_000);
    for (const trust of [world.trustA, world.trustB]) {
      const from = addDays(TODAY, -40);
      const res = await t
        .http()
        .get(`/api/dashboards/trusts/${trust.id}?from=${from}&to=${TODAY}&granularity=day`)
        .set(bearer(world.users.regulator))
        .expect(200);
      const expected = await expectedFromRaw(t, trust.id, from, TODAY, 'day');
      expect(res.body.totals).toEqual(expected.totals);
      for (const point of res.body.series) {
        const want = expected.series.get(point.periodStart);
        expect([point.periodStart, point.minutesLost, point.wasteRecords]).toEqual([
          point.periodStart,
          want?.minutesLost ?? 0,
          want?.wasteRecords ?? 0,
        ]);
      }
    }
  });
});
