// The attacks of issue 11 against the built API, each for a few seconds while two probes measure what
// everyone else sees: `GET /api/health/live` and another trust's `GET /api/waste-records`, each 20
// times a second (open loop: a stalled server shows as latency, not as fewer samples). Per attack it
// reports the probes' p99 against their p99 in a quiet run of the same length (goal ≤ 3×) and the
// probes' errors (goal 0), with what the attacker was answered.
//
//   node bench/abuse.mjs                     (after npm run build)
//   BENCH_ABUSE_SECONDS=10  BENCH_ABUSE_ONLY=json-keys,slow-uploads
//   BENCH_DATABASE=kaizen_abuse_bench  BENCH_REDIS_PREFIX=abuse-bench  (names of its own)
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import pg from 'pg';
import {
  addDays,
  freshDatabase,
  isMain,
  percentile,
  requireBuild,
  round,
  signToken,
  startApp,
  today,
} from './lib/rollups.mjs';
import { CSV_HEADER } from './lib/waste.mjs';

export const name = 'abuse';

const SECONDS = Number(process.env.BENCH_ABUSE_SECONDS ?? 10);
const PROBE_PER_SECOND = 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * One HTTP request; never throws. `body` may be a Buffer, or a function that writes the body itself
 * (it gets the request and resolves when done writing). Answers {status, ms, error?}.
 */
function call(port, method, path, { token, body, headers = {}, agent = false, timeoutMs = 15_000 } = {}) {
  const started = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(Buffer.isBuffer(body) ? { 'Content-Length': body.length } : {}),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        if (headers['x-never-read']) {
          res.pause(); // an export nobody reads: settle on the status, keep the connection open
          resolve({ status: res.statusCode, ms: ms(), req });
          return;
        }
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: ms() }));
        res.on('error', (error) => resolve({ status: 0, ms: ms(), error: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, ms: ms(), error: error.code ?? error.message }));
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

/** Probes both routes 20 times a second each until stopped; answers their latencies and errors. */
function probe(port, victimToken) {
  // an agent per probe, without a socket cap: a slow list probe must not queue the liveness probe
  // (few idle sockets kept: one idle past the server's 5 s keep-alive timeout is reset when reused)
  const agents = {
    live: new Agent({ keepAlive: true, maxFreeSockets: 2 }),
    list: new Agent({ keepAlive: true, maxFreeSockets: 2 }),
  };
  const results = { live: [], list: [], errors: [] };
  const fire = async (key, path, token) => {
    const answer = await call(port, 'GET', path, { token, agent: agents[key] });
    results[key].push(answer.ms);
    if (answer.status !== 200) results.errors.push(`${path} → ${answer.status || answer.error}`);
  };
  const timer = setInterval(() => {
    void fire('live', '/api/health/live');
    void fire('list', '/api/waste-records?limit=50', victimToken);
  }, 1000 / PROBE_PER_SECOND);
  return async () => {
    clearInterval(timer);
    await sleep(2000); // answers still in flight
    agents.live.destroy();
    agents.list.destroy();
    return results;
  };
}

