// Marks the rollup buckets a change touches, inside the writer's transaction (SPEC §5): the
// mark commits or rolls back with the change, so no committed change can miss the rollups.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A rollup bucket: one trust's figures for one calendar day. */
export interface Bucket {
  trustId: string;
  /** YYYY-MM-DD */
  day: string;
}

@Injectable()
export class RollupMarks {
  /** Call with the old and the new buckets of every changed waste record or event. */
  async touch(em: EntityManager, buckets: readonly Bucket[]): Promise<void> {
    const unique = new Map(buckets.filter((b) => b.day).map((b) => [`${b.trustId}|${b.day}`, b]));
    if (unique.size === 0) return;
    const list = [...unique.values()];
    await em.query(`INSERT INTO rollup_marks (trust_id, day) SELECT * FROM unnest($1::uuid[], $2::date[])`, [
      list.map((b) => b.trustId),
      list.map((b) => b.day),
    ]);
  }
}
