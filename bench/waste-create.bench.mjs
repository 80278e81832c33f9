// Creating waste records over HTTP against the physical limit: `POST /api/waste-records` on the built
// API at 32 concurrent clients (autocannon) against 32 raw `pg` clients running the same transaction
// (insert the record, its audit entry and its rollup mark) with no HTTP, auth, validation or ORM.
// Reports the throughput ratio and both p99 latencies.
//
//   node bench/waste-create.bench.mjs          (after npm run build)
//   BENCH_CREATE_SECONDS=15 BENCH_CREATE_CONNECTIONS=32 BENCH_PORT=3981
import autocannon from 'autocannon';
import pg from 'pg';
import { addDays, freshDatabase, isMain, percentile, requireBuild, round, startApp, today } from './lib/rollups.mjs';
import { assertPortFree, seedWasteWorld } from './lib/waste.mjs';

export const name = 'waste-create';

const record = () => ({
  observedOn: addDays(today(), -3),
  wasteType: 'waiting',
  description: 'Patient waits for a porter before transfer to the ward',
  minutesLost: 22.5,
  occurrences: 2,
  patientImpact: 'medium',
});

function hammer(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** `connections` clients, each running the API's write transaction back to back for `seconds`. */
async function rawWrites(url, world, connections, seconds) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const body = record();
  const changes = JSON.stringify(
    Object.fromEntries(Object.entries(body).map(([k, v]) => [k, { before: null, after: v }])),
  );
  const latencies = [];
  const until = Date.now() + seconds * 1000;
  const client = async () => {
    const c = await pool.connect();
    try {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await c.query('BEGIN');
        const { rows } = await c.query(
          `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'identified', $8) RETURNING id`,
          [
            world.trustId,
            body.wasteType,
            body.observedOn,
            body.description,
            body.minutesLost,
            body.occurrences,
            body.patientImpact,
            world.userId,
          ],
        );
        await c.query(
          `INSERT INTO audit_entries (actor_id, action, entity, entity_id, trust_id, changes) VALUES ($1, 'create', 'waste_record', $2, $3, $4)`,
          [world.userId, rows[0].id, world.trustId, changes],
        );
        await c.query(`INSERT INTO rollup_marks (trust_id, day) VALUES ($1, $2)`, [world.trustId, body.observedOn]);
        await c.query('COMMIT');
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    } finally {
      c.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  await pool.end();
  return { perSec: latencies.length / seconds, p99: percentile(latencies, 99), count: latencies.length };
}

export default async function main() {
  requireBuild();
  const seconds = Number(process.env.BENCH_CREATE_SECONDS ?? 15);
  const connections = Number(process.env.BENCH_CREATE_CONNECTIONS ?? 32);
  const port = Number(process.env.BENCH_PORT ?? 3981);
  await assertPortFree(port);
  const url = await freshDatabase('kaizen_bench');
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  const world = await seedWasteWorld(setup);
  await setup.end();

  const raw = await rawWrites(url, world, connections, seconds);

  // The API's pool as large as the raw side's, so both may hold `connections` transactions open.
  const api = await startApp('api', {
    DATABASE_URL: url,
    PORT: String(port),
    REDIS_PREFIX: 'waste-bench',
    DATABASE_POOL_SIZE: String(connections),
  });
  let result;
  try {
    const options = {
      url: `http://127.0.0.1:${port}/api/waste-records`,
      method: 'POST',
      connections,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.token}` },
      body: JSON.stringify(record()),
    };
    await hammer({ ...options, duration: 3 }); // warm-up: JIT, pool connections
    result = await hammer({ ...options, duration: seconds });
  } finally {
    await api.stop();
  }
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`API answered ${result.non2xx} non-2xx and ${result.errors} errors`);
  const apiPerSec = result.requests.total / seconds;
  return {
    name,
    connections,
    seconds,
    rawTransactionsPerSec: Math.round(raw.perSec),
    apiRequestsPerSec: Math.round(apiPerSec),
    ratio: round(apiPerSec / raw.perSec, 3),
    rawP99Ms: round(raw.p99, 1),
    apiP99Ms: round(result.latency.p99, 1),
    apiMeanMs: round(result.latency.mean, 1),
  };
}

if (isMain(import.meta.url)) {
  main()
    .then((result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
