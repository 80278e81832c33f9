// Pure rules of rollup bucket jobs: the bucket key and the options that make a burst of changes
// to one bucket one job, without dropping a change that arrives while that job runs.
import type { JobsOptions } from 'bullmq';
import type { RollupBucketPayload } from './job-payloads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Stable key of a bucket, e.g. `5b0c…:2024-03-01` (lower-case trust id, so one bucket has one key). */
export function bucketKey(bucket: RollupBucketPayload): string {
  if (!UUID.test(bucket.trustId)) throw new RangeError(`trustId "${bucket.trustId}" is not a UUID`);
  if (!DAY.test(bucket.day)) throw new RangeError(`day "${bucket.day}" is not YYYY-MM-DD`);
  return `${bucket.trustId.toLowerCase()}:${bucket.day}`;
}

/** The BullMQ deduplication id of a bucket's job. */
export function bucketDeduplicationId(bucket: RollupBucketPayload): string {
  return `bucket:${bucketKey(bucket)}`;
}

/** Unique buckets of a list, in first-seen order. */
export function uniqueBuckets(buckets: readonly RollupBucketPayload[]): RollupBucketPayload[] {
  const unique = new Map<string, RollupBucketPayload>();
  for (const bucket of buckets) {
    const key = bucketKey(bucket);
    if (!unique.has(key)) unique.set(key, { trustId: bucket.trustId.toLowerCase(), day: bucket.day });
  }
  return [...unique.values()];
}

/** Retries and retention shared by every rollup job: failed jobs are kept for inspection. */
export const ROLLUP_JOB_DEFAULTS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500, jitter: 0.2 },
  removeOnComplete: { age: 3600, count: 2000 },
  removeOnFail: false,
};

/**
 * Options of one bucket job. Deduplication by bucket: while a job for the bucket waits, later adds
 * are dropped (the waiting job will read every committed change when it runs); while it is active,
 * `keepLastIfActive` keeps one follow-up job that runs after it, so a change committed after the
 * active job read its rows is never dropped.
 */
export function bucketJobOptions(bucket: RollupBucketPayload): JobsOptions {
  return { ...ROLLUP_JOB_DEFAULTS, deduplication: { id: bucketDeduplicationId(bucket), keepLastIfActive: true } };
}
