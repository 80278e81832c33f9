// The one validated environment of every process (api, worker, CLI). Read once at start;
// a wrong variable stops the process with its name and the rule it broke.
import { passwordProblem } from '@app/domain';
import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  registerDecorator,
  validateSync,
  ValidationOptions,
} from 'class-validator';

/** Whether the runtime's Intl knows `name` as a time zone (the only check that matches what `todayIn` does). */
export function isTimeZone(name: unknown): boolean {
  if (typeof name !== 'string' || name === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function IsTimeZone(options: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: isTimeZone },
    });
}

export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kaizen';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ and throttler key, so tests and several deployments share one Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'REDIS_PREFIX must be 1-40 letters, digits, _ or -' })
  REDIS_PREFIX = 'kaizen';

  @IsInt({ message: 'PORT must be an integer' })
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  PORT = 3000;

  /**
   * HS256 signing secret. Required by the API (and in production by every process); `npm start`
   * generates one into .data/jwt-secret on first start. No default lives in the source.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Lifetime of an access token in seconds. */
  @IsInt({ message: 'JWT_TTL must be an integer number of seconds' })
  @Min(60, { message: 'JWT_TTL must be at least 60 seconds' })
  JWT_TTL = 8 * 3600;

  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  /** The platform's calendar: "today" and "not in the future" are judged here. */
  // Checked with Intl, the same code that later answers "today": a misspelt zone such as
  // Europe/Londn would otherwise start fine and fail every write.
  @IsTimeZone({ message: 'TZ must be an IANA time zone known to this runtime, such as Europe/London' })
  TZ = 'Europe/London';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** Size of the PostgreSQL connection pool of one process. */
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be at least 1' })
  @Max(200, { message: 'DATABASE_POOL_SIZE must be at most 200' })
  DATABASE_POOL_SIZE = 20;

  /** Size of the API's separate pool for CSV imports and exports (SPEC §7). */
  @IsInt({ message: 'DATABASE_BULK_POOL_SIZE must be an integer' })
  @Min(1, { message: 'DATABASE_BULK_POOL_SIZE must be at least 1' })
  @Max(50, { message: 'DATABASE_BULK_POOL_SIZE must be at most 50' })
  DATABASE_BULK_POOL_SIZE = 4;

  /** Largest CSV import, in bytes (413 beyond). */
  @IsInt({ message: 'IMPORT_MAX_BYTES must be an integer number of bytes' })
  @Min(1024, { message: 'IMPORT_MAX_BYTES must be at least 1024' })
  IMPORT_MAX_BYTES = 200 * 1024 * 1024;

  /** Most data rows of a CSV import (413 beyond). */
  @IsInt({ message: 'IMPORT_MAX_ROWS must be an integer' })
  @Min(1, { message: 'IMPORT_MAX_ROWS must be at least 1' })
  IMPORT_MAX_ROWS = 1_000_000;

  /** CSV imports and exports at once per trust, across every API instance (429 beyond). */
  @IsInt({ message: 'BULK_TRANSFERS_PER_TRUST must be an integer' })
  @Min(1, { message: 'BULK_TRANSFERS_PER_TRUST must be at least 1' })
  BULK_TRANSFERS_PER_TRUST = 2;

  /** CSV imports and exports at once in all, across every API instance (429 beyond). */
  @IsInt({ message: 'BULK_TRANSFERS_TOTAL must be an integer' })
  @Min(1, { message: 'BULK_TRANSFERS_TOTAL must be at least 1' })
  BULK_TRANSFERS_TOTAL = 4;

  /** An upload (or an export's reader) slower than this over a whole window is cut off (408). */
  @IsInt({ message: 'TRANSFER_MIN_BYTES_PER_SECOND must be an integer' })
  @Min(0, { message: 'TRANSFER_MIN_BYTES_PER_SECOND must be at least 0 (0 turns the check off)' })
  TRANSFER_MIN_BYTES_PER_SECOND = 16 * 1024;

  /** The window over which TRANSFER_MIN_BYTES_PER_SECOND is judged, in seconds. */
  @IsNumber({}, { message: 'TRANSFER_WINDOW_SECONDS must be a number of seconds' })
  @Min(0.1, { message: 'TRANSFER_WINDOW_SECONDS must be at least 0.1' })
  @Max(3600, { message: 'TRANSFER_WINDOW_SECONDS must be at most 3600' })
  TRANSFER_WINDOW_SECONDS = 30;

  // --- Rollup pipeline (worker, rebuild CLI, and the API's readiness check) ---

  /** Bucket jobs one worker process runs at once. */
  @IsInt({ message: 'ROLLUP_CONCURRENCY must be an integer' })
  @Min(1, { message: 'ROLLUP_CONCURRENCY must be between 1 and 64' })
  @Max(64, { message: 'ROLLUP_CONCURRENCY must be between 1 and 64' })
  ROLLUP_CONCURRENCY = 4;

  /** Safety poll of the relay; LISTEN/NOTIFY wakes it on every commit, this catches a lost notification. */
  @IsInt({ message: 'ROLLUP_RELAY_POLL_MS must be an integer' })
  @Min(50, { message: 'ROLLUP_RELAY_POLL_MS must be between 50 and 60000' })
  @Max(60000, { message: 'ROLLUP_RELAY_POLL_MS must be between 50 and 60000' })
  ROLLUP_RELAY_POLL_MS = 1000;

  /** Marks one relay pass claims at most. */
  @IsInt({ message: 'ROLLUP_RELAY_BATCH must be an integer' })
  @Min(1, { message: 'ROLLUP_RELAY_BATCH must be between 1 and 10000' })
  @Max(10000, { message: 'ROLLUP_RELAY_BATCH must be between 1 and 10000' })
  ROLLUP_RELAY_BATCH = 1000;

  /** A mark relayed this long ago and still there (its job failed for good, or Redis lost it) is relayed again. */
  @IsInt({ message: 'ROLLUP_RECLAIM_AFTER_MS must be an integer' })
  @Min(1000, { message: 'ROLLUP_RECLAIM_AFTER_MS must be at least 1000' })
  ROLLUP_RECLAIM_AFTER_MS = 60_000;

  /** How often the reconciliation job runs. */
  @IsInt({ message: 'ROLLUP_RECONCILE_EVERY_MS must be an integer' })
  @Min(1000, { message: 'ROLLUP_RECONCILE_EVERY_MS must be at least 1000' })
  ROLLUP_RECONCILE_EVERY_MS = 5 * 60_000;

  /** How many days back the reconciliation compares rollups with raw rows. */
  @IsInt({ message: 'ROLLUP_RECONCILE_DAYS must be an integer' })
  @Min(1, { message: 'ROLLUP_RECONCILE_DAYS must be between 1 and 3660' })
  @Max(3660, { message: 'ROLLUP_RECONCILE_DAYS must be between 1 and 3660' })
  ROLLUP_RECONCILE_DAYS = 60;

  /** BullMQ job lock: a job of a worker that died is taken over after about this long. */
  @IsInt({ message: 'ROLLUP_JOB_LOCK_MS must be an integer' })
  @Min(1000, { message: 'ROLLUP_JOB_LOCK_MS must be at least 1000' })
  ROLLUP_JOB_LOCK_MS = 30_000;

  /** Readiness answers 503 when a change has waited longer than this for the rollups (SPEC §7). */
  @IsInt({ message: 'ROLLUP_MAX_LAG_SECONDS must be an integer' })
  @Min(1, { message: 'ROLLUP_MAX_LAG_SECONDS must be between 1 and 86400' })
  @Max(86400, { message: 'ROLLUP_MAX_LAG_SECONDS must be between 1 and 86400' })
  ROLLUP_MAX_LAG_SECONDS = 60;

  /** How often the worker queues the board-pack job again for a publish request still not done. */
  @IsInt({ message: 'BOARD_PUBLISH_REQUEUE_MS must be an integer' })
  @Min(1000, { message: 'BOARD_PUBLISH_REQUEUE_MS must be between 1000 and 3600000' })
  @Max(3_600_000, { message: 'BOARD_PUBLISH_REQUEUE_MS must be between 1000 and 3600000' })
  BOARD_PUBLISH_REQUEUE_MS = 30_000;

  /** Single sign-on (OpenID Connect): the four OIDC_* settings are given together or not at all. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OIDC_ISSUER_URL must be an http(s) URL' })
  OIDC_ISSUER_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'OIDC_CLIENT_ID must not be empty' })
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'OIDC_CLIENT_SECRET must not be empty' })
  OIDC_CLIENT_SECRET?: string;

  /** Where the provider sends the browser back: this API's /api/auth/oidc/callback, as registered there. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+\/api\/auth\/oidc\/callback$/, {
    message: 'OIDC_REDIRECT_URL must be an http(s) URL ending in /api/auth/oidc/callback',
  })
  OIDC_REDIRECT_URL?: string;

  /** `off` turns password sign-in off (single sign-on only). */
  @IsIn(['on', 'off'], { message: 'PASSWORD_LOGIN must be on or off' })
  PASSWORD_LOGIN: 'on' | 'off' = 'on';
}

