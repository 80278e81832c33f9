import { DEFAULT_DATABASE_URL, EMBEDDED_DATABASE_URL, planServices } from './start-plan.mjs';

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
