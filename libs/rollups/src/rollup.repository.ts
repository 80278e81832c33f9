// All SQL of the rollup pipeline: claiming marks, recomputing a bucket, reconciling, rebuilding.
//
// The guard against an older computation overwriting a newer one: every write of rollup rows holds
// an advisory lock — a bucket job the bucket's lock (and the rebuild lock shared), the rebuild the
// rebuild lock exclusively — taken in READ COMMITTED before any figure is read, so each statement
// after it sees every commit of the previous holder. Marks are deleted only by the transaction that
// recomputed their bucket, and only those visible in the snapshot it read raw rows from: a change
// that commits later keeps its mark and gets another job.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryResult as PgResult } from 'pg';
import { DataSource, EntityManager, QueryResult } from 'typeorm';
import { isValidDate } from '@app/domain';
import type { Bucket } from './rollup-marks';
import {
  recomputeBucketSql,
  RECONCILE_DIFFERENCES,
  RECONCILE_WORK_MEM,
  REBUILD_COMPUTE_WASTE_TYPES,
  REBUILD_DAILY,
  REBUILD_WASTE_TYPES,
} from './rollup-sql';

/** Lock that bucket jobs hold shared and the full rebuild holds exclusively. */
const REBUILD_LOCK = `hashtextextended('kaizen-rollups:rebuild', 0)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A bucket as SQL literals. Bucket jobs send their whole transaction as one simple-protocol query
 * (one round trip instead of seven, which is what bounds the pipeline's throughput), and that
 * protocol takes no parameters; both values are checked against strict patterns first.
 */
export function bucketLiterals(bucket: Bucket): { trust: string; day: string } {
  if (!UUID.test(bucket.trustId)) throw new RangeError(`trustId "${bucket.trustId}" is not a UUID`);
  if (!isValidDate(bucket.day)) throw new RangeError(`day "${bucket.day}" is not a calendar date as YYYY-MM-DD`);
  return { trust: `'${bucket.trustId.toLowerCase()}'::uuid`, day: `'${bucket.day}'::date` };
}

/** The whole transaction of a bucket job: locks first, then the recompute with a fresh snapshot. */
export function bucketTransactionSql(bucket: Bucket): string {
  const { trust, day } = bucketLiterals(bucket);
  return [
    'BEGIN',
    `SELECT pg_advisory_xact_lock_shared(${REBUILD_LOCK}),
            pg_advisory_xact_lock(hashtextextended('kaizen-rollups:' || ${trust}::text || ':' || ${day}::text, 0))`,
    recomputeBucketSql(trust, day),
    'COMMIT',
  ].join(';\n');
}

export interface DailyFigures {
  wasteRecords: number;
  occurrences: number;
  minutesLost: number;
  minutesEliminated: number;
  eventsCompleted: number;
  eventsSustained: number;
  ideas: number;
}

export interface BucketResult {
  bucket: Bucket;
  /** The bucket's figures now, or null when nothing counts on that day (its row was removed). */
  figures: DailyFigures | null;
  /** Marks this computation accounted for and removed. */
  marksCleared: number;
}

export interface RollupDifference {
  rollup: 'rollup_daily' | 'rollup_daily_waste_type';
  trustId: string;
  day: string;
  wasteType: string | null;
  stored: Record<string, number | string> | null;
  raw: Record<string, number | string> | null;
}

export interface RebuildResult {
  dailyRows: number;
  wasteTypeRows: number;
  marksCleared: number;
}

interface DailyRow {
  waste_records: number | null;
  occurrences: string;
  minutes_lost: string;
  minutes_eliminated: string;
  events_completed: number;
  events_sustained: number;
  ideas: number;
}

function toFigures(row: DailyRow): DailyFigures {
  return {
    wasteRecords: Number(row.waste_records),
    occurrences: Number(row.occurrences),
    minutesLost: Number(row.minutes_lost),
    minutesEliminated: Number(row.minutes_eliminated),
    eventsCompleted: Number(row.events_completed),
    eventsSustained: Number(row.events_sustained),
    ideas: Number(row.ideas),
  };
}

/** Runs a statement in a transaction's query runner and answers its rows and affected-row count. */
async function run<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<{ rows: T[]; affected: number }> {
  if (!em.queryRunner) throw new Error('rollup statements run inside a transaction');
  const result = (await em.queryRunner.query(sql, parameters, true)) as QueryResult;
  return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
}

@Injectable()
export class RollupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Claims up to `limit` marks not yet relayed (and, unless `reclaimAfterMs` is null, marks relayed
   * more than `reclaimAfterMs` ago and still pending), stamps them relayed, and only then hands their
   * buckets to `enqueue`. The claim is one autocommit statement per kind, so no transaction stays
   * open while Redis is waited for (a Redis outage must not leave relay sessions `idle in
   * transaction`, holding row locks and pool connections). When enqueueing fails the claim is
   * released (relayed_at back to NULL) and the marks go out on the next pass; if even the release
   * fails, the reclaim picks them up after `reclaimAfterMs`. Several relays never claim the same mark
   * at once (SKIP LOCKED). Answers the number of marks claimed.
   */
  async claimMarks(
    limit: number,
    reclaimAfterMs: number | null,
    enqueue: (buckets: Bucket[]) => Promise<unknown>,
  ): Promise<number> {
    // New marks first (partial index on unrelayed ids), then, with any room left, marks relayed long
    // ago and still pending (index on relayed_at): never a scan of a backlog.
    const rows = await this.claim('relayed_at IS NULL', [limit]);
    if (reclaimAfterMs !== null && rows.length < limit) {
      rows.push(
        ...(await this.claim(`relayed_at < clock_timestamp() - $2 * interval '1 millisecond'`, [
          limit - rows.length,
          reclaimAfterMs,
        ])),
      );
    }
    if (rows.length === 0) return 0;
    try {
      await enqueue(rows.map(({ trustId, day }) => ({ trustId, day })));
    } catch (error) {
      await this.db
        .query(`UPDATE rollup_marks SET relayed_at = NULL WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)])
        .catch(() => undefined);
      throw error;
    }
    return rows.length;
  }

  /** One claim statement, committed on its own: marks matching `where`, stamped relayed now. */
  private async claim(where: string, parameters: unknown[]): Promise<(Bucket & { id: string })[]> {
    const runner = this.db.createQueryRunner();
    try {
      const result = (await runner.query(
        `WITH claimed AS (
           SELECT id FROM rollup_marks WHERE ${where} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE rollup_marks m SET relayed_at = clock_timestamp()
         FROM claimed WHERE m.id = claimed.id
         RETURNING m.id::text AS id, m.trust_id AS "trustId", to_char(m.day, 'YYYY-MM-DD') AS day`,
        parameters,
        true,
      )) as QueryResult;
      return (result.records ?? []) as (Bucket & { id: string })[];
    } finally {
      await runner.release();
    }
  }

  /**
   * Recomputes one bucket from raw rows (idempotent: a second run writes the same figures). Runs in
   * READ COMMITTED: the recompute statement starts after the locks are held, so it sees every commit
   * of the bucket's previous computation and of every change before it.
   */
  async recomputeBucket(bucket: Bucket): Promise<BucketResult> {
    const sql = bucketTransactionSql(bucket);
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const results = (await client.query(sql)) as unknown as PgResult<DailyRow & { marks_cleared: number }>[];
      const [row] = results[2].rows;
      return {
        bucket,
        figures: row.waste_records === null ? null : toFigures(row),
        marksCleared: row.marks_cleared,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Rollup rows since `sinceDay` that disagree with raw rows, outside buckets with pending marks. */
  async findDifferences(sinceDay: string): Promise<RollupDifference[]> {
    // Range reads of the covering indexes (migration PipelineIndexes); aggregation kept in memory.
    return this.db.transaction(async (em) => {
      await em.query(`SET LOCAL work_mem = '${RECONCILE_WORK_MEM}'`);
      return em.query(RECONCILE_DIFFERENCES, [sinceDay]);
    });
  }

  /**
   * Rebuilds every rollup row from raw rows, set-based, in one transaction (readers keep seeing the
   * old rows until it commits). Holds the rebuild lock exclusively, so no bucket job writes while it
   * runs, and clears the marks it accounted for.
   */
  async rebuildAll(): Promise<RebuildResult> {
    return this.db.transaction(async (em: EntityManager) => {
      await em.query(`SET LOCAL statement_timeout = 0`);
      // Tens of thousands of (trust, day, waste type) groups: keep the aggregation in memory.
      await em.query(`SET LOCAL work_mem = '128MB'`);
      await em.query(`SELECT pg_advisory_xact_lock(${REBUILD_LOCK})`);
      await em.query(`CREATE TEMP TABLE rollup_rebuild_seen ON COMMIT DROP AS SELECT id FROM rollup_marks`);
      await em.query(REBUILD_COMPUTE_WASTE_TYPES);
      await em.query(`DELETE FROM rollup_daily_waste_type`);
      const { affected: wasteTypeRows } = await run(em, REBUILD_WASTE_TYPES);
      await em.query(`DELETE FROM rollup_daily`);
      const { affected: dailyRows } = await run(em, REBUILD_DAILY);
      const { affected: marksCleared } = await run(
        em,
        `DELETE FROM rollup_marks WHERE id IN (SELECT id FROM rollup_rebuild_seen)`,
      );
      return { dailyRows, wasteTypeRows, marksCleared };
    });
  }
}
