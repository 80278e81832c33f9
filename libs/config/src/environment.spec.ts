import { isTimeZone, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/kaizen');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.TZ).toBe('Europe/London');
  });

  it('names the variable that is wrong', () => {
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toHaveLength(32);
  });

  it('refuses a time zone Intl does not know, naming TZ', () => {
    expect(() => validateEnvironment({ TZ: 'Europe/Londn' })).toThrow(/TZ must be an IANA time zone/);
    expect(() => validateEnvironment({ TZ: 'Mars/Olympus_Mons' })).toThrow(/TZ must be/);
    expect(validateEnvironment({ TZ: 'America/Argentina/Buenos_Aires' }).TZ).toBe('America/Argentina/Buenos_Aires');
    expect(validateEnvironment({ TZ: 'UTC' }).TZ).toBe('UTC');
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('')).toBe(false);
  });

  it('holds the rollup settings with their defaults', () => {
    const env = validateEnvironment({});
    expect(env.ROLLUP_RECONCILE_EVERY_MS).toBe(300_000);
    expect(env.ROLLUP_RECONCILE_DAYS).toBe(60);
    expect(env.ROLLUP_RELAY_POLL_MS).toBe(1000);
    expect(env.ROLLUP_MAX_LAG_SECONDS).toBe(60);
    expect(validateEnvironment({ ROLLUP_CONCURRENCY: '8' }).ROLLUP_CONCURRENCY).toBe(8);
  });

  it.each([
    ['ROLLUP_CONCURRENCY', 'many', /ROLLUP_CONCURRENCY must be an integer/],
    ['ROLLUP_RECONCILE_DAYS', '0', /ROLLUP_RECONCILE_DAYS must be between 1 and 3660/],
    ['ROLLUP_MAX_LAG_SECONDS', '-5', /ROLLUP_MAX_LAG_SECONDS must be between 1 and 86400/],
    ['ROLLUP_JOB_LOCK_MS', '1.5', /ROLLUP_JOB_LOCK_MS must be an integer/],
  ])('names a wrong rollup setting %s=%s', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });
});
