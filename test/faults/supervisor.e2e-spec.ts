// `npm start` supervises the API and the worker (SPEC §7): the worker SIGKILLed while changes stream
// in is restarted within 5 seconds and the dashboards catch up with the raw truth; killed again at
// once, it is restarted after a longer back-off, and the log says so; Ctrl-C (SIGINT) still stops
// everything npm start started. The supervisor is scripts/start.mjs itself, run against the test's
// database and Redis prefix with `--no-build --no-seed`.
import { randomBytes } from 'node:crypto';
import {
  createDatabase,
  databaseName,
  dropDatabase,
  ensureBuilt,
  pidAlive,
  Proc,
  startSupervisor,
  supervisedPids,
} from '../support/processes';
import {
  call,
  clearPrefix,
  closeClients,
  dashboardDifferences,
  pool,
  randomWaste,
  recordFaultFigures,
  seedFaultWorld,
  seeded,
  pace,
  waitUntilFresh,
} from './support';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

async function waitUntil(what: string, check: () => boolean, timeout: number): Promise<number> {
  const started = Date.now();
  await waitFor(check, { timeout, interval: 25, what });
  return Date.now() - started;
}

describe('npm start supervising the API and the worker', () => {
  const name = databaseName('supervisor');
  const prefix = `faults-super-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let supervisor: (Proc & { url: string }) | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
  });
  afterAll(async () => {
    closeClients();
    if (supervisor?.alive) {
      supervisor.signal('SIGINT');
      await Promise.race([supervisor.exited, pace(30_000)]);
    }
    // whatever is left (a failed run): the supervisor and the children it reported, by pid
    if (supervisor) {
      for (const pid of [...supervisedPids(supervisor, 'api'), ...supervisedPids(supervisor, 'worker')])
        if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
      await supervisor.kill();
    }
    await clearPrefix(redisUrl, prefix);
    await dropDatabase(name);
  });

  it('restarts a SIGKILLed worker within 5 s, backs off when it keeps dying, and stops on Ctrl-C', async () => {
    supervisor = await startSupervisor({
      databaseUrl,
      redisUrl,
      redisPrefix: prefix,
      test: 'supervisor',
      // a killed worker's job is taken over in seconds, not the default 30 s
      extra: { ROLLUP_JOB_LOCK_MS: '3000', ROLLUP_RECLAIM_AFTER_MS: '5000' },
    });
    const sup = supervisor;
    await sup.waitFor(/worker started/);
    const world = await seedFaultWorld(databaseUrl, sup.url, 2);
    const random = seeded(11);
    const write = (count: number) =>
      pool(count, 8, async (i) => {
        const res = await call(sup.url, 'POST', '/api/waste-records', {
          token: world.kpo[i % 2],
          body: randomWaste(random),
        });
        expect(res.status).toBe(201);
        written++;
      });
    let written = 0;
    await write(100);

    // SIGKILL the worker by the pid npm start reported, while writes go on
    const [firstWorker] = supervisedPids(sup, 'worker');
    const writing = write(300);
    await waitUntil('writes under way', () => written >= 120, 30_000);
    const killedAt = Date.now();
    process.kill(firstWorker, 'SIGKILL');
    await waitUntil('restarted', () => supervisedPids(sup, 'worker').length === 2, 5000);
    const startedCount = () => (sup.output().match(/worker started/g) ?? []).length;
    await waitUntil('the new worker started', () => startedCount() === 2, 15_000);
    const restartMs = Date.now() - killedAt;
    expect(sup.output()).toMatch(/\[start\] worker was killed by SIGKILL after [\d.]+ s; restarting it in 1 s/);
    expect(restartMs).toBeLessThan(5000 + 3000); // restarted within 5 s, then Nest's own start-up
    await writing;

    // the dashboards catch up with every change, including those written while no worker ran
    const convergeMs = await waitUntilFresh(sup.url, world.admin, 60_000);
    const differences = await dashboardDifferences(
      sup.url,
      world.admin,
      databaseUrl,
      world.trusts.map((t) => t.id),
    );
    expect(differences.slice(0, 20)).toEqual([]);

    // killed again straight away: it keeps dying, so the next restart waits longer, and says so
    const second = supervisedPids(sup, 'worker')[1];
    process.kill(second, 'SIGKILL');
    await waitUntil('second restart', () => supervisedPids(sup, 'worker').length === 3, 10_000);
    expect(sup.output()).toMatch(
      /\[start\] worker was killed by SIGKILL after [\d.]+ s; restarting it in 2 s; it keeps dying \(2 times in a row\), backing off/,
    );
    await waitUntil('the third worker started', () => startedCount() === 3, 20_000);

    // Ctrl-C stops the supervisor, the API and the worker; nothing is restarted
    const api = supervisedPids(sup, 'api');
    const workers = supervisedPids(sup, 'worker');
    expect(api).toHaveLength(1); // the API was never restarted
    sup.signal('SIGINT');
    const exit = await sup.exited;
    expect(exit.code).toBe(0);
    expect([...api, ...workers].filter(pidAlive)).toEqual([]);
    expect(supervisedPids(sup, 'worker')).toHaveLength(3);

    recordFaultFigures('supervisor', {
      workerRestartSeconds: restartMs / 1000,
      convergeSeconds: convergeMs / 1000,
      figureDifferences: differences.length,
    });
  });
});
