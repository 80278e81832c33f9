// A wrong setting stops every process at start, naming the variable (SPEC §7, issue 11): the built
// API, worker and migration CLI with TZ=Europe/Londn (which Node itself silently treats as UTC, and
// which used to start fine and then answer 500 to every write), and a wrong rollup setting.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { API_MAIN, ensureBuilt, REPO_ROOT, WORKER_MAIN } from '../support/processes';

jest.setTimeout(120_000);

const MIGRATE = join(REPO_ROOT, 'dist/apps/api/apps/api/src/cli/migrate.js');

/** Runs a built entry point with `vars` and answers its exit code and output (killed after 20 s). */
function run(main: string, vars: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        // nothing listens here: a process that got past its settings would fail to connect instead
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
        REDIS_URL: 'redis://127.0.0.1:1',
        PORT: '1',
        ...vars,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('a wrong setting', () => {
  beforeAll(() => ensureBuilt());

  it.each([
    ['API', API_MAIN],
    ['worker', WORKER_MAIN],
    ['migration CLI', MIGRATE],
  ])('TZ=Europe/Londn stops the %s at start, naming TZ', async (_, main) => {
    const { code, output } = await run(main, { TZ: 'Europe/Londn' });
    expect(code).toBe(1);
    expect(output).toMatch(/TZ must be an IANA time zone known to this runtime, such as Europe\/London/);
    expect(output).not.toMatch(/ECONNREFUSED|listening|worker started/);
  });

  it.each([
    ['API', 'ROLLUP_MAX_LAG_SECONDS', API_MAIN, 'soon', /ROLLUP_MAX_LAG_SECONDS must be an integer/],
    ['worker', 'ROLLUP_CONCURRENCY', WORKER_MAIN, '0', /ROLLUP_CONCURRENCY must be between 1 and 64/],
    ['worker', 'BOARD_PUBLISH_REQUEUE_MS', WORKER_MAIN, '10', /BOARD_PUBLISH_REQUEUE_MS must be between/],
  ])('a wrong value stops the %s, naming %s', async (_, name, main, value, message) => {
    const { code, output } = await run(main, { [name]: value });
    expect(code).toBe(1);
    expect(output).toMatch(message);
  });
});