/** Runs `attack` in loops of `workers` until the time is up; answers the attacker's status counts. */
async function loop(seconds, workers, attack) {
  const until = Date.now() + seconds * 1000;
  const statuses = {};
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (Date.now() < until) {
        const { status, error } = await attack(worker, until);
        const key = status || error || 'no answer';
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

function csvRows(n, from = 0) {
  let text = '';
  for (let i = from; i < from + n; i++) {
    text += `${addDays(today(), -(i % 700))},waiting,${(i % 480) / 4},${(i % 9) + 1},low,identified,,Bench row ${i} waiting for a porter\n`;
  }
  return text;
}

/** The attacks of issue 11: each gets the seconds to run and answers the attacker's status counts. */
function attacks(port, w) {
  const attacker = w.attacker.token;
  const csv = { 'Content-Type': 'text/csv' };
  // 0.96 MB, 112,000 unknown keys, no token
  const manyKeys = Buffer.from(`{${Array.from({ length: 112_000 }, (_, i) => `"${i.toString(36)}":0`).join(',')}}`);
  const oversized = Buffer.from(JSON.stringify({ email: 'a@b.nhs.uk', password: 'x'.repeat(1100 * 1024) }));
  const deep = Buffer.from(`{"email":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
  // 120 KB: number cells that made the old pattern backtrack
  const digits = '1'.repeat(59_000);
  const backtracking = Buffer.from(
    `${CSV_HEADER}\n${today()},motion,${digits}x,1,low,,,a\n${today()},motion,1,${digits}.e,low,,,b\n`,
  );
  const big = Buffer.from(CSV_HEADER + '\n' + csvRows(200_000)); // about 16 MB
  return {
    'json-keys': (s) =>
      loop(s, 2, () =>
        call(port, 'POST', '/api/auth/login', { body: manyKeys, headers: { 'Content-Type': 'application/json' } }),
      ),
    'json-oversized-and-deep': (s) =>
      loop(s, 2, (worker) =>
        call(port, 'POST', '/api/auth/login', {
          body: worker % 2 ? oversized : deep,
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    'backtracking-csv': (s) =>
      loop(s, 2, () =>
        call(port, 'POST', '/api/waste-records/import', { token: attacker, body: backtracking, headers: csv }),
      ),
    // 25 uploads held open by one user; one refused (429) tries again a second later
    'slow-uploads-25': (s) =>
      loop(s, 25, async (worker, until) => {
        const answer = await call(port, 'POST', '/api/waste-records/import', {
          token: attacker,
          headers: { ...csv, 'Transfer-Encoding': 'chunked' },
          timeoutMs: (s + 5) * 1000,
          body: async (req) => {
            req.write(`${CSV_HEADER}\n`);
            let i = worker * 100_000;
            // one row (~80 bytes) every 100 ms: far below 16 KB/s; stops at the end of the run
            while (Date.now() < until && !req.destroyed) {
              req.write(csvRows(1, i++));
              await sleep(100);
            }
            req.destroy();
          },
        });
        if (answer.status === 429) await sleep(1000);
        return answer;
      }),
    'unread-exports-25': async (s) => {
      const held = [];
      const statuses = await loop(s, 25, async (_, until) => {
        const answer = await call(port, 'GET', '/api/waste-records/export', {
          token: attacker,
          headers: { 'x-never-read': '1' },
          timeoutMs: (s + 5) * 1000,
        });
        if (answer.req) {
          held.push(answer.req);
          await sleep(Math.max(0, until - Date.now())); // hold it to the end
        }
        return answer;
      });
      for (const req of held) req.destroy();
      return statuses;
    },
    'import-200k-rows-16mb': (s) =>
      loop(s, 1, () =>
        call(port, 'POST', '/api/waste-records/import', {
          token: attacker,
          body: big,
          headers: csv,
          timeoutMs: 120_000,
        }),
      ),
  };
}

async function seed(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const trust = async (code) =>
    (await client.query(`INSERT INTO trusts (code, name) VALUES ($1, $1) RETURNING id`, [code])).rows[0].id;
  const user = async (email, role, trustId) => {
    const id = (
      await client.query(
        `INSERT INTO users (email, name, role, trust_id, password_hash) VALUES ($1, $1, $2, $3, 'x') RETURNING id`,
        [email, role, trustId],
      )
    ).rows[0].id;
    return { id, token: await signToken(client, { sub: id, email, name: email, role, trustId }) };
  };
  const attackerTrust = await trust('ATK');
  const victimTrust = await trust('VIC');
  const attacker = await user('team.atk@example.nhs.uk', 'improvement_team', attackerTrust);
  const victim = await user('kpo.vic@example.nhs.uk', 'kpo_lead', victimTrust);
  // the victim's list has a page to read; the attacker's export has 100,000 rows (about 10 MB)
  for (const [trustId, count] of [
    [victimTrust, 2000],
    [attackerTrust, 100_000],
  ]) {
    await client.query(
      `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status)
       SELECT $1, 'waiting', $2::date - (g % 700), 'Bench record ' || g || ': patient waits for a porter', (g % 480) / 4.0, 1, 'low', 'identified'
         FROM generate_series(1, $3::int) g`,
      [trustId, today(), count],
    );
  }
  await client.end();
  return { attacker, victim };
}

function summarise(samples) {
  return { p99: round(percentile(samples, 99), 1), p50: round(percentile(samples, 50), 1), n: samples.length };
}

export default async function main() {
  requireBuild();
  const port = await freePort();
  const url = await freshDatabase(process.env.BENCH_DATABASE ?? 'kaizen_abuse_bench');
  const world = await seed(url);
  const api = await startApp('api', {
    DATABASE_URL: url,
    PORT: String(port),
    REDIS_PREFIX: process.env.BENCH_REDIS_PREFIX ?? 'abuse-bench',
    LOGIN_RATE_LIMIT: '1000000', // the throttler would answer the JSON attacks 429 before the body check
  });
  const rows = [];
  const load = [];
  try {
    // warm-up: JIT and pool connections
    const warm = probe(port, world.victim.token);
    await sleep(2000);
    await warm();

    load.push(loadavg()[0]);
    const quietStop = probe(port, world.victim.token);
    await sleep(SECONDS * 1000);
    const quiet = await quietStop();
    const base = { live: summarise(quiet.live), list: summarise(quiet.list) };
    rows.push({
      attack: 'quiet',
      liveP99Ms: base.live.p99,
      listP99Ms: base.list.p99,
      probeErrors: quiet.errors.length,
    });

    const only = process.env.BENCH_ABUSE_ONLY?.split(',');
    for (const [attack, run] of Object.entries(attacks(port, world))) {
      if (only && !only.includes(attack)) continue;
      load.push(loadavg()[0]);
      const stop = probe(port, world.victim.token);
      const attacker = await run(SECONDS);
      const seen = await stop();
      const live = summarise(seen.live);
      const list = summarise(seen.list);
      rows.push({
        attack,
        liveP99Ms: live.p99,
        listP99Ms: list.p99,
        liveRatio: round(live.p99 / Math.max(base.live.p99, 1), 2),
        listRatio: round(list.p99 / Math.max(base.list.p99, 1), 2),
        probeErrors: seen.errors.length,
        firstError: seen.errors[0],
        attacker,
      });
      console.error(`[abuse] ${JSON.stringify(rows.at(-1))}`);
      await sleep(3000); // connections closed, slots given back
    }
  } finally {
    await api.stop();
  }
  return {
    name,
    seconds: SECONDS,
    probesPerSecond: PROBE_PER_SECOND * 2,
    loadAverage1m: load.map((l) => round(l, 2)),
    note: 'ratios divide by max(quiet p99, 1 ms); goal ≤ 3 and 0 probe errors',
    rows,
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
