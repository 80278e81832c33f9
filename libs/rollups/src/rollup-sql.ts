// The SPEC §3 rollup definitions as SQL, written once and used by bucket jobs, the reconciliation
// and the full rebuild, so the three can never disagree about what a figure means:
// - waste record minutes = minutes_lost × occurrences
// - by observed_on: waste_records (count), occurrences (Σ), minutes_lost (Σ minutes)
// - by eliminated_on: minutes_eliminated (Σ minutes of records whose status is eliminated)
// - by end_date: events_completed (status follow_up, sustained or closed), events_sustained (sustained)
// - by start_date: ideas (kind everyday_lean_idea, any status but abandoned)

/**
 * Which raw rows a query reads: one bucket (`trust` and `day` are SQL expressions, such as `$1` and
 * `$2` or quoted literals), every day since `$1`, or all.
 */
export type RollupScope = { bucket: { trust: string; day: string } } | 'since' | 'all';

function dayFilter(column: string, scope: RollupScope): string {
  if (scope === 'since') return `${column} >= $1`;
  if (scope === 'all') return `${column} IS NOT NULL`;
  return `trust_id = ${scope.bucket.trust} AND ${column} = ${scope.bucket.day}`;
}

export const WASTE_TYPE_FIGURES = ['waste_records', 'occurrences', 'minutes_lost', 'minutes_eliminated'] as const;
export const DAILY_FIGURES = [...WASTE_TYPE_FIGURES, 'events_completed', 'events_sustained', 'ideas'] as const;

/**
 * Figures per trust, day and waste type, from waste_records: records grouped by observed day, plus
 * eliminated records grouped by eliminated day. (A single scan that counts each record twice via a
 * LATERAL VALUES was measured slower: the two grouped scans parallelise and hash smaller rows.)
 */
export function rawWasteTypeSql(scope: RollupScope): string {
  return `
    SELECT trust_id, day, waste_type,
           sum(waste_records)::int AS waste_records,
           sum(occurrences)::bigint AS occurrences,
           sum(minutes_lost) AS minutes_lost,
           sum(minutes_eliminated) AS minutes_eliminated
    FROM (
      SELECT trust_id, observed_on AS day, waste_type,
             count(*) AS waste_records, sum(occurrences) AS occurrences,
             sum(minutes_lost * occurrences) AS minutes_lost, 0::numeric AS minutes_eliminated
      FROM waste_records
      WHERE ${dayFilter('observed_on', scope)}
      GROUP BY trust_id, observed_on, waste_type
      UNION ALL
      SELECT trust_id, eliminated_on, waste_type, 0, 0, 0, sum(minutes_lost * occurrences)
      FROM waste_records
      WHERE status = 'eliminated' AND ${dayFilter('eliminated_on', scope)}
      GROUP BY trust_id, eliminated_on, waste_type
    ) parts
    GROUP BY trust_id, day, waste_type`;
}

/** Event figures per trust and day, from improvement_events. */
export function rawEventSql(scope: RollupScope): string {
  return `
    SELECT trust_id, day,
           sum(events_completed)::int AS events_completed,
           sum(events_sustained)::int AS events_sustained,
           sum(ideas)::int AS ideas
    FROM (
      SELECT trust_id, end_date AS day, count(*) AS events_completed,
             count(*) FILTER (WHERE status = 'sustained') AS events_sustained, 0 AS ideas
      FROM improvement_events
      WHERE status IN ('follow_up', 'sustained', 'closed') AND ${dayFilter('end_date', scope)}
      GROUP BY trust_id, end_date
      UNION ALL
      SELECT trust_id, start_date, 0, 0, count(*)
      FROM improvement_events
      WHERE kind = 'everyday_lean_idea' AND status <> 'abandoned' AND ${dayFilter('start_date', scope)}
      GROUP BY trust_id, start_date
    ) parts
    GROUP BY trust_id, day`;
}

/**
 * Figures per trust and day: the waste figures summed over waste types (`wasteTypeSource`, a query
 * with the columns of rollup_daily_waste_type) plus the event figures of `scope`.
 */
