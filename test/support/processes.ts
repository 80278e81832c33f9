// The real processes of the fault suites: the built API and worker (dist/, built here when missing or
// older than the sources), a test-owned redis-server, and a database of each test's own. Every
// process is started with spawn, watched through its output, and stopped by its pid only.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync, WriteStream } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// globalSetup-style import (no @app alias needed): the same options the API and the CLI use
import { ownerDataSourceOptions } from '../../libs/database/src/data-source-options';

export const REPO_ROOT = join(__dirname, '../..');
export const API_MAIN = join(REPO_ROOT, 'dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(REPO_ROOT, 'dist/apps/worker/apps/worker/src/main.js');
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts/faults');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.spec\.ts$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether a `nest build` of someone else is running (it empties dist/apps/<app> first). */
function buildRunning(): boolean {
  try {
    return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .some((line) => /\bnest build\b/.test(line));
  } catch {
    return false;
  }
}

/**
 * Makes sure dist/ holds the API and the worker built from the current sources: waits while another
 * build is rewriting dist/, and runs `npm run build` when the built files are missing or older than
 * apps/api, apps/worker or libs.
 */
export async function ensureBuilt(): Promise<void> {
  const sources = ['apps/api/src', 'apps/worker/src', 'libs'].map((p) => newestMtime(join(REPO_ROOT, p)));
  const fresh = () =>
    existsSync(API_MAIN) &&
    existsSync(WORKER_MAIN) &&
    Math.min(statSync(API_MAIN).mtimeMs, statSync(WORKER_MAIN).mtimeMs) >= Math.max(...sources);
  for (let waited = 0; buildRunning() && waited < 300_000; waited += 5000) await sleep(5000);
  if (fresh()) return;
  if (process.env.FAULTS_BUILD === 'never') {
    if (existsSync(API_MAIN) && existsSync(WORKER_MAIN)) return; // stale but present: the caller chose so
    throw new Error('dist/ has no built API or worker and FAULTS_BUILD=never');
  }
  execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 600_000 });
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on a port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(port, '127.0.0.1');
  });
}

/** A process this suite started, known by its pid. */
export class Proc {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private text = '';
  private readonly log: WriteStream;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile);
    const keep = (chunk: Buffer) => {
      this.text += chunk.toString();
      if (this.text.length > 4_000_000) this.text = this.text.slice(-2_000_000);
      this.log.write(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.log.end());
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process wrote so far. */
  output(): string {
    return this.text;
  }

  /** Sends a signal to this process, by its pid. */
  signal(signal: NodeJS.Signals): void {
    if (this.alive) process.kill(this.pid, signal);
  }

  /** SIGKILL, and wait until it is gone. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }

  /** Resolves when the output matches, fails when the process exits first or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    while (!pattern.test(this.text)) {
      if (!this.alive) throw new Error(`${this.name} exited before ${pattern}:\n${this.text.slice(-3000)}`);
      if (Date.now() - started > timeoutMs)
        throw new Error(`${this.name}: no ${pattern} after ${timeoutMs} ms:\n${this.text.slice(-3000)}`);
      await sleep(50);
    }
  }
}

function logFile(test: string, name: string): string {
  const dir = join(ARTIFACTS, test);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}-${Date.now()}.log`);
}

export interface AppEnv {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** A label for the logs under test-artifacts/faults/<test>/. */
  test: string;
  extra?: Record<string, string>;
}

function envOf(e: AppEnv, more: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: e.databaseUrl,
    REDIS_URL: e.redisUrl,
    REDIS_PREFIX: e.redisPrefix,
    TZ: process.env.TZ ?? 'Europe/London',
    JWT_SECRET: FAULTS_JWT_SECRET,
    LOG_LEVEL: 'log',
    ...more,
    ...e.extra,
  };
}

/** The run's random secret (test/setup/env.ts), shared by the test process and the processes it spawns. */
export const FAULTS_JWT_SECRET = process.env.JWT_SECRET ?? randomBytes(48).toString('base64url');

