// What rollup jobs do: recompute one bucket, reconcile recent rollups with raw rows, rebuild all.
import { Environment } from '@app/config';
import { addDays, todayIn } from '@app/domain';
import type { RollupBucketPayload } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import type { Bucket } from './rollup-marks';
import { BucketResult, RebuildResult, RollupDifference, RollupRepository } from './rollup.repository';

export interface ReconcileResult {
  since: string;
  differences: RollupDifference[];
  repaired: Bucket[];
}

/** Distinct buckets of a list of differences, in order. */
export function bucketsOf(differences: readonly RollupDifference[]): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const d of differences) buckets.set(`${d.trustId}|${d.day}`, { trustId: d.trustId, day: d.day });
  return [...buckets.values()];
}

@Injectable()
export class RollupService {
  private readonly logger = new Logger('Rollups');

  constructor(
    private readonly rollups: RollupRepository,
    private readonly env: Environment,
  ) {}

  recomputeBucket(bucket: RollupBucketPayload): Promise<BucketResult> {
    return this.rollups.recomputeBucket(bucket);
  }

  /**
   * Compares the rollups of the last `days` days (and any later day) with raw rows, logs every
   * difference and repairs its bucket by recomputing it the normal, locked way.
   */
  async reconcileRecent(days: number): Promise<ReconcileResult> {
    const since = addDays(todayIn(this.env.TZ), -days);
    const differences = await this.rollups.findDifferences(since);
    for (const d of differences) {
      this.logger.warn({
        message: 'rollup differs from raw rows; repairing',
        rollup: d.rollup,
        trustId: d.trustId,
        day: d.day,
        wasteType: d.wasteType,
        stored: d.stored,
        raw: d.raw,
      });
    }
    const repaired = bucketsOf(differences);
    for (const bucket of repaired) await this.rollups.recomputeBucket(bucket);
    if (repaired.length > 0) this.logger.warn(`reconciliation since ${since} repaired ${repaired.length} bucket(s)`);
    return { since, differences, repaired };
  }

  rebuildAll(): Promise<RebuildResult> {
    return this.rollups.rebuildAll();
  }
}