export function dailySql(wasteTypeSource: string, scope: RollupScope): string {
  return `
    SELECT trust_id, day,
           sum(waste_records)::int AS waste_records,
           sum(occurrences)::bigint AS occurrences,
           sum(minutes_lost) AS minutes_lost,
           sum(minutes_eliminated) AS minutes_eliminated,
           sum(events_completed)::int AS events_completed,
           sum(events_sustained)::int AS events_sustained,
           sum(ideas)::int AS ideas
    FROM (
      SELECT trust_id, day, waste_records, occurrences, minutes_lost, minutes_eliminated,
             0 AS events_completed, 0 AS events_sustained, 0 AS ideas
      FROM (${wasteTypeSource}) by_type
      UNION ALL
      SELECT trust_id, day, 0, 0, 0, 0, events_completed, events_sustained, ideas
      FROM (${rawEventSql(scope)}) events
    ) parts
    GROUP BY trust_id, day`;
}

/** Rows of rollup_daily_waste_type since `$1`. */
const STORED_WASTE_TYPES_SINCE = `SELECT trust_id, day, waste_type, ${WASTE_TYPE_FIGURES.join(', ')}
  FROM rollup_daily_waste_type WHERE day >= $1`;

const set = (columns: readonly string[]) => columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ');

/**
 * Recomputes one bucket from raw rows in one statement, so the marks it clears and the raw rows it
 * reads come from one snapshot: every cleared mark's change is in the figures written. Upserts the
 * waste types present and the daily row, deletes the rows of what no longer counts, and answers the
 * daily figures written (no row when nothing counts that day) with the number of marks cleared.
 */
export function recomputeBucketSql(trust: string, day: string): string {
  const scope: RollupScope = { bucket: { trust, day } };
  return `
  WITH seen AS (SELECT id FROM rollup_marks WHERE trust_id = ${trust} AND day = ${day}),
  fresh_by_type AS (${rawWasteTypeSql(scope)}),
  fresh_daily AS (${dailySql('SELECT * FROM fresh_by_type', scope)}),
  upserted_by_type AS (
    INSERT INTO rollup_daily_waste_type (trust_id, day, waste_type, ${WASTE_TYPE_FIGURES.join(', ')}, computed_at)
    SELECT trust_id, day, waste_type, ${WASTE_TYPE_FIGURES.join(', ')}, clock_timestamp() FROM fresh_by_type
    ON CONFLICT (trust_id, day, waste_type) DO UPDATE SET ${set(WASTE_TYPE_FIGURES)}, computed_at = EXCLUDED.computed_at
    RETURNING 1
  ),
  removed_by_type AS (
    DELETE FROM rollup_daily_waste_type r
    WHERE r.trust_id = ${trust} AND r.day = ${day} AND r.waste_type NOT IN (SELECT waste_type FROM fresh_by_type)
    RETURNING 1
  ),
  upserted_daily AS (
    INSERT INTO rollup_daily (trust_id, day, ${DAILY_FIGURES.join(', ')}, computed_at)
    SELECT trust_id, day, ${DAILY_FIGURES.join(', ')}, clock_timestamp() FROM fresh_daily
    ON CONFLICT (trust_id, day) DO UPDATE SET ${set(DAILY_FIGURES)}, computed_at = EXCLUDED.computed_at
    RETURNING ${DAILY_FIGURES.join(', ')}
  ),
  removed_daily AS (
    DELETE FROM rollup_daily r
    WHERE r.trust_id = ${trust} AND r.day = ${day} AND NOT EXISTS (SELECT 1 FROM fresh_daily)
    RETURNING 1
  ),
  cleared AS (DELETE FROM rollup_marks WHERE id IN (SELECT id FROM seen) RETURNING 1)
  SELECT (SELECT count(*) FROM cleared)::int AS marks_cleared, upserted_daily.*
  FROM (SELECT 1) one LEFT JOIN upserted_daily ON TRUE`;
}

/**
 * The full rebuild's waste-type figures, into a temporary table: CREATE TABLE AS may run its query
 * in parallel, INSERT ... SELECT may not (PostgreSQL 15), and this is the rebuild's one big scan.
 */
