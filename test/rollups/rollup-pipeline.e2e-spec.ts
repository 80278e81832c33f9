// The rollup pipeline end to end: writes through the API mark buckets, the worker (in this process,
// real Postgres and Redis) recomputes them, and every dashboard figure equals an independent
// computation from raw rows — after updates and deletes, a job run twice, a change that lands while
// its bucket's job runs, a corrupted rollup row, and two workers at once.
import { asSystem } from '@app/database';
import { addDays, type Granularity } from '@app/domain';
import { JobName, QueueName, RollupProducer } from '@app/queue';
import { RollupService } from '@app/rollups';
import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { RollupBucketProcessor } from '../../apps/worker/src/processors/rollup-bucket.processor';
import { createTestApp, seedWorld, TestApp, TestUser, World } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import {
  bearer,
  clearQueues,
  expectedFromRaw,
  figuresOf,
  inParallel,
  randomEvent,
  randomWaste,
  rollupSnapshot,
  seeded,
  testWorker,
  TODAY,
  waitUntilFresh,
} from './rollup-support';

jest.setTimeout(240_000);

describe('rollup pipeline', () => {
  let t: TestApp;
  let world: World;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    await clearQueues();
    t = await createTestApp();
    worker = await testWorker();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const writer = (trust: 'A' | 'B') => world.users[trust].team;

  async function createWaste(
    user: TestUser,
    body: object,
  ): Promise<{ id: string; version: number; eliminatedOn: string | null }> {
    const res = await t.http().post('/api/waste-records').set(bearer(user)).send(body);
    if (res.status !== 201) throw new Error(`waste create ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function createEvent(
    user: TestUser,
    body: object,
  ): Promise<{ id: string; version: number; startDate: string }> {
    const res = await t.http().post('/api/improvement-events').set(bearer(user)).send(body);
    if (res.status !== 201) throw new Error(`event create ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Checks one dashboard answer against the raw-row computation, figure by figure. */
  async function expectTrustDashboard(
    trustId: string,
    user: TestUser,
    from: string,
    to: string,
    granularity: Granularity,
  ) {
    const res = await t
      .http()
      .get(`/api/dashboards/trusts/${trustId}?from=${from}&to=${to}&granularity=${granularity}`)
      .set(bearer(user))
      .expect(status(200));
    const expected = await expectedFromRaw(t, trustId, from, to, granularity);
    const body = res.body;
    expect(body.totals).toEqual(expected.totals);
    expect(body.byWasteType).toHaveLength(8);
    for (const row of body.byWasteType) {
      const want = expected.byWasteType.get(row.wasteType);
      expect([row.wasteType, figuresOf(row)]).toEqual([
        row.wasteType,
        {
          wasteRecords: want?.wasteRecords ?? 0,
          occurrences: want?.occurrences ?? 0,
          minutesLost: want?.minutesLost ?? 0,
          minutesEliminated: want?.minutesEliminated ?? 0,
        },
      ]);
    }
    for (const point of body.series) {
      const want = expected.series.get(point.periodStart);
      expect([point.periodStart, figuresOf(point)]).toEqual([point.periodStart, { ...zeroFigures(), ...want }]);
    }
    // every period with figures is in the series (no figure falls outside it)
    expect(
      [...expected.series.keys()].every((k) => body.series.some((p: { periodStart: string }) => p.periodStart === k)),
    ).toBe(true);
    for (const point of body.spc.minutesLost.points) {
      expect([point.periodStart, point.value]).toEqual([
        point.periodStart,
        expected.weekly.get(point.periodStart)?.minutesLost ?? 0,
      ]);
    }
    for (const point of body.spc.minutesEliminated.points) {
      expect([point.periodStart, point.value]).toEqual([
        point.periodStart,
        expected.weekly.get(point.periodStart)?.minutesEliminated ?? 0,
      ]);
    }
    return body;
  }

  async function expectProgrammeDashboard(user: TestUser, from: string, to: string, granularity: Granularity) {
    const res = await t
      .http()
      .get(`/api/dashboards/programme?from=${from}&to=${to}&granularity=${granularity}`)
      .set(bearer(user))
      .expect(status(200));
    const all = await expectedFromRaw(t, null, from, to, granularity);
    expect(res.body.totals).toEqual(all.totals);
    for (const point of res.body.series) {
      expect([point.periodStart, figuresOf(point)]).toEqual([
        point.periodStart,
        { ...zeroFigures(), ...all.series.get(point.periodStart) },
      ]);
    }
    for (const trust of [world.trustA, world.trustB]) {
      const row = res.body.trusts.find((r: { trustId: string }) => r.trustId === trust.id);
      expect(row).toMatchObject({ code: trust.code });
      expect(row.totals).toEqual((await expectedFromRaw(t, trust.id, from, to, granularity)).totals);
    }
    return res.body;
  }

  /** A few hundred random records and events across both trusts, then updates and deletes. */
  async function writeRandomHistory(seed: number) {
    const random = seeded(seed);
    const trusts = ['A', 'B'] as const;
    const waste = await inParallel(
      Array.from(
        { length: 240 },
        (_, i) => () =>
          createWaste(writer(trusts[i % 2]), randomWaste(random, 150)).then((r) => ({ ...r, trust: trusts[i % 2] })),
      ),
    );
    const events = await inParallel(
      Array.from(
        { length: 60 },
        (_, i) => () =>
          createEvent(writer(trusts[i % 2]), randomEvent(random, 150)).then((r) => ({ ...r, trust: trusts[i % 2] })),
      ),
    );
    // move some records to other days and statuses, eliminate or reopen others
    await inParallel(
      waste.slice(0, 60).map((w, i) => async () => {
        const movedTo = addDays(TODAY, -Math.floor(random() * 100));
        // a record eliminated before its new observed day is eliminated that day instead
        const keepsOrder = !w.eliminatedOn || w.eliminatedOn >= movedTo ? {} : { eliminatedOn: movedTo };
        const patch =
          i % 3 === 0
            ? { observedOn: movedTo, occurrences: 1 + Math.floor(random() * 9), ...keepsOrder }
            : i % 3 === 1
              ? { status: 'identified', minutesLost: Math.floor(random() * 200) / 4 }
              : { status: 'eliminated', eliminatedOn: TODAY };
        await t
          .http()
          .patch(`/api/waste-records/${w.id}`)
          .set(bearer(writer(w.trust)))
          .send({ version: w.version, ...patch })
          .expect((res) => {
            if (res.status !== 200) throw new Error(`waste update ${res.status}: ${JSON.stringify(res.body)}`);
          });
      }),
    );
    await inParallel(
      events.slice(0, 20).map((e, i) => async () => {
        const endDate = addDays(TODAY, -i) < e.startDate ? e.startDate : addDays(TODAY, -i);
        const patch = i % 2 === 0 ? { status: 'sustained', endDate } : { status: 'abandoned' };
        await t
          .http()
          .patch(`/api/improvement-events/${e.id}`)
          .set(bearer(writer(e.trust)))
          .send({ version: e.version, ...patch })
          .expect(status(200));
      }),
    );
    await inParallel(
      [...waste.slice(200, 230), ...events.slice(50, 58)].map((r) => async () => {
        const route = 'startDate' in r ? 'improvement-events' : 'waste-records';
        await t.http().delete(`/api/${route}/${r.id}`).set(bearer(world.users[r.trust].kpo)).expect(status(204));
      }),
    );
    return { waste, events };
  }

  it('answers every dashboard figure exactly as raw rows define it, after creates, updates and deletes', async () => {
    await writeRandomHistory(4);
    const waited = await waitUntilFresh(t, world.users.admin);
    expect(waited).toBeLessThan(60_000);

    const from = addDays(TODAY, -160);
    for (const granularity of ['day', 'week', 'month'] as const) {
      await expectTrustDashboard(world.trustA.id, world.users.A.ceo, from, TODAY, granularity);
      await expectTrustDashboard(world.trustB.id, world.users.regulator, from, TODAY, granularity);
      await expectProgrammeDashboard(world.users.B.team, from, TODAY, granularity);
    }
    // a range that cuts weeks and months in half counts only the days inside it
    const cut = await expectTrustDashboard(
      world.trustA.id,
      world.users.admin,
      addDays(TODAY, -45),
      addDays(TODAY, -9),
      'month',
    );
    expect(cut.totals.wasteRecords).toBeGreaterThan(0);
    // the default range (a year to today, by week) answers the same figures
    const byDefault = await t
      .http()
      .get(`/api/dashboards/trusts/${world.trustA.id}`)
      .set(bearer(world.users.A.team))
      .expect(status(200));
    expect(byDefault.body).toMatchObject({ to: TODAY, granularity: 'week' });
    expect(byDefault.body.totals).toEqual(
      (await expectedFromRaw(t, world.trustA.id, byDefault.body.from, TODAY, 'week')).totals,
    );
    // nothing was left waiting or failed for good
    const queue = worker.get<Queue>(getQueueToken(QueueName.RollupBucket));
    expect(await queue.getFailedCount()).toBe(0);
  });

  it('gives the same figures when a bucket job runs twice (recompute, never increment)', async () => {
    await writeRandomHistory(5);
    await waitUntilFresh(t, world.users.admin);
    const before = await rollupSnapshot(t);
    const buckets: { trustId: string; day: string }[] = await t.db.query(
      `SELECT trust_id AS "trustId", day::text FROM rollup_daily ORDER BY random() LIMIT 40`,
    );
    const rollups = worker.get(RollupService);
    for (const bucket of buckets) {
      // in the system row scope, as the worker runs them (outside it, row-level security hides every row)
      await asSystem('test', () => rollups.recomputeBucket(bucket));
      await asSystem('test', () => rollups.recomputeBucket(bucket));
    }
    expect(await rollupSnapshot(t)).toEqual(before);
    // and once more through the queue, twice per bucket
    const producer = worker.get(RollupProducer);
    await producer.enqueueBuckets(buckets);
    await producer.enqueueBuckets(buckets);
    const queue = worker.get<Queue>(getQueueToken(QueueName.RollupBucket));
    await waitFor(
      async () =>
        (await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).waiting === 0 &&
        (await queue.getActiveCount()) === 0,
    );
    expect(await rollupSnapshot(t)).toEqual(before);
  });

  it('keeps a change committed while its bucket’s job is running', async () => {
    const day = addDays(TODAY, -3);
    const user = writer('A');
    const base = { observedOn: day, wasteType: 'waiting', description: 'x', patientImpact: 'low', occurrences: 1 };
    await createWaste(user, { ...base, minutesLost: 10 });
    await waitUntilFresh(t, world.users.admin);

    // Hold the bucket's rollup row: the next job reads raw rows, then waits to write.
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT * FROM rollup_daily WHERE trust_id = $1 AND day = $2 FOR UPDATE`, [
      world.trustA.id,
      day,
    ]);
    try {
      await createWaste(user, { ...base, minutesLost: 20 });
      // the job is now blocked on the row with a snapshot that holds 10 + 20
      await waitFor(async () => {
        const [row] = await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event <> 'advisory' AND query LIKE '%kaizen-rollups:%'`,
        );
        return row.n > 0;
      });
      await createWaste(user, { ...base, minutesLost: 40 }); // committed after the job read its rows
      // the relay has claimed the new mark and queued its bucket again (claimed marks carry relayed_at)
      await waitFor(
        async () => {
          const [row] = await t.db.query(
            `SELECT count(*)::int AS n FROM rollup_marks WHERE trust_id = $1 AND day = $2 AND relayed_at IS NULL`,
            [world.trustA.id, day],
          );
          return row.n === 0;
        },
        { what: 'the relay to claim the mark of the second write' },
      );
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    await waitUntilFresh(t, world.users.admin);
    const res = await t
      .http()
      .get(`/api/dashboards/trusts/${world.trustA.id}?from=${day}&to=${day}&granularity=day`)
      .set(bearer(world.users.A.ceo))
      .expect(status(200));
    expect(res.body.totals).toMatchObject({ wasteRecords: 3, minutesLost: 70 });
  });

  it('runs a bucket job queued behind another job of the same bucket on the rows committed while it waited', async () => {
    // A second job of a bucket waits for the first one's lock; when it gets it, its recompute must see
    // what was committed meanwhile (it reads after taking the lock, not with a snapshot from before).
    const day = addDays(TODAY, -5);
    const user = writer('A');
    const base = { observedOn: day, wasteType: 'motion', description: 'x', patientImpact: 'low', occurrences: 1 };
    await createWaste(user, { ...base, minutesLost: 10 });
    await waitUntilFresh(t, world.users.admin);
    const waiting = async (where: string) => {
      const [row] = await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND ${where}`,
      );
      return row.n > 0;
    };

    // Hold the bucket's rollup row: the worker's next job of the bucket takes the bucket's lock, reads,
    // then waits to write.
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let second: Promise<{ figures: { wasteRecords: number; minutesLost: number } | null }> | undefined;
    try {
      await holder.query(`SELECT * FROM rollup_daily WHERE trust_id = $1 AND day = $2 FOR UPDATE`, [
        world.trustA.id,
        day,
      ]);
      await createWaste(user, { ...base, minutesLost: 5 });
      await waitFor(() => waiting(`wait_event <> 'advisory'`), { what: "the worker's job to wait on the held row" });
      // as the worker runs it: in the system row scope (outside it, row-level security hides every row)
      second = asSystem('test', () => worker.get(RollupService).recomputeBucket({ trustId: world.trustA.id, day }));
      await waitFor(() => waiting(`wait_event = 'advisory'`), { what: 'the second job to wait for the first' });
      await createWaste(user, { ...base, minutesLost: 20 }); // committed while the second job waits
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    expect((await second!).figures).toMatchObject({ wasteRecords: 3, minutesLost: 35 });
    await waitUntilFresh(t, world.users.admin);
    const res = await t
      .http()
      .get(`/api/dashboards/trusts/${world.trustA.id}?from=${day}&to=${day}&granularity=day`)
      .set(bearer(world.users.A.ceo))
      .expect(status(200));
    expect(res.body.totals).toMatchObject({ wasteRecords: 3, minutesLost: 35 });
  });

  it('relays again a mark whose job was lost (Redis flushed, or the job failed for good)', async () => {
    const day = addDays(TODAY, -8);
    // committed and relayed two minutes ago, but no job ever ran for it
    await t.db.query(
      `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status)
       VALUES ($1, 'defects', $2, 'a change whose job was lost', 9, 3, 'low', 'identified')`,
      [world.trustA.id, day],
    );
    await t.db.query(
      `INSERT INTO rollup_marks (trust_id, day, relayed_at) VALUES ($1, $2, clock_timestamp() - interval '2 minutes')`,
      [world.trustA.id, day],
    );
    await waitUntilFresh(t, world.users.admin, 10_000);
    const res = await t
      .http()
      .get(`/api/dashboards/trusts/${world.trustA.id}?from=${day}&to=${day}`)
      .set(bearer(world.users.admin))
      .expect(status(200));
    expect(res.body.totals).toMatchObject({ wasteRecords: 1, occurrences: 3, minutesLost: 27 });
  });

  it('reconciliation finds and repairs corrupted rollup rows', async () => {
    await writeRandomHistory(6);
    await waitUntilFresh(t, world.users.admin);
    const good = await rollupSnapshot(t);
    const [victim] = await t.db.query(
      `SELECT trust_id, day::text FROM rollup_daily WHERE waste_records > 0 ORDER BY day DESC LIMIT 1`,
    );
    await t.db.query(
      `UPDATE rollup_daily SET minutes_lost = minutes_lost + 1000, ideas = ideas + 3 WHERE trust_id = $1 AND day = $2`,
      [victim.trust_id, victim.day],
    );
    const [typeVictim] = await t.db.query(
      `SELECT trust_id, day::text, waste_type FROM rollup_daily_waste_type ORDER BY day LIMIT 1 OFFSET 5`,
    );
    await t.db.query(`DELETE FROM rollup_daily_waste_type WHERE trust_id = $1 AND day = $2 AND waste_type = $3`, [
      typeVictim.trust_id,
      typeVictim.day,
      typeVictim.waste_type,
    ]);
    // a row for a day with nothing at all
    await t.db.query(`INSERT INTO rollup_daily (trust_id, day, waste_records) VALUES ($1, $2, 7)`, [
      world.trustB.id,
      addDays(TODAY, -1),
    ]);
    expect(await rollupSnapshot(t)).not.toEqual(good);

    const jobId = await worker.get(RollupProducer).reconcileNow(200);
    const queue = worker.get<Queue>(getQueueToken(QueueName.RollupReconcile));
    let job = await queue.getJob(jobId as string);
    await waitFor(async () => {
      job = await queue.getJob(jobId as string);
      return (await job!.getState()) === 'completed';
    });
    expect(job!.name).toBe(JobName.ReconcileRecent);
    expect(job!.returnvalue.differences).toBeGreaterThanOrEqual(3);
    expect(job!.returnvalue.repaired).toEqual(
      expect.arrayContaining([
        { trustId: victim.trust_id, day: victim.day },
        { trustId: typeVictim.trust_id, day: typeVictim.day },
        { trustId: world.trustB.id, day: addDays(TODAY, -1) },
      ]),
    );
    expect(await rollupSnapshot(t)).toEqual(good);
    // and a second pass finds nothing left to repair
    const again = await worker.get(RollupService).reconcileRecent(200);
    expect(again.differences).toEqual([]);
  });

  it('two workers on one Redis give the same rollups as a full rebuild', async () => {
    const second = await testWorker();
    try {
      const completed = new Map<INestApplicationContext, number>();
      for (const app of [worker, second]) {
        completed.set(app, 0);
        app.get(RollupBucketProcessor).worker.on('completed', () => completed.set(app, (completed.get(app) ?? 0) + 1));
      }
      await writeRandomHistory(7);
      await waitUntilFresh(t, world.users.admin);
      const fromWorkers = await rollupSnapshot(t);
      expect(completed.get(worker)).toBeGreaterThan(0);
      expect(completed.get(second)).toBeGreaterThan(0);

      await worker.get(RollupService).rebuildAll();
      expect(await rollupSnapshot(t)).toEqual(fromWorkers);
      await expectProgrammeDashboard(world.users.admin, addDays(TODAY, -160), TODAY, 'week');
    } finally {
      await second.close();
    }
  });
});

/** A supertest expectation that prints the body when the status is not the one expected. */
function status(expected: number) {
  return (res: { status: number; body: unknown; req?: { path?: string } }) => {
    if (res.status !== expected) {
      throw new Error(`expected ${expected}, got ${res.status} for ${res.req?.path}: ${JSON.stringify(res.body)}`);
    }
  };
}

function zeroFigures() {
  return {
    wasteRecords: 0,
    occurrences: 0,
    minutesLost: 0,
    minutesEliminated: 0,
    eventsCompleted: 0,
    eventsSustained: 0,
    ideas: 0,
  };
}
