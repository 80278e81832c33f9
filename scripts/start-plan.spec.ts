import {
  DEFAULT_DATABASE_URL,
  EMBEDDED_DATABASE_URL,
  parseStartArgs,
  planServices,
  restartDecision,
  RESTART_FIRST_DELAY_MS,
  RESTART_MAX_DELAY_MS,
  RESTART_STABLE_AFTER_MS,
} from './start-plan.mjs';

describe('npm start service plan', () => {
  const none = { postgresAnswers: false, redisAnswers: false, redisServerOnPath: false };

  it('uses the configured URLs and starts nothing when both are set', () => {
    const plan = planServices({ ...none, env: { DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r:1' } });
    expect(plan).toEqual({
      postgres: 'configured',
      redis: 'configured',
      databaseUrl: 'postgres://db/x',
      redisUrl: 'redis://r:1',
    });
  });

  it('uses a PostgreSQL that answers on 5432 when DATABASE_URL is unset', () => {
    const plan = planServices({ ...none, postgresAnswers: true, redisAnswers: true, env: {} });
    expect(plan.postgres).toBe('local');
    expect(plan.databaseUrl).toBe(DEFAULT_DATABASE_URL);
    expect(plan.redis).toBe('local');
  });

  it('starts the embedded PostgreSQL when nothing answers and DATABASE_URL is unset', () => {
    const plan = planServices({ ...none, env: {} });
    expect(plan.postgres).toBe('embedded');
    expect(plan.databaseUrl).toBe(EMBEDDED_DATABASE_URL);
  });

  it('never starts the embedded database when DATABASE_URL is set, even if nothing answers', () => {
    expect(planServices({ ...none, env: { DATABASE_URL: 'postgres://elsewhere/db' } }).postgres).toBe('configured');
  });

  it('spawns redis-server from PATH, or reports it missing', () => {
    expect(planServices({ ...none, redisServerOnPath: true, env: {} }).redis).toBe('spawn');
    expect(planServices({ ...none, env: {} }).redis).toBe('missing');
  });
});

describe('npm start options', () => {
  it('builds and seeds by default, and skips either on request', () => {
    expect(parseStartArgs([])).toEqual({ build: true, seed: true });
    expect(parseStartArgs(['--no-build', '--no-seed'])).toEqual({ build: false, seed: false });
  });

  it('refuses an unknown option by name', () => {
    expect(() => parseStartArgs(['--fast'])).toThrow('unknown option --fast');
  });
});

describe('npm start supervision', () => {
  const exit = { name: 'worker', code: null, signal: 'SIGKILL', uptimeMs: 120_000, streak: 0, stopping: false };

  it('restarts a process that died after running a while within 5 s, and says why', () => {
    const decision = restartDecision(exit);
    expect(decision).toEqual({
      action: 'restart',
      delayMs: 1000,
      streak: 1,
      message: 'worker was killed by SIGKILL after 120.0 s; restarting it in 1 s',
    });
    expect(RESTART_FIRST_DELAY_MS).toBeLessThanOrEqual(5000);
  });

  it('backs off while a process keeps dying soon after it starts, up to 30 s', () => {
    const delays: number[] = [];
    let streak = 0;
    for (let i = 0; i < 8; i++) {
      const d = restartDecision({ ...exit, code: 1, signal: null, uptimeMs: 2000, streak });
      if (d.action !== 'restart') throw new Error('expected a restart');
      delays.push(d.delayMs);
      streak = d.streak;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(RESTART_MAX_DELAY_MS).toBe(30_000);
    const last = restartDecision({ ...exit, code: 1, signal: null, uptimeMs: 2000, streak: 3 });
    expect(last.action === 'restart' && last.message).toBe(
      'worker exited with code 1 after 2.0 s; restarting it in 8 s; it keeps dying (4 times in a row), backing off',
    );
  });

  it('forgets the streak once a process ran for a while', () => {
    const d = restartDecision({ ...exit, uptimeMs: RESTART_STABLE_AFTER_MS, streak: 5 });
    expect(d).toMatchObject({ action: 'restart', delayMs: 1000, streak: 1 });
  });

  it('never restarts while npm start is stopping (Ctrl-C)', () => {
    expect(restartDecision({ ...exit, stopping: true })).toEqual({ action: 'stop' });
  });
});
