// A delete racing an update (SPEC §7 races): the delete reads the row, an update moves the record to
// another day and commits, then the delete removes the row. The buckets marked must be those of the
// row actually deleted (DELETE … RETURNING), so the rollups end exact without any reconciliation.
//
// The interleaving is forced, not hoped for: the update runs in a transaction of the test's own
// (the same writes the update path makes: the row and the marks of its old and new day) that holds
// the row lock while the API's DELETE waits behind it; a second transaction holds audit_entries in
// SHARE mode, so the DELETE, once through, waits before it commits — long enough for the worker to
// recompute the update's buckets with the record still counted. Marking the day read before the
// delete would then leave the new day counting a deleted record until a reconciliation.
import { addDays } from '@app/domain';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
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
  dashboardDifferences,
  FaultWorld,
  recordFaultFigures,
  seedFaultWorld,
  TODAY,
  waitUntilFresh,
} from './support';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Polls until a session of this database waits on a lock in a statement matching `pattern`. */
async function waitForLockWait(db: Client, pattern: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
        [pattern],
      );
      return rows[0].n > 0;
    },
    { timeout: timeoutMs, interval: 20, what: `a session waiting on a lock in ${pattern}` },
  );
}

async function waitForNoMarks(db: Client, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => !(await db.query(`SELECT 1 FROM rollup_marks LIMIT 1`)).rowCount, {
    timeout: timeoutMs,
    what: 'no pending rollup marks',
  });
}

describe('a delete racing an update', () => {
  const name = databaseName('delete_race');
  const prefix = `faults-race-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let api: Proc & { url: string };
  let worker: Proc;
  let world: FaultWorld;
  let observer: Client;

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
    // the reconciliation runs hourly here: nothing but the marks may repair the rollups
    const env = {
      databaseUrl,
      redisUrl,
      redisPrefix: prefix,
      test: 'delete-race',
      extra: { ROLLUP_RECONCILE_EVERY_MS: '3600000' },
    };
    api = await startApi(env);
    worker = await startWorker(env);
    world = await seedFaultWorld(databaseUrl, api.url, 1);
    observer = await connect(databaseUrl);
  });
  afterAll(async () => {
    closeClients();
    await observer?.end();
    await stopAll([api, worker]);
    await clearPrefix(redisUrl, prefix);
    await dropDatabase(name);
  });

  /**
   * Runs the forced interleaving on one row: `update` (in the test's transaction) moves it from day A
   * to day B, the API deletes it; answers the DELETE's answer.
   */
  async function race(table: string, update: (tx: Client) => Promise<void>, del: () => Promise<Answer>) {
    const audit = await connect(databaseUrl);
    const updater = await connect(databaseUrl);
    try {
      await audit.query(`BEGIN`);
      await audit.query(`LOCK TABLE audit_entries IN SHARE MODE`);
      await updater.query(`BEGIN`);
      await update(updater);
      const deleting = del();
      await waitForLockWait(observer, `DELETE FROM%${table}%`);
      await updater.query(`COMMIT`);
      // the DELETE went through and now waits to write its audit entry, uncommitted
      await waitForLockWait(observer, `INSERT INTO%audit_entries%`);
      await waitForNoMarks(observer); // the worker recomputed A and B with the record still there
      await audit.query(`COMMIT`);
      return await deleting;
    } finally {
      await updater.end();
      await audit.end();
    }
  }

  const dayA = addDays(TODAY, -3);
  const dayB = addDays(TODAY, -10);

  it('waste record: the new day is recomputed without the deleted record', async () => {
    const token = world.kpo[0];
    const trustId = world.trusts[0].id;
    const created = await call(api.url, 'POST', '/api/waste-records', {
      token,
      body: {
        observedOn: dayA,
        wasteType: 'motion',
        description: 'raced',
        minutesLost: 12.5,
        occurrences: 3,
        patientImpact: 'low',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await waitUntilFresh(api.url, world.admin, 30_000);

    const answer = await race(
      'waste_records',
      async (tx) => {
        await tx.query(
          `UPDATE waste_records SET observed_on = $2, version = version + 1, updated_at = now() WHERE id = $1`,
          [id, dayB],
        );
        await tx.query(`INSERT INTO rollup_marks (trust_id, day) VALUES ($1, $2), ($1, $3)`, [trustId, dayA, dayB]);
      },
      () => call(api.url, 'DELETE', `/api/waste-records/${id}`, { token }),
    );
    expect(answer.status).toBe(204);

    await waitUntilFresh(api.url, world.admin, 30_000);
    const differences = await dashboardDifferences(api.url, world.admin, databaseUrl, [trustId]);
    expect(differences).toEqual([]);
  });

  it('improvement event: the new end day is recomputed without the deleted event', async () => {
    const token = world.kpo[0];
    const trustId = world.trusts[0].id;
    const created = await call(api.url, 'POST', '/api/improvement-events', {
      token,
      body: { kind: 'rpiw', title: 'raced', startDate: addDays(TODAY, -20), endDate: dayA, status: 'sustained' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await waitUntilFresh(api.url, world.admin, 30_000);

    const answer = await race(
      'improvement_events',
      async (tx) => {
        await tx.query(
          `UPDATE improvement_events SET end_date = $2, version = version + 1, updated_at = now() WHERE id = $1`,
          [id, dayB],
        );
        await tx.query(`INSERT INTO rollup_marks (trust_id, day) VALUES ($1, $2), ($1, $3)`, [trustId, dayA, dayB]);
      },
      () => call(api.url, 'DELETE', `/api/improvement-events/${id}`, { token }),
    );
    expect(answer.status).toBe(204);

    await waitUntilFresh(api.url, world.admin, 30_000);
    const differences = await dashboardDifferences(api.url, world.admin, databaseUrl, [trustId]);
    recordFaultFigures('delete-race', { races: 2, figureDifferences: differences.length });
    expect(differences).toEqual([]);
    expect(worker.output()).not.toMatch(/repaired/);
  });
});
