// Helpers of the rollup benchmarks (bench/rollups-*.mjs): a throwaway database migrated by the built
// CLI, raw rows loaded with COPY, the built api and worker as child processes, percentiles.
// Run `npm run build` first (`npm run bench` does).
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
// BENCH_DIST points at a copy of dist/ (inside the repository, so node_modules resolves) when
// dist/ itself may be rebuilt while a long benchmark runs.
const DIST_DIR = process.env.BENCH_DIST ?? join(ROOT, 'dist');
export const DIST = {
  migrate: join(DIST_DIR, 'apps/api/apps/api/src/cli/migrate.js'),
  rebuild: join(DIST_DIR, 'apps/api/apps/api/src/cli/rebuild-rollups.js'),
  api: join(DIST_DIR, 'apps/api/apps/api/src/main.js'),
  worker: join(DIST_DIR, 'apps/worker/apps/worker/src/main.js'),
};

export const WASTE_TYPES = [
  'transport',
  'inventory',
  'motion',
  'waiting',
  'overproduction',
  'overprocessing',
  'defects',
  'skills',
];
const IMPACTS = ['none', 'low', 'medium', 'high'];
const OPEN_STATUSES = ['identified', 'countermeasure_planned', 'in_progress', 'accepted'];
const EVENT_KINDS = ['rpiw', 'kaizen', 'everyday_lean_idea', 'pdsa'];
const EVENT_STATUSES = ['planned', 'in_progress', 'follow_up', 'sustained', 'closed', 'abandoned'];
/** A secret of this benchmark run only: no signing secret is written in the source. */
export const JWT_SECRET = randomBytes(48).toString('base64url');

export function requireBuild() {
  for (const file of Object.values(DIST)) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
}

export function serverUrl() {
  return process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
}

