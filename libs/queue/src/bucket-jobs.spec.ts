import { bucketDeduplicationId, bucketJobOptions, bucketKey, uniqueBuckets } from './bucket-jobs';
import { ALL_QUEUES, QueueName } from './queue-names';

const A = '5B0C6E1A-2F3D-4C5B-8A9E-0123456789AB';
const B = '11111111-2222-4333-8444-555555555555';

describe('bucket jobs', () => {
  it('keys a bucket by lower-case trust id and day', () => {
    expect(bucketKey({ trustId: A, day: '2024-03-01' })).toBe('5b0c6e1a-2f3d-4c5b-8a9e-0123456789ab:2024-03-01');
    expect(bucketKey({ trustId: A.toLowerCase(), day: '2024-03-01' })).toBe(
      bucketKey({ trustId: A, day: '2024-03-01' }),
    );
  });

  it('refuses a malformed bucket instead of creating a job nobody can process', () => {
    expect(() => bucketKey({ trustId: 'nope', day: '2024-03-01' })).toThrow(/trustId/);
    expect(() => bucketKey({ trustId: B, day: '2024-3-1' })).toThrow(/day/);
  });

  it('gives one deduplication id per bucket and different ids for different buckets', () => {
    const ids = new Set([
      bucketDeduplicationId({ trustId: A, day: '2024-03-01' }),
      bucketDeduplicationId({ trustId: A.toLowerCase(), day: '2024-03-01' }),
      bucketDeduplicationId({ trustId: A, day: '2024-03-02' }),
      bucketDeduplicationId({ trustId: B, day: '2024-03-01' }),
    ]);
    expect(ids.size).toBe(3);
  });

  it('collapses a burst of marks into one bucket each, in first-seen order', () => {
    const burst = [
      { trustId: A, day: '2024-03-01' },
      { trustId: B, day: '2024-03-01' },
      { trustId: A.toLowerCase(), day: '2024-03-01' },
      { trustId: A, day: '2024-03-01' },
    ];
    expect(uniqueBuckets(burst)).toEqual([
      { trustId: A.toLowerCase(), day: '2024-03-01' },
      { trustId: B, day: '2024-03-01' },
    ]);
  });

  it('keeps the last change while a bucket job is active and keeps failed jobs', () => {
    const opts = bucketJobOptions({ trustId: B, day: '2024-03-01' });
    expect(opts.deduplication).toEqual({ id: `bucket:${B}:2024-03-01`, keepLastIfActive: true });
    expect(opts.removeOnFail).toBe(false);
    expect(opts.attempts).toBeGreaterThan(1);
    expect(opts.backoff).toMatchObject({ type: 'exponential' });
  });

  it('lists every queue once', () => {
    expect(new Set(ALL_QUEUES).size).toBe(ALL_QUEUES.length);
    expect(ALL_QUEUES).toEqual(expect.arrayContaining([QueueName.RollupBucket, QueueName.RollupReconcile]));
  });
});
