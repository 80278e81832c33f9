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
