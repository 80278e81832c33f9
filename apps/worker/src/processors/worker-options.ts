// BullMQ worker options of the rollup queues. @Processor takes them when the class is declared, so
// they are read from the environment when this file loads, validated like every other setting.
import { validateRollupSettings } from '@app/rollups';
import type { WorkerOptions } from 'bullmq';

export function rollupWorkerOptions(concurrency?: number): Partial<WorkerOptions> {
  const settings = validateRollupSettings(process.env);
  return {
    concurrency: concurrency ?? settings.ROLLUP_CONCURRENCY,
    // A job of a worker that died is moved back to waiting after about a lock's duration.
    lockDuration: settings.ROLLUP_JOB_LOCK_MS,
    stalledInterval: settings.ROLLUP_JOB_LOCK_MS,
    maxStalledCount: 3,
  };
}
