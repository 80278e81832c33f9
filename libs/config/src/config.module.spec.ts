// The Nest module, not just the validator: a process importing AppConfigModule fails at
// start with the name of the wrong variable.
import { Test } from '@nestjs/testing';
import type { Environment } from './environment';

describe('AppConfigModule', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  async function compileWith(vars: Record<string, string>): Promise<Environment> {
    Object.assign(process.env, vars);
    // A fresh copy of the module, so its ConfigModule.forRoot validation sees this environment too.
    let mod!: typeof import('./config.module');
    let envClass!: typeof Environment;
    jest.isolateModules(() => {
      mod = jest.requireActual('./config.module');
      envClass = jest.requireActual<typeof import('./environment')>('./environment').Environment;
    });
    const ref = await Test.createTestingModule({ imports: [mod.AppConfigModule] }).compile();
    const env = ref.get(envClass);
    await ref.close();
    return env;
  }

  it('starts with a valid environment', async () => {
    const env = await compileWith({ PORT: '4321', REDIS_PREFIX: 'cfgspec' });
    expect(env.PORT).toBe(4321);
    expect(env.REDIS_PREFIX).toBe('cfgspec');
  });

  it.each([
    ['PORT', 'x', /PORT must be an integer/],
    ['PORT', '70000', /PORT must be between 1 and 65535/],
    ['DATABASE_URL', 'mysql://db/kaizen', /DATABASE_URL must be a postgres:\/\/ URL/],
    ['REDIS_URL', 'http://localhost', /REDIS_URL must be a redis:\/\/ URL/],
    ['JWT_TTL', '10', /JWT_TTL must be at least 60 seconds/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
    ['TZ', 'Europe/Londn', /TZ must be an IANA time zone/],
    ['ROLLUP_MAX_LAG_SECONDS', 'soon', /ROLLUP_MAX_LAG_SECONDS must be an integer/],
  ])('refuses to start when %s=%s, naming it', async (name, value, message) => {
    await expect(compileWith({ [name]: value })).rejects.toThrow(message);
  });

  it('requires JWT_SECRET in production', async () => {
    delete process.env.JWT_SECRET;
    await expect(compileWith({ NODE_ENV: 'production' })).rejects.toThrow(
      /JWT_SECRET is required when NODE_ENV=production/,
    );
  });
});
