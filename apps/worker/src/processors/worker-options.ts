// BullMQ worker options of the rollup queues. @Processor takes them when the class is declared, so
// they are read from the one validated Environment when this file loads (a wrong value stops the
// worker here, before Nest starts, with the variable's name).
import { validateEnvironment } from '@app/config';
import type { WorkerOptions } from 'bullmq';

export function rollupWorkerOptions(concurrency?: number): Partial<WorkerOptions> {
  const settings = validateEnvironment(process.env);
  return {
    concurrency: concurrency ?? settings.ROLLUP_CONCURRENCY,
    // A job of a worker that died is moved back to waiting after about a lock's duration.
    lockDuration: settings.ROLLUP_JOB_LOCK_MS,
    stalledInterval: settings.ROLLUP_JOB_LOCK_MS,
    maxStalledCount: 3,
  };
}
