// Creating waste records over HTTP against the physical limit. Three sides, 32 concurrent clients each:
// - raw: 32 `pg` clients running the API's write transaction (BEGIN, insert the record, its audit entry,
//   its rollup mark, COMMIT) with no HTTP at all;
// - bare: the thinnest possible server (bench/lib/bare-server.mjs: `node:http` + `pg`, no framework, auth,
//   validation or logging) running that same naive five-round-trip transaction, driven by autocannon;
// - api: `POST /api/waste-records` on the built API, driven by the same autocannon settings.
// Goal (issue 16): api req/s >= 0.8 x bare req/s with api p99 <= 2 x bare p99, in one run; the ratio to
// raw `pg` is reported beside it. The same for `PATCH /api/waste-records/:id` (each client patches its
// own record, carrying the version the last answer gave) and for `GET /api/waste-records` (list p95 beside
// a raw SELECT of the same page).
//
//   node bench/waste-create.bench.mjs          (after npm run build)
//   BENCH_CREATE_SECONDS=15 BENCH_CREATE_CONNECTIONS=32 BENCH_PORT=3981 BENCH_BARE_PORT=3982
//   BENCH_DATABASE=kaizen_me_bench BENCH_REDIS_PREFIX=me-bench (own names on a shared server)
//   BENCH_CPU_PROF=dir   runs the API under `node --cpu-prof --cpu-prof-dir=dir`
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  addDays,
  freshDatabase,
  isMain,
  percentile,
  requireBuild,
  round,
  sleep,
  startApp,
  today,
} from './lib/rollups.mjs';
import { assertPortFree, seedWasteWorld } from './lib/waste.mjs';

export const name = 'waste-create';
const LIST_LIMIT = 50;
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

/**
 * Brings the planner's statistics up to date after a write phase: each write phase grows the table by
 * tens of thousands of rows in seconds, faster than autovacuum analyses it, and a list read on
 * statistics of an almost empty table sorts the whole trust (70 ms a page instead of under 1 ms).
 * Every side gets the same ANALYZE before its list phase, so the sides stay comparable.
 */
async function analyse(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ANALYZE waste_records');
  } finally {
    await client.end();
  }
}

