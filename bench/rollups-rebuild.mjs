// Full rebuild of every rollup row (`npm run rollups:rebuild`: both rollup tables, locks, marks)
// against the physical floor: one hand-written INSERT ... SELECT ... GROUP BY of the same daily
// figures straight from raw rows (and, for honesty, the same query as a parallel CREATE TABLE AS,
// the trick the rebuild itself uses for its big scan). At the largest BENCH_ROLLUP_SIZES (default
// 1M; 10M for the full run). Goal: ratio at most 1.5. Each runs BENCH_REBUILD_ROUNDS times
// (default 3); the medians are compared.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  isMain,
  percentile,
  rebuildRollups,
  requireBuild,
  round,
  volumeDatabase,
  volumeSizes,
} from './lib/rollups.mjs';

export const name = 'rollups-rebuild';

const BASELINE = `
  INSERT INTO bench_baseline_daily (trust_id, day, waste_records, occurrences, minutes_lost, minutes_eliminated,
                                    events_completed, events_sustained, ideas)
  SELECT trust_id, day, sum(wr) AS waste_records, sum(occ) AS occurrences, sum(ml) AS minutes_lost,
         sum(me) AS minutes_eliminated, sum(ec) AS events_completed, sum(es) AS events_sustained, sum(ideas) AS ideas
  FROM (
    SELECT trust_id, observed_on AS day, 1 AS wr, occurrences AS occ, minutes_lost * occurrences AS ml, 0 AS me,
           0 AS ec, 0 AS es, 0 AS ideas
    FROM waste_records
    UNION ALL
    SELECT trust_id, eliminated_on, 0, 0, 0, minutes_lost * occurrences, 0, 0, 0 FROM waste_records WHERE status = 'eliminated'
    UNION ALL
    SELECT trust_id, end_date, 0, 0, 0, 0, 1, (status = 'sustained')::int, 0
    FROM improvement_events WHERE status IN ('follow_up', 'sustained', 'closed') AND end_date IS NOT NULL
    UNION ALL
    SELECT trust_id, start_date, 0, 0, 0, 0, 0, 0, 1
    FROM improvement_events WHERE kind = 'everyday_lean_idea' AND status <> 'abandoned'
  ) figures
  GROUP BY trust_id, day`;

async function baseline(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET statement_timeout = 0`);
    await client.query(`DROP TABLE IF EXISTS bench_baseline_daily`);
    await client.query(`CREATE TABLE bench_baseline_daily (LIKE rollup_daily INCLUDING DEFAULTS)`);
    await client.query('BEGIN');
    const started = performance.now();
    await client.query(BASELINE);
    await client.query('COMMIT');
    const ms = performance.now() - started;
    // The same query as CREATE TABLE AS, which PostgreSQL may run in parallel (INSERT ... SELECT not).
    const select = BASELINE.slice(BASELINE.indexOf('SELECT trust_id, day, sum(wr)'));
    const parallelStarted = performance.now();
    await client.query(`CREATE TABLE bench_baseline_ctas AS ${select}`);
    const parallelMs = performance.now() - parallelStarted;
    await client.query(`DROP TABLE bench_baseline_ctas`);
    // the floor must compute the same figures as the rebuild
    const { rows } = await client.query(`
      SELECT count(*)::int AS differing FROM bench_baseline_daily b
      FULL JOIN rollup_daily r USING (trust_id, day)
      WHERE (b.waste_records, b.occurrences, b.minutes_lost, b.minutes_eliminated, b.events_completed, b.events_sustained, b.ideas)
            IS DISTINCT FROM
            (r.waste_records, r.occurrences, r.minutes_lost, r.minutes_eliminated, r.events_completed, r.events_sustained, r.ideas)`);
    await client.query(`DROP TABLE bench_baseline_daily`);
    return { ms, parallelMs, differing: rows[0].differing };
  } finally {
    await client.end();
  }
}

export default async function main() {
  requireBuild();
  const sizes = volumeSizes();
  const size = sizes[sizes.length - 1];
  const rounds = Number(process.env.BENCH_REBUILD_ROUNDS ?? 3);
  const { url } = await volumeDatabase(size);
  const rebuild = [];
  const floor = [];
  const parallelFloor = [];
  let differing = 0;
  for (let i = 0; i < rounds; i++) {
    rebuild.push(await rebuildRollups(url));
    const b = await baseline(url);
    floor.push(b.ms);
    parallelFloor.push(b.parallelMs);
    differing += b.differing;
  }
  const rebuildMs = percentile(rebuild, 50);
  const baselineMs = percentile(floor, 50);
  return {
    name,
    wasteRecords: size,
    rounds,
    rebuildMs: rebuild.map(Math.round),
    baselineMs: floor.map(Math.round),
    medianRebuildMs: Math.round(rebuildMs),
    medianBaselineMs: Math.round(baselineMs),
    ratio: round(rebuildMs / baselineMs, 3),
    goalRatio: 1.5,
    medianParallelBaselineMs: Math.round(percentile(parallelFloor, 50)),
    ratioToParallelBaseline: round(rebuildMs / percentile(parallelFloor, 50), 3),
    baselineRowsDifferingFromRollups: differing,
  };
}

if (isMain(import.meta.url)) {
  main()
    .then((result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