export const REBUILD_COMPUTE_WASTE_TYPES = `
  CREATE TEMP TABLE rollup_rebuild_by_type ON COMMIT DROP AS ${rawWasteTypeSql('all')}`;

export const REBUILD_WASTE_TYPES = `
  INSERT INTO rollup_daily_waste_type (trust_id, day, waste_type, ${WASTE_TYPE_FIGURES.join(', ')}, computed_at)
  SELECT trust_id, day, waste_type, ${WASTE_TYPE_FIGURES.join(', ')}, clock_timestamp() FROM rollup_rebuild_by_type`;

export const REBUILD_DAILY = `
  INSERT INTO rollup_daily (trust_id, day, ${DAILY_FIGURES.join(', ')}, computed_at)
  SELECT trust_id, day, ${DAILY_FIGURES.join(', ')}, clock_timestamp()
  FROM (${dailySql('SELECT * FROM rollup_rebuild_by_type', 'all')}) fresh`;

const differs = (columns: readonly string[]) =>
  columns.map((c) => `coalesce(r.${c}, 0) <> coalesce(s.${c}, 0)`).join(' OR ');
const figures = (alias: string, columns: readonly string[]) =>
  `CASE WHEN ${alias}.trust_id IS NULL THEN NULL ELSE json_build_object(${columns
    .map((c) => `'${c}', ${alias}.${c}`)
    .join(', ')}) END`;

/**
 * work_mem of the reconciliation's transaction: its hash aggregates hold one entry per (trust, day,
 * waste type) of the window — about 25 MB at 30,000 groups, which the default 4 MB spilled to disk
 * in five batches. One reconciliation runs at a time per worker (concurrency 1).
 */
export const RECONCILE_WORK_MEM = '64MB';

/**
 * Every stored rollup row since `$1` that disagrees with raw rows (a missing row counts as zeros),
 * in buckets with no pending mark (those are on their way and may differ legitimately). One
 * statement, so rollups, marks and raw rows are read from one snapshot.
 */
export const RECONCILE_DIFFERENCES = `
  WITH raw_by_type AS (${rawWasteTypeSql('since')}),
  raw_daily AS (${dailySql('SELECT * FROM raw_by_type', 'since')}),
  by_type AS (
    SELECT 'rollup_daily_waste_type' AS rollup, coalesce(r.trust_id, s.trust_id) AS trust_id,
           coalesce(r.day, s.day) AS day, coalesce(r.waste_type, s.waste_type) AS waste_type,
           ${figures('s', WASTE_TYPE_FIGURES)} AS stored, ${figures('r', WASTE_TYPE_FIGURES)} AS raw
    FROM raw_by_type r
    FULL JOIN (${STORED_WASTE_TYPES_SINCE}) s
      ON s.trust_id = r.trust_id AND s.day = r.day AND s.waste_type = r.waste_type
    WHERE ${differs(WASTE_TYPE_FIGURES)}
  ),
  daily AS (
    SELECT 'rollup_daily' AS rollup, coalesce(r.trust_id, s.trust_id) AS trust_id,
           coalesce(r.day, s.day) AS day, NULL::text AS waste_type,
           ${figures('s', DAILY_FIGURES)} AS stored, ${figures('r', DAILY_FIGURES)} AS raw
    FROM raw_daily r
    FULL JOIN (SELECT * FROM rollup_daily WHERE day >= $1) s ON s.trust_id = r.trust_id AND s.day = r.day
    WHERE ${differs(DAILY_FIGURES)}
  )
  SELECT d.rollup, d.trust_id AS "trustId", to_char(d.day, 'YYYY-MM-DD') AS day, d.waste_type AS "wasteType",
         d.stored, d.raw
  FROM (SELECT * FROM by_type UNION ALL SELECT * FROM daily) d
  WHERE NOT EXISTS (SELECT 1 FROM rollup_marks m WHERE m.trust_id = d.trust_id AND m.day = d.day)
  ORDER BY d.trust_id, d.day, d.rollup, d.waste_type`;
