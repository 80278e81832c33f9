// Puts rollup jobs on their queues. The only place that builds their options.
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { bucketJobOptions, ROLLUP_JOB_DEFAULTS, uniqueBuckets } from './bucket-jobs';
import type { RollupBucketPayload, RollupReconcilePayload } from './job-payloads';
import { JobName, QueueName, RECONCILE_SCHEDULER_ID } from './queue-names';

@Injectable()
export class RollupProducer {
  constructor(
    @InjectQueue(QueueName.RollupBucket) private readonly buckets: Queue<RollupBucketPayload>,
    @InjectQueue(QueueName.RollupReconcile) private readonly reconcile: Queue<RollupReconcilePayload>,
  ) {}

  /** One job per distinct bucket, deduplicated against jobs already waiting or running. */
  async enqueueBuckets(buckets: readonly RollupBucketPayload[]): Promise<number> {
    const unique = uniqueBuckets(buckets);
    if (unique.length === 0) return 0;
    await this.buckets.addBulk(
      unique.map((bucket) => ({ name: JobName.RecomputeBucket, data: bucket, opts: bucketJobOptions(bucket) })),
    );
    return unique.length;
  }

  /** Creates or updates the job scheduler of the regular reconciliation (idempotent). */
  async scheduleReconciliation(everyMs: number, days: number): Promise<void> {
    await this.reconcile.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: everyMs },
      {
        name: JobName.ReconcileRecent,
        data: { days },
        opts: { ...ROLLUP_JOB_DEFAULTS, attempts: 3, removeOnFail: { count: 500 } },
      },
    );
  }

  /** A one-off reconciliation (operators, tests). */
  async reconcileNow(days: number): Promise<string | undefined> {
    const job = await this.reconcile.add(JobName.ReconcileRecent, { days }, { ...ROLLUP_JOB_DEFAULTS, attempts: 3 });
    return job.id;
  }
}