/** The built API on a free port, ready when /api/health/live answers. */
export async function startApi(e: AppEnv & { port?: number }): Promise<Proc & { url: string; port: number }> {
  const port = e.port ?? (await freePort());
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: envOf(e, { PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = Object.assign(new Proc('api', child, logFile(e.test, 'api')), { url: `http://127.0.0.1:${port}`, port });
  await proc.waitFor(/API listening/);
  return proc;
}

/** The built worker, ready when it says it started. */
export async function startWorker(e: AppEnv): Promise<Proc> {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    cwd: REPO_ROOT,
    env: envOf(e, {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new Proc('worker', child, logFile(e.test, 'worker'));
  await proc.waitFor(/worker started/);
  return proc;
}

/**
 * `npm start` itself (scripts/start.mjs) with the built API and worker, skipping the build and the
 * demo seed, on a free port: the supervisor with its two children. Ready when the API answers.
 */
export async function startSupervisor(e: AppEnv & { port?: number }): Promise<Proc & { url: string; port: number }> {
  const port = e.port ?? (await freePort());
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/start.mjs'), '--no-build', '--no-seed'], {
    cwd: REPO_ROOT,
    env: envOf(e, { PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = Object.assign(new Proc('npm-start', child, logFile(e.test, 'npm-start')), {
    url: `http://127.0.0.1:${port}`,
    port,
  });
  await proc.waitFor(/Kaizen Ledger is running/, 120_000);
  return proc;
}

/** Pids npm start reported for a child (`[start] worker started (pid N)`, `… restarted …`), in order. */
export function supervisedPids(proc: Proc, name: 'api' | 'worker'): number[] {
  const pattern = new RegExp(`\\[start\\] ${name} (?:re)?started \\(pid (\\d+)\\)`, 'g');
  return [...proc.output().matchAll(pattern)].map((m) => Number(m[1]));
}

/** Whether a process id is alive (signal 0 only asks). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A redis-server of the test's own: no persistence, so a restart starts empty. */
export async function startRedis(port: number, test: string): Promise<Proc> {
  if (await listening(port)) throw new Error(`port ${port} is taken: not starting redis-server there`);
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const proc = new Proc(`redis-${port}`, child, logFile(test, `redis-${port}`));
  await proc.waitFor(/Ready to accept connections/, 20_000);
  return proc;
}

/** The first port from `from` on which nothing listens (test-owned Redis: 6390 and up). */
export async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) if (!(await listening(port))) return port;
  throw new Error(`no free port from ${from}`);
}

/** The URL of a database `name` on the test server, with the query given. */
export function databaseUrl(name: string, query = ''): string {
  const base = new URL(
    process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kaizen_test',
  );
  base.pathname = `/${name}`;
  base.search = query;
  return base.toString();
}

/**
 * A name of this run's own for a fault database: `faults_<test>_p<pid>_<random>`, so two runs of the
 * suite on one PostgreSQL (a developer's and CI's) never drop each other's database.
 */
export function databaseName(test: string): string {
  return `faults_${test}_p${process.pid}_${randomBytes(3).toString('hex')}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates a `faults_` database and runs every migration. Fault databases left behind by runs whose
 * process is gone (a crash, a killed Jest) are dropped first.
 */
export async function createDatabase(name: string): Promise<string> {
  if (!/^faults_[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to create ${name}: fault databases are faults_<name>`);
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const { rows } = await admin.query(
    `SELECT datname FROM pg_database WHERE datname ~ '^faults_[a-z0-9_]+_p[0-9]+_[0-9a-f]+$'`,
  );
  for (const { datname } of rows as { datname: string }[]) {
    const pid = Number(/_p(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    if (pid && !alive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const db = new DataSource(ownerDataSourceOptions(databaseUrl(name), 2));
  await db.initialize();
  await db.runMigrations();
  await db.destroy();
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  if (!name.startsWith('faults_')) return;
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/** Stops whatever is still running (by pid), e.g. in afterEach. */
export async function stopAll(procs: (Proc | undefined)[]): Promise<void> {
  await Promise.all(procs.filter((p): p is Proc => !!p && p.alive).map((p) => p.kill()));
}