export const OIDC_SETTINGS = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;

/** Whether single sign-on is configured (validation guarantees all four settings or none). */
export function oidcEnabled(env: Environment): boolean {
  return OIDC_SETTINGS.every((key) => !!env[key]);
}

/**
 * Every variable of the Environment: the properties its validators are declared on, so an optional
 * setting without a default (JWT_SECRET, the OIDC_* settings) is read like every other one.
 */
export function environmentKeys(): string[] {
  const declared = getMetadataStorage()
    .getTargetValidationMetadatas(Environment, '', true, false)
    .map((meta) => meta.propertyName);
  return [...new Set([...Object.keys(new Environment()), ...declared])];
}

export class ConfigValidationError extends Error {}

/** Validates a raw environment; throws naming every wrong variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defaults = new Environment() as unknown as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of environmentKeys()) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    // Environment variables are strings; numeric settings are converted here, and a non-number
    // becomes NaN so the validator names the variable.
    picked[key] = typeof defaults[key] === 'number' ? Number(value) : value;
  }
  const env = plainToInstance(Environment, picked);
  const problems = validateSync(env).flatMap((error) => Object.values(error.constraints ?? {}));
  const adminPasswordProblem = env.ADMIN_PASSWORD ? passwordProblem(env.ADMIN_PASSWORD, env.ADMIN_EMAIL) : null;
  if (adminPasswordProblem) problems.push(`ADMIN_PASSWORD: ${adminPasswordProblem}`);
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  const oidcGiven = OIDC_SETTINGS.filter((key) => !!env[key]);
  if (oidcGiven.length > 0 && oidcGiven.length < OIDC_SETTINGS.length) {
    const missing = OIDC_SETTINGS.filter((key) => !env[key]);
    problems.push(
      `${missing.join(', ')} must be set too: single sign-on needs all of ${OIDC_SETTINGS.join(', ')} or none`,
    );
  }
  if (env.PASSWORD_LOGIN === 'off' && oidcGiven.length < OIDC_SETTINGS.length) {
    problems.push('PASSWORD_LOGIN=off needs single sign-on (the OIDC_* settings), or nobody could sign in');
  }
  if (problems.length > 0) {
    throw new ConfigValidationError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return env;
}

/** The signing secret; the API refuses to start without one (there is no built-in fallback). */
export function jwtSecretOf(env: Environment): string {
  if (!env.JWT_SECRET) {
    throw new ConfigValidationError(
      'Invalid configuration: JWT_SECRET is required (32+ characters); `npm start` generates one into .data/jwt-secret',
    );
  }
  return env.JWT_SECRET;
}
