import { isTimeZone, jwtSecretOf, oidcEnabled, validateEnvironment } from './environment';

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

  it('has no built-in signing secret: without JWT_SECRET the API cannot get one', () => {
    expect(() => jwtSecretOf(validateEnvironment({}))).toThrow(/JWT_SECRET is required/);
    expect(jwtSecretOf(validateEnvironment({ JWT_SECRET: 'y'.repeat(40) }))).toBe('y'.repeat(40));
  });

  it('holds ADMIN_PASSWORD to the password rules, naming it', () => {
    expect(() => validateEnvironment({ ADMIN_EMAIL: 'a@x.nhs.uk', ADMIN_PASSWORD: 'QWERTY123456' })).toThrow(
      /ADMIN_PASSWORD: password is one of the 10,000 most common/,
    );
    expect(() => validateEnvironment({ ADMIN_EMAIL: 'boss@x.nhs.uk', ADMIN_PASSWORD: 'the-boss-is-here' })).toThrow(
      /ADMIN_PASSWORD: password must not contain/,
    );
    expect(validateEnvironment({ ADMIN_EMAIL: 'a@x.nhs.uk', ADMIN_PASSWORD: 'improve-together' }).ADMIN_PASSWORD).toBe(
      'improve-together',
    );
  });

  describe('single sign-on', () => {
    const oidc = {
      OIDC_ISSUER_URL: 'https://login.microsoftonline.com/tenant-id/v2.0',
      OIDC_CLIENT_ID: 'client',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_REDIRECT_URL: 'https://kaizen.example.nhs.uk/api/auth/oidc/callback',
    };

    it('is off by default and password sign-in is on', () => {
      const env = validateEnvironment({});
      expect(oidcEnabled(env)).toBe(false);
      expect(env.PASSWORD_LOGIN).toBe('on');
    });

    it('takes all four settings', () => {
      expect(oidcEnabled(validateEnvironment(oidc))).toBe(true);
      expect(validateEnvironment({ ...oidc, PASSWORD_LOGIN: 'off' }).PASSWORD_LOGIN).toBe('off');
    });

    it('names the settings missing when only some are given', () => {
      expect(() => validateEnvironment({ OIDC_ISSUER_URL: oidc.OIDC_ISSUER_URL })).toThrow(
        /OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL must be set too/,
      );
    });

    it('checks the URLs and PASSWORD_LOGIN', () => {
      expect(() => validateEnvironment({ ...oidc, OIDC_ISSUER_URL: 'login.example' })).toThrow(
        /OIDC_ISSUER_URL must be/,
      );
      expect(() => validateEnvironment({ ...oidc, OIDC_REDIRECT_URL: 'https://x.example/cb' })).toThrow(
        /OIDC_REDIRECT_URL must be an http\(s\) URL ending in \/api\/auth\/oidc\/callback/,
      );
      expect(() => validateEnvironment({ ...oidc, PASSWORD_LOGIN: 'no' })).toThrow(/PASSWORD_LOGIN must be on or off/);
      expect(() => validateEnvironment({ PASSWORD_LOGIN: 'off' })).toThrow(/PASSWORD_LOGIN=off needs single sign-on/);
    });
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