/** Drops and recreates `name`, then runs every migration with the built CLI. */
export async function freshDatabase(name) {
  if (!/_bench$/.test(name)) throw new Error(`refusing to recreate ${name}: benchmark databases end in _bench`);
  const admin = new pg.Client({ connectionString: `${serverUrl()}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = `${serverUrl()}/${name}`;
  await run(process.execPath, [DIST.migrate], { DATABASE_URL: url });
  return url;
}

export function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** Starts a built app (api or worker) and resolves once it says it is ready; `execArgv` e.g. --cpu-prof. */
export async function startApp(kind, env, execArgv = []) {
  const child = spawn(process.execPath, [...execArgv, DIST[kind]], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET, LOG_LEVEL: kind === 'worker' ? 'log' : 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const isReady = async () => {
    if (kind === 'worker') return /worker started/.test(output);
    try {
      return (await fetch(`http://127.0.0.1:${env.PORT}/api/health/live`)).status === 200;
    } catch {
      return false;
    }
  };
  const started = Date.now();
  while (!(await isReady())) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`${kind} did not start:\n${output}`);
    await sleep(100);
  }
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Inserts `count` trusts and an admin; answers the trusts and an admin bearer token. */
export async function seedTrusts(client, count) {
  const trusts = [];
  for (let i = 0; i < count; i++) {
    const code = `B${String(i).padStart(3, '0')}`;
    const [row] = (
      await client.query(`INSERT INTO trusts (code, name) VALUES ($1, $2) RETURNING id, code`, [
        code,
        `Bench trust ${i}`,
      ])
    ).rows;
    trusts.push(row);
  }
  const admin = (
    await client.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('bench@example.nhs.uk', 'bench', 'admin', 'x') RETURNING id`,
    )
  ).rows[0];
  return {
    trusts,
    token: await signToken(client, {
      sub: admin.id,
      email: 'bench@example.nhs.uk',
      name: 'bench',
      role: 'admin',
      trustId: null,
    }),
  };
}

/**
 * An HS256 token as the api signs them (benchmarks run with JWT_SECRET above), of a session opened
 * in the `sessions` table through `client` (the api refuses a token without an open session).
 */
export async function signToken(client, claims) {
  const { rows } = await client.query(
    `INSERT INTO sessions (user_id, expires_at) VALUES ($1, now() + interval '1 hour') RETURNING id`,
    [claims.sub],
  );
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, sid: rows[0].id, iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

export function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}

/** Streams `count` random waste records over the `days` days before today through COPY. */
export async function copyWaste(client, trusts, count, days, seed) {
  const random = seeded(seed);
  const end = today();
  const batch = 5000;
  let made = 0;
  const rows = Readable.from(
    (function* () {
      while (made < count) {
        const lines = [];
        for (let i = 0; i < batch && made < count; i++, made++) {
          const age = Math.floor(random() * days);
          const observed = addDays(end, -age);
          const eliminated = random() < 0.3;
          const eliminatedOn = eliminated ? addDays(observed, Math.floor(random() * Math.min(age + 1, 30))) : '';
          lines.push(
            [
              trusts[Math.floor(random() * trusts.length)].id,
              WASTE_TYPES[Math.floor(random() * 8)],
              observed,
              'bench waste',
              Math.floor(random() * 240) / 4,
              1 + Math.floor(random() * 5),
              IMPACTS[Math.floor(random() * 4)],
              eliminated ? 'eliminated' : OPEN_STATUSES[Math.floor(random() * 4)],
              eliminatedOn,
            ].join(','),
          );
        }
        yield `${lines.join('\n')}\n`;
      }
    })(),
  );
  await pipeline(
    rows,
    client.query(
      copyStreams.from(
        `COPY waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status, eliminated_on)
         FROM STDIN WITH (FORMAT csv)`,
      ),
    ),
  );
}

/** Streams `count` random improvement events through COPY. */
export async function copyEvents(client, trusts, count, days, seed) {
  const random = seeded(seed);
  const end = today();
  const lines = [];
  for (let i = 0; i < count; i++) {
    const start = addDays(end, -Math.floor(random() * days));
    const status = EVENT_STATUSES[Math.floor(random() * 6)];
    const endDate = status === 'planned' ? '' : addDays(start, Math.floor(random() * 6));
    lines.push(
      [
        trusts[Math.floor(random() * trusts.length)].id,
        EVENT_KINDS[Math.floor(random() * 4)],
        'bench event',
        start,
        endDate,
        status,
      ].join(','),
    );
  }
  await pipeline(
    Readable.from([`${lines.join('\n')}\n`]),
    client.query(
      copyStreams.from(
        `COPY improvement_events (trust_id, kind, title, start_date, end_date, status) FROM STDIN WITH (FORMAT csv)`,
      ),
    ),
  );
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function uuid() {
  return randomUUID();
}

/** Whether this module is the script node was started with. */
export function isMain(metaUrl) {
  return process.argv[1] && fileURLToPath(metaUrl) === process.argv[1];
}

/** The configured raw-volume sizes, e.g. BENCH_ROLLUP_SIZES=100000,1000000,10000000. */
export function volumeSizes() {
  return (process.env.BENCH_ROLLUP_SIZES ?? '100000,1000000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

export const VOLUME_TRUSTS = 5;
export const VOLUME_DAYS = 730;

/**
 * A database `rollups_volume_<size>_bench` holding exactly `size` random waste records (and
 * size/20 events) over two years; kept between runs, since loading 10M records takes minutes.
 * Answers the url, an admin token, and how long loading took (0 when the database was kept).
 */
export async function volumeDatabase(size) {
  const name = `rollups_volume_${size}_bench`;
  let url = `${serverUrl()}/${name}`;
  let current = -1;
  try {
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    current = Number((await probe.query(`SELECT count(*) AS n FROM waste_records`)).rows[0].n);
    await probe.end();
  } catch {
    // no such database yet
  }
  let loadMs = 0;
  if (current !== size) {
    url = await freshDatabase(name);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { trusts } = await seedTrusts(client, VOLUME_TRUSTS);
    const started = performance.now();
    await copyWaste(client, trusts, size, VOLUME_DAYS, size);
    await copyEvents(client, trusts, Math.round(size / 20), VOLUME_DAYS, size + 1);
    await client.query(`ANALYZE waste_records; ANALYZE improvement_events`);
    loadMs = performance.now() - started;
    await client.end();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = 'bench@example.nhs.uk')`,
  );
  await client.query(`DELETE FROM users WHERE email = 'bench@example.nhs.uk'`);
  const admin = (
    await client.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('bench@example.nhs.uk', 'bench', 'admin', 'x') RETURNING id`,
    )
  ).rows[0];
  const token = await signToken(client, {
    sub: admin.id,
    email: 'bench@example.nhs.uk',
    name: 'bench',
    role: 'admin',
    trustId: null,
  });
  await client.end();
  return { url, token, loadMs };
}

/** Runs the built rebuild CLI; answers the time it reports (the rebuild transaction itself). */
export async function rebuildRollups(url) {
  const output = await run(process.execPath, [DIST.rebuild], { DATABASE_URL: url });
  const match = /in (\d+) ms/.exec(output);
  if (!match) throw new Error(`unexpected rebuild output: ${output}`);
  return Number(match[1]);
}
