// Pure: what `npm start` must bring up, given the environment and what already answers.
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kaizen';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const EMBEDDED_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/kaizen';

/**
 * @param {{ env: Record<string, string | undefined>, postgresAnswers: boolean, redisAnswers: boolean, redisServerOnPath: boolean }} facts
 * @returns {{ postgres: 'configured' | 'local' | 'embedded', redis: 'configured' | 'local' | 'spawn' | 'missing', databaseUrl: string, redisUrl: string }}
 */
export function planServices({ env, postgresAnswers, redisAnswers, redisServerOnPath }) {
  const postgres = env.DATABASE_URL ? 'configured' : postgresAnswers ? 'local' : 'embedded';
  const redis = env.REDIS_URL ? 'configured' : redisAnswers ? 'local' : redisServerOnPath ? 'spawn' : 'missing';
  return {
    postgres,
    redis,
    databaseUrl: env.DATABASE_URL || (postgres === 'embedded' ? EMBEDDED_DATABASE_URL : DEFAULT_DATABASE_URL),
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
  };
}

/** `npm start -- [--no-build] [--no-seed]`: skip the build (dist/ is current) or the demo seed. */
export function parseStartArgs(argv) {
  const known = new Set(['--no-build', '--no-seed']);
  const unknown = argv.filter((arg) => !known.has(arg));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (known: ${[...known].join(', ')})`);
  return { build: !argv.includes('--no-build'), seed: !argv.includes('--no-seed') };
}

// Supervision of the API and worker processes (SPEC §7): one that dies is restarted within 5 s,
// backing off to 30 s while it keeps dying.
export const RESTART_FIRST_DELAY_MS = 1000;
export const RESTART_MAX_DELAY_MS = 30_000;
/** A process that ran at least this long before dying is not "dying again": the back-off resets. */
export const RESTART_STABLE_AFTER_MS = 30_000;

/**
 * What the supervisor does when a child exits.
 * @param {{ name: string, code: number | null, signal: string | null, uptimeMs: number, streak: number, stopping: boolean }} exit
 *   `streak`: how many times in a row this child died soon after it started, before this exit.
 * @returns {{ action: 'stop' } | { action: 'restart', delayMs: number, streak: number, message: string }}
 */
export function restartDecision({ name, code, signal, uptimeMs, streak, stopping }) {
  if (stopping) return { action: 'stop' };
  const nextStreak = uptimeMs < RESTART_STABLE_AFTER_MS ? streak + 1 : 1;
  const delayMs = Math.min(RESTART_FIRST_DELAY_MS * 2 ** (nextStreak - 1), RESTART_MAX_DELAY_MS);
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const keepsDying = nextStreak > 1 ? `; it keeps dying (${nextStreak} times in a row), backing off` : '';
  return {
    action: 'restart',
    delayMs,
    streak: nextStreak,
    message: `${name} ${how} after ${(uptimeMs / 1000).toFixed(1)} s; restarting it in ${delayMs / 1000} s${keepsDying}`,
  };
}
