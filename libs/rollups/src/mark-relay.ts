// Moves committed marks from Postgres to BullMQ: one deduplicated job per bucket. The worker's
// relay runner calls relayOnce whenever a commit notifies it (and on a safety poll).
import { Environment } from '@app/config';
import { RollupProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { RollupRepository } from './rollup.repository';

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
      this.producer.enqueueBuckets(buckets),
    );
  }
}
