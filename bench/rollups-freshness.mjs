// Freshness: time from a write's commit to the rollups (and so every dashboard) including it, under a
// steady write rate (default 200 writes/s for 30 s) with the built worker. A write is what the API
// commits for a new waste record: the record and its rollup mark in one transaction. A write is
// reflected when its mark is gone: the bucket job deletes it in the transaction that writes the
// recomputed rollup row. Goal: p95 under 2 s. Headline percentiles leave out the first
// BENCH_FRESHNESS_WARMUP seconds (default 5), reported apart.
//
//   node bench/rollups-freshness.mjs        (after npm run build)
//   BENCH_FRESHNESS_RATE=200 BENCH_FRESHNESS_SECONDS=30 BENCH_FRESHNESS_WORKERS=1
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  addDays,
  copyEvents,
  copyWaste,
  freshDatabase,
  isMain,
  percentile,
  requireBuild,
  round,
  run,
  DIST,
  seedTrusts,
  seeded,
  sleep,
  startApp,
  today,
  WASTE_TYPES,
} from './lib/rollups.mjs';

export const name = 'rollups-freshness';

export default async function main() {
  requireBuild();
  const rate = Number(process.env.BENCH_FRESHNESS_RATE ?? 200);
  const seconds = Number(process.env.BENCH_FRESHNESS_SECONDS ?? 30);
  const workers = Number(process.env.BENCH_FRESHNESS_WORKERS ?? 1);
  const background = Number(process.env.BENCH_FRESHNESS_BACKGROUND ?? 100_000);
  // The first seconds after the worker starts (cold code paths, first plans, the reconciliation
  // the scheduler runs at start) are reported apart from the steady state.
  const warmup = Number(process.env.BENCH_FRESHNESS_WARMUP ?? 5);
  const url = await freshDatabase('rollups_freshness_bench');
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const setup = await pool.connect();
  const { trusts } = await seedTrusts(setup, 5);
  await copyWaste(setup, trusts, background, 730, 1);
  await copyEvents(setup, trusts, Math.round(background / 20), 730, 2);
  setup.release();
  await run(process.execPath, [DIST.rebuild], { DATABASE_URL: url });

  const prefix = `bench-fresh-${Date.now()}`;
  const apps = [];
  for (let i = 0; i < workers; i++) apps.push(await startApp('worker', { DATABASE_URL: url, REDIS_PREFIX: prefix }));

  const random = seeded(3);
  const pending = new Map(); // mark id → commit time (ms)
  const latencies = [];
  const steady = [];
  const bySecond = new Map(); // second of the run → latencies of the writes committed in it
  const errors = [];
  let written = 0;
  let stoppedAt = 0;
  let started = performance.now();

  // The observer: every 10 ms, which marks are gone.
  let observing = true;
  const observer = (async () => {
    while (observing || pending.size > 0) {
      if (pending.size > 0) {
        const ids = [...pending.keys()];
        const { rows } = await pool.query(`SELECT id FROM rollup_marks WHERE id = ANY($1::bigint[])`, [ids]);
        const still = new Set(rows.map((r) => r.id));
        const now = performance.now();
        for (const id of ids) {
          if (!still.has(id)) {
            const committed = pending.get(id);
            latencies.push(now - committed);
            const second = Math.floor((committed - started) / 1000);
            if (second >= warmup) steady.push(now - committed);
            bySecond.set(second, [...(bySecond.get(second) ?? []), now - committed]);
            pending.delete(id);
          }
        }
      }
      await sleep(10);
      if (!observing && performance.now() - stoppedAt > 30_000) break;
    }
  })();

  const write = async () => {
    const client = await pool.connect();
    try {
      const trust = trusts[Math.floor(random() * trusts.length)].id;
      const day = addDays(today(), -Math.floor(random() * 60));
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status)
         VALUES ($1, $2, $3, 'bench write', $4, 1, 'low', 'identified')`,
        [trust, WASTE_TYPES[Math.floor(random() * 8)], day, Math.floor(random() * 60)],
      );
      const { rows } = await client.query(`INSERT INTO rollup_marks (trust_id, day) VALUES ($1, $2) RETURNING id`, [
        trust,
        day,
      ]);
      await client.query('COMMIT');
      pending.set(rows[0].id, performance.now());
      written++;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      errors.push(error.message);
    } finally {
      client.release();
    }
  };

  // Steady rate: a write every 1000/rate ms, on schedule whether or not the previous one finished.
  started = performance.now();
  const inflight = new Set();
  for (let i = 0; i < rate * seconds; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const p = write().finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  observing = false;
  stoppedAt = performance.now();
  await observer;

  // The rollups must also be right: the programme totals equal the raw rows.
  const [check] = (
    await pool.query(
      `SELECT (SELECT count(*) FROM waste_records)::int AS raw, (SELECT sum(waste_records) FROM rollup_daily)::int AS rolled`,
    )
  ).rows;
  for (const app of apps) await app.stop();
  await pool.end();

  const result = {
    name,
    workers,
    targetRate: rate,
    achievedRate: round(written / elapsed),
    writes: written,
    reflected: latencies.length,
    notReflected: pending.size,
    errors: errors.length,
    warmupSeconds: warmup,
    p50Ms: round(percentile(steady, 50)),
    p95Ms: round(percentile(steady, 95)),
    p99Ms: round(percentile(steady, 99)),
    maxMs: round(Math.max(...steady)),
    withWarmup: {
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(Math.max(...latencies)),
    },
    goalP95Ms: 2000,
    rollupsMatchRaw: check.raw === check.rolled,
    // Where the tail is: the seconds of the run whose writes waited longest (p95 of each second).
    slowestSeconds: [...bySecond.entries()]
      .map(([second, xs]) => ({ second, p95Ms: round(percentile(xs, 95)) }))
      .sort((a, b) => b.p95Ms - a.p95Ms)
      .slice(0, 5),
  };
  result.ratioToGoal = round(result.p95Ms / result.goalP95Ms, 3);
  return result;
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
