// Settings of the rollup pipeline, validated once at start like Environment (libs/config): a wrong
// value stops the process with the variable's name. Kept here rather than in Environment because
// only the worker and the rebuild CLI read them.
import { plainToInstance } from 'class-transformer';
import { IsInt, Max, Min, validateSync } from 'class-validator';

export class RollupSettings {
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

  /** Marks one relay transaction claims at most. */
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
}

export class RollupSettingsError extends Error {}

export function validateRollupSettings(raw: Record<string, unknown>): RollupSettings {
  const defaults = new RollupSettings() as unknown as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    picked[key] = Number(value);
  }
  const settings = plainToInstance(RollupSettings, picked);
  const problems = validateSync(settings).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) throw new RollupSettingsError(`Invalid configuration: ${problems.join('; ')}`);
  return settings;
}
