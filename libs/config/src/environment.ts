// The one validated environment of every process (api, worker, CLI). Read once at start;
// a wrong variable stops the process with its name and the rule it broke.
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const DEV_JWT_SECRET = 'kaizen-ledger-development-secret-do-not-use-in-production';

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
  @IsString()
  @Matches(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/, { message: 'TZ must be an IANA time zone such as Europe/London' })
  TZ = 'Europe/London';

  /** Login attempts allowed per client per minute. */
  @IsInt({ message: 'LOGIN_RATE_LIMIT must be an integer' })
  @Min(1, { message: 'LOGIN_RATE_LIMIT must be at least 1' })
  LOGIN_RATE_LIMIT = 10;

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
}

export class ConfigValidationError extends Error {}

/** Validates a raw environment; throws naming every wrong variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defaults = new Environment() as unknown as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(defaults), 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'])) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    // Environment variables are strings; numeric settings are converted here, and a non-number
    // becomes NaN so the validator names the variable.
    picked[key] = typeof defaults[key] === 'number' ? Number(value) : value;
  }
  const env = plainToInstance(Environment, picked);
  const problems = validateSync(env).flatMap((error) => Object.values(error.constraints ?? {}));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  if (problems.length > 0) {
    throw new ConfigValidationError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return env;
}

export function jwtSecretOf(env: Environment): string {
  return env.JWT_SECRET ?? DEV_JWT_SECRET;
}
