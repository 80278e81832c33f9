import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/kaizen');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.TZ).toBe('Europe/London');
    expect(env.DATABASE_BULK_POOL_SIZE).toBe(4);
    expect(env.IMPORT_MAX_BYTES).toBe(200 * 1024 * 1024);
    expect(env.IMPORT_MAX_ROWS).toBe(1_000_000);
    expect(env.BULK_TRANSFERS_PER_TRUST).toBe(2);
    expect(env.BULK_TRANSFERS_TOTAL).toBe(4);
    expect(env.TRANSFER_MIN_BYTES_PER_SECOND).toBe(16 * 1024);
    expect(env.TRANSFER_WINDOW_SECONDS).toBe(30);
  });

  it('reads the limits of bulk transfers and names a wrong one', () => {
    expect(validateEnvironment({ TRANSFER_WINDOW_SECONDS: '0.5', IMPORT_MAX_ROWS: '10' })).toMatchObject({
      TRANSFER_WINDOW_SECONDS: 0.5,
      IMPORT_MAX_ROWS: 10,
    });
    expect(() => validateEnvironment({ IMPORT_MAX_BYTES: 'lots' })).toThrow(/IMPORT_MAX_BYTES must be an integer/);
    expect(() => validateEnvironment({ DATABASE_BULK_POOL_SIZE: '0' })).toThrow(/DATABASE_BULK_POOL_SIZE/);
    expect(() => validateEnvironment({ TRANSFER_WINDOW_SECONDS: '0' })).toThrow(/TRANSFER_WINDOW_SECONDS/);
  });

  it('names the variable that is wrong', () => {
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toHaveLength(32);
  });
});