/** `connections` clients reading the list's first page with the same SELECT as the bare server. */
async function rawList(url, world, connections, seconds) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const latencies = [];
  const until = Date.now() + seconds * 1000;
  const client = async () => {
    const c = await pool.connect();
    try {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await c.query(`SELECT * FROM waste_records WHERE trust_id = $1 ORDER BY observed_on DESC, id DESC LIMIT $2`, [
          world.trustId,
          LIST_LIMIT + 1,
        ]);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    } finally {
      c.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  await pool.end();
  return { perSec: latencies.length / seconds, p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

/** Starts bench/lib/bare-server.mjs and resolves once it listens. */
async function startBare(url, world, port, connections) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./lib/bare-server.mjs', import.meta.url))], {
    env: {
      ...process.env,
      BARE_DATABASE_URL: url,
      BARE_PORT: String(port),
      BARE_TRUST_ID: world.trustId,
      BARE_USER_ID: world.userId,
      BARE_POOL_SIZE: String(connections),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  const started = Date.now();
  while (!output.includes('bare server ready')) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error('bare server did not start');
    await sleep(50);
  }
  return {
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * autocannon requests that patch `ids` round robin, one record per client at a time, each carrying the
 * version the previous answer for that record gave (so no request is refused as stale).
 */
function patchRequests(prefix, ids, headers) {
  const free = [...ids];
  const versions = new Map(ids.map((id) => [id, 1]));
  let flip = 0;
  return [
    {
      method: 'PATCH',
      setupRequest: (req, context) => {
        const id = free.shift();
        context.id = id;
        flip++;
        return {
          ...req,
          method: 'PATCH',
          path: `${prefix}/${id}`,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ version: versions.get(id), minutesLost: flip % 2 ? 30 : 22.5 }),
        };
      },
      onResponse: (status, body, context) => {
        if (status === 200) versions.set(context.id, JSON.parse(body).version);
        free.push(context.id);
      },
    },
  ];
}

/** Warm-up, then the measured run; throws on any non-2xx answer or error. */
async function drive(label, options, seconds) {
  await hammer({ ...options, duration: 3 }); // warm-up: JIT, pool connections
  const result = await hammer({ ...options, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`${label} answered ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    perSec: result.requests.total / seconds,
    p95: result.latency.p97_5 === undefined ? NaN : percentileOf(result, 95),
    p99: result.latency.p99,
    mean: result.latency.mean,
  };
}

/** autocannon reports p90 and p97.5 but no p95: interpolate between them (documented in the table). */
function percentileOf(result, p) {
  if (p !== 95) throw new Error('only p95 is interpolated');
  const { p90, p97_5 } = result.latency;
  return p90 + ((p97_5 - p90) * (95 - 90)) / (97.5 - 90);
}

async function seedPatchTargets(url, world, count) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const body = record();
  const { rows } = await client.query(
    `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status, created_by)
     SELECT $1, $2, $3, $4, $5, $6, $7, 'identified', $8 FROM generate_series(1, $9) RETURNING id`,
    [
      world.trustId,
      body.wasteType,
      body.observedOn,
      body.description,
      body.minutesLost,
      body.occurrences,
      body.patientImpact,
      world.userId,
      count,
    ],
  );
  await client.end();
  return rows.map((r) => r.id);
}

const load = () => loadavg().map((l) => round(l, 2));
export default async function main() {
  requireBuild();
  const seconds = Number(process.env.BENCH_CREATE_SECONDS ?? 15);
  const connections = Number(process.env.BENCH_CREATE_CONNECTIONS ?? 32);
  const port = Number(process.env.BENCH_PORT ?? 3981);
  const barePort = Number(process.env.BENCH_BARE_PORT ?? port + 1);
  await assertPortFree(port);
  await assertPortFree(barePort);
  const loadBefore = load();
  const url = await freshDatabase(process.env.BENCH_DATABASE ?? 'kaizen_bench');
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  const world = await seedWasteWorld(setup);
  await setup.end();

  const raw = await rawWrites(url, world, connections, seconds);

  const common = { connections, headers: { 'content-type': 'application/json' } };
  const bare = await startBare(url, world, barePort, connections);
  let bareCreate, barePatch, bareList;
  const bareIds = await seedPatchTargets(url, world, connections * 2);
  try {
    const base = `http://127.0.0.1:${barePort}`;
    bareCreate = await drive(
      'bare POST',
      { ...common, url: `${base}/waste-records`, method: 'POST', body: JSON.stringify(record()) },
      seconds,
    );
    barePatch = await drive(
      'bare PATCH',
      { ...common, url: base, requests: patchRequests('/waste-records', bareIds, common.headers) },
      seconds,
    );
    await analyse(url);
    bareList = await drive(
      'bare GET',
      { ...common, url: `${base}/waste-records?limit=${LIST_LIMIT}`, method: 'GET' },
      seconds,
    );
  } finally {
    await bare.stop();
  }

  // The API's pool as large as the raw side's, so both may hold `connections` transactions open.
  const apiIds = await seedPatchTargets(url, world, connections * 2);
  const profile = process.env.BENCH_CPU_PROF;
  const api = await startApp(
    'api',
    {
      DATABASE_URL: url,
      PORT: String(port),
      REDIS_PREFIX: process.env.BENCH_REDIS_PREFIX ?? 'waste-bench',
      DATABASE_POOL_SIZE: String(connections),
    },
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  );
  let apiCreate, apiPatch, apiList;
  try {
    const auth = { ...common.headers, authorization: `Bearer ${world.token}` };
    const base = `http://127.0.0.1:${port}/api`;
    const opts = { ...common, headers: auth };
    apiCreate = await drive(
      'API POST',
      { ...opts, url: `${base}/waste-records`, method: 'POST', body: JSON.stringify(record()) },
      seconds,
    );
    apiPatch = await drive(
      'API PATCH',
      { ...opts, url: base, requests: patchRequests('/api/waste-records', apiIds, auth) },
      seconds,
    );
    await analyse(url);
    apiList = await drive(
      'API GET',
      { ...opts, url: `${base}/waste-records?limit=${LIST_LIMIT}`, method: 'GET' },
      seconds,
    );
  } finally {
    await api.stop();
  }
  await analyse(url);
  const rawRead = await rawList(url, world, connections, seconds);

  const side = (a, b) => ({
    apiPerSec: Math.round(a.perSec),
    barePerSec: Math.round(b.perSec),
    ratioToBare: round(a.perSec / b.perSec, 3),
    apiP99Ms: round(a.p99, 1),
    bareP99Ms: round(b.p99, 1),
    p99WithinTwiceBare: a.p99 <= 2 * b.p99,
  });
  const post = side(apiCreate, bareCreate);
  return {
    name,
    connections,
    seconds,
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
    create: {
      ...post,
      rawTransactionsPerSec: Math.round(raw.perSec),
      rawP99Ms: round(raw.p99, 1),
      ratioToRaw: round(apiCreate.perSec / raw.perSec, 3),
      bareRatioToRaw: round(bareCreate.perSec / raw.perSec, 3),
      apiMeanMs: round(apiCreate.mean, 1),
      goalMet: post.ratioToBare >= 0.8 && post.p99WithinTwiceBare,
    },
    patch: side(apiPatch, barePatch),
    list: {
      ...side(apiList, bareList),
      apiP95Ms: round(apiList.p95, 1),
      bareP95Ms: round(bareList.p95, 1),
      rawSelectP95Ms: round(rawRead.p95, 2),
      rawSelectsPerSec: Math.round(rawRead.perSec),
    },
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
