import { type RollupReconcilePayload, QueueName } from '@app/queue';
import { RollupService } from '@app/rollups';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { rollupWorkerOptions } from './worker-options';

/** Compares recent rollups with raw rows and repairs differences (one at a time per process). */
@Processor(QueueName.RollupReconcile, rollupWorkerOptions(1))
export class RollupReconcileProcessor extends WorkerHost {
  constructor(private readonly rollups: RollupService) {
    super();
  }

  async process(job: Job<RollupReconcilePayload>) {
    const { since, differences, repaired } = await this.rollups.reconcileRecent(job.data.days);
    return { since, differences: differences.length, repaired };
  }
}
