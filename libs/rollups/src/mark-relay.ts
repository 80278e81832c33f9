// Moves committed marks from Postgres to BullMQ: one deduplicated job per bucket. The worker's
// relay runner calls relayOnce whenever a commit notifies it (and on a safety poll).
import { Environment } from '@app/config';
import { RollupProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { RollupRepository } from './rollup.repository';

/**
 * How long one batch may wait for Redis. BullMQ's connection queues commands while Redis is away, so
 * without this a pass would wait for the outage to end; with it, the claim is released and the next
 * poll tries again. A batch that reaches Redis late anyway only duplicates idempotent bucket jobs.
 */
export const ENQUEUE_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the job queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class MarkRelay {
  constructor(
    private readonly rollups: RollupRepository,
    private readonly producer: RollupProducer,
    private readonly settings: Environment,
  ) {}

  /**
   * Relays one batch of new marks, and with `reclaim` also marks relayed long ago and still pending;
   * answers the number of marks claimed (0 when there was nothing to do).
   */
  relayOnce(reclaim = true): Promise<number> {
    const reclaimAfter = reclaim ? this.settings.ROLLUP_RECLAIM_AFTER_MS : null;
    return this.rollups.claimMarks(this.settings.ROLLUP_RELAY_BATCH, reclaimAfter, (buckets) =>
      withTimeout(this.producer.enqueueBuckets(buckets), ENQUEUE_TIMEOUT_MS),
    );
  }
}
