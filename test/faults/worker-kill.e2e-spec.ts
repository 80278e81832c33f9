// The worker killed with SIGKILL three times while FAULTS_RECORDS (default 20,000) changes stream in
// through the API — mostly new waste records at 16 at a time, with updates that move records between
// buckets, deletes and improvement events — then restarted: every dashboard figure equals the raw
// truth (independent SQL over the raw rows), no acknowledged record is lost, none is counted twice.
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
  dashboardDifferences,
  lostWrites,
  pool,
  randomEvent,
  randomWaste,
  recordFaultFigures,
  seedFaultWorld,
  seeded,
  pace,
  TODAY,
  waitUntilFresh,
  figuresCompared,
  closeClients,
} from './support';

const RECORDS = Number(process.env.FAULTS_RECORDS ?? 20_000);
const CONCURRENCY = Number(process.env.FAULTS_CONCURRENCY ?? 16);
const KILLS = 3;
const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);

jest.setTimeout(Math.max(600_000, RECORDS * 60));

describe(`the worker SIGKILLed ${KILLS} times during an ingest of ${RECORDS} changes`, () => {
  const name = databaseName('worker_kill');
  const prefix = `faults-worker-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let api: Proc & { url: string };
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

  it('ends with every dashboard figure equal to the raw truth, nothing lost, nothing double counted', async () => {
    // Short lock and reclaim times: a killed worker's job is taken over in seconds, not the default 30 s.
    const env = {
      databaseUrl,
      redisUrl,
      redisPrefix: prefix,
      test: 'worker-kill',
      extra: { ROLLUP_JOB_LOCK_MS: '3000', ROLLUP_RECLAIM_AFTER_MS: '5000', DATABASE_POOL_SIZE: '20' },
    };
    api = await startApi(env);
    workers.push(await startWorker(env));
    const world = await seedFaultWorld(databaseUrl, api.url, 3);
    const random = seeded(SEED);

    const created = new Map<string, { trust: number; version: number }>();
    const deleted = new Set<string>();
    const events = new Set<string>();
    const failures: string[] = [];
    let kills = 0;
    let done = 0;
    const killAt = Array.from({ length: KILLS }, (_, i) => Math.floor((RECORDS * (i + 1)) / (KILLS + 1)));
    let killing: Promise<void> = Promise.resolve();

    const note = (what: string, res: Answer, ok: number[]) => {
      if (!ok.includes(res.status)) failures.push(`${what}: ${res.status} ${res.error ?? res.text.slice(0, 200)}`);
    };

    const started = Date.now();
    await pool(RECORDS, CONCURRENCY, async () => {
      const n = ++done;
      if (killAt.includes(n)) {
        // SIGKILL the running worker by pid mid-ingest, and start a new one while writes continue
        killing = killing.then(async () => {
          const victim = workers[workers.length - 1];
          await victim.kill();
          kills++;
          await pace(500); // the fault: no worker for half a second while writes go on
          workers.push(await startWorker(env));
        });
      }
      const roll = random();
      const trust = Math.floor(random() * world.trusts.length);
      const token = world.kpo[trust];
      const ids = [...created.keys()];
      if (roll < 0.06 && ids.length > 50) {
        // move a record to other buckets: new day, status, minutes
        const id = ids[Math.floor(random() * ids.length)];
        const record = created.get(id)!;
        if (deleted.has(id)) return;
        const change = randomWaste(random);
        const res = await call(api.url, 'PATCH', `/api/waste-records/${id}`, {
          token: world.kpo[record.trust],
          body: {
            version: record.version,
            observedOn: change.observedOn,
            status: change.status,
            eliminatedOn: change.eliminatedOn ?? null,
            minutesLost: change.minutesLost,
          },
        });
        if (res.status === 200) record.version = res.body.version as number;
        note(`PATCH ${id}`, res, [200, 409]); // 409: another change of the same record won
      } else if (roll < 0.08 && ids.length > 50) {
        const id = ids[Math.floor(random() * ids.length)];
        if (deleted.has(id)) return;
        deleted.add(id);
        const res = await call(api.url, 'DELETE', `/api/waste-records/${id}`, {
          token: world.kpo[created.get(id)!.trust],
        });
        if (res.status !== 204) deleted.delete(id);
        note(`DELETE ${id}`, res, [204, 404]);
      } else if (roll < 0.11) {
        const res = await call(api.url, 'POST', '/api/improvement-events', { token, body: randomEvent(random) });
        if (res.status === 201) events.add(res.body.id as string);
        note('POST event', res, [201]);
      } else {
        const res = await call(api.url, 'POST', '/api/waste-records', { token, body: randomWaste(random) });
        if (res.status === 201) created.set(res.body.id as string, { trust, version: 1 });
        note('POST waste', res, [201]);
      }
    });
    await killing;
    const ingestMs = Date.now() - started;
    expect(kills).toBe(KILLS);
    expect(failures.slice(0, 20)).toEqual([]);

    // the last worker catches up; then every figure is compared
    const convergeMs = await waitUntilFresh(api.url, world.admin, 300_000);
    const differences = await dashboardDifferences(
      api.url,
      world.admin,
      databaseUrl,
      world.trusts.map((t) => t.id),
    );
    const waste = await lostWrites(databaseUrl, 'waste_records', created.keys(), deleted);
    const eventLoss = await lostWrites(databaseUrl, 'improvement_events', events);
    recordFaultFigures('worker-kill', {
      changes: RECORDS,
      concurrency: CONCURRENCY,
      wasteRecordsAcknowledged: created.size,
      deletes: deleted.size,
      events: events.size,
      workerKills: kills,
      ingestSeconds: Math.round(ingestMs / 100) / 10,
      convergeSeconds: Math.round(convergeMs / 100) / 10,
      recordsLost: waste.lost.length + eventLoss.lost.length,
      deletedButPresent: waste.resurrected.length,
      figuresCompared: figuresCompared.count,
      figureDifferences: differences.length,
      seed: SEED,
      today: TODAY,
    });
    expect({ lost: waste.lost.length + eventLoss.lost.length, resurrected: waste.resurrected.length }).toEqual({
      lost: 0,
      resurrected: 0,
    });
    expect(differences.slice(0, 30)).toEqual([]);
    // the killed workers died by SIGKILL; the last one still runs
    expect(workers.slice(0, KILLS).map((w) => w.alive)).toEqual(Array(KILLS).fill(false));
    expect(workers[KILLS].alive).toBe(true);
  });
});
