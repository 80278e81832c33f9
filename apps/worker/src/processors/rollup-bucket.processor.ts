import { type RollupBucketPayload, QueueName } from '@app/queue';
import { RollupService } from '@app/rollups';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { rollupWorkerOptions } from './worker-options';

/** Recomputes one rollup bucket (trust, day) from raw rows. */
@Processor(QueueName.RollupBucket, rollupWorkerOptions())
export class RollupBucketProcessor extends WorkerHost {
  constructor(private readonly rollups: RollupService) {
    super();
  }

  async process(job: Job<RollupBucketPayload>) {
    const { figures, marksCleared } = await this.rollups.recomputeBucket(job.data);
    return { figures, marksCleared };
  }
}
