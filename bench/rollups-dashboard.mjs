// Dashboard reads against raw volume: the programme dashboard over two years by week (and a trust
// dashboard), p50/p95 over HTTP against the built api, one database and api per raw size (default
// 100k and 1M waste records; BENCH_ROLLUP_SIZES=100000,1000000,10000000 for the full run).
// Requests to the sizes are interleaved one by one, so load from anything else on the machine
// hits every size alike and the ratio stays meaningful. The floor is an authenticated request
// that reads nothing (/api/auth/me). Dashboards read rollup tables only: goal p95 under 25 ms and
// largest/smallest p95 at most 1.5.
import { performance } from 'node:perf_hooks';
import {
  addDays,
  isMain,
  percentile,
  rebuildRollups,
  requireBuild,
  round,
  startApp,
  today,
  volumeDatabase,
  volumeSizes,
} from './lib/rollups.mjs';

export const name = 'rollups-dashboard';

async function timed(url, token) {
  const started = performance.now();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - started;
}

export default async function main() {
  requireBuild();
  const requests = Number(process.env.BENCH_DASHBOARD_REQUESTS ?? 300);
  const basePort = Number(process.env.BENCH_PORT ?? 3917);
  const to = today();
  const from = addDays(to, -729);
  const targets = [];
  try {
    for (const [i, size] of volumeSizes().entries()) {
      const { url, token, loadMs } = await volumeDatabase(size);
      const rebuildMs = await rebuildRollups(url);
      const port = basePort + i;
      const api = await startApp('api', {
        DATABASE_URL: url,
        PORT: String(port),
        REDIS_PREFIX: `bench-dash-${size}-${Date.now()}`,
      });
      const base = `http://127.0.0.1:${port}/api`;
      const programme = `${base}/dashboards/programme?from=${from}&to=${to}&granularity=week`;
      const probe = await (await fetch(programme, { headers: { Authorization: `Bearer ${token}` } })).json();
      if (!probe.trusts) throw new Error(`${programme} answered ${JSON.stringify(probe)}`);
      targets.push({
        size,
        token,
        api,
        loadMs,
        rebuildMs,
        probe,
        urls: {
          programme,
          trust: `${base}/dashboards/trusts/${probe.trusts[0].trustId}?from=${from}&to=${to}&granularity=week`,
          floor: `${base}/auth/me`,
        },
        times: { programme: [], trust: [], floor: [] },
      });
    }
    for (const kind of ['programme', 'trust', 'floor']) {
      for (let i = 0; i < 30; i++) for (const t of targets) await timed(t.urls[kind], t.token); // warm up
      for (let i = 0; i < requests; i++)
        for (const t of targets) t.times[kind].push(await timed(t.urls[kind], t.token));
    }
  } finally {
    for (const t of targets) await t.api.stop();
  }
  const sizes = targets.map((t) => ({
    wasteRecords: t.size,
    loadedMs: Math.round(t.loadMs),
    rebuildMs: t.rebuildMs,
    programmeTotalRecords: t.probe.totals.wasteRecords,
    seriesPeriods: t.probe.series.length,
    programmeP50Ms: round(percentile(t.times.programme, 50), 2),
    programmeP95Ms: round(percentile(t.times.programme, 95), 2),
    trustP50Ms: round(percentile(t.times.trust, 50), 2),
    trustP95Ms: round(percentile(t.times.trust, 95), 2),
    floorP50Ms: round(percentile(t.times.floor, 50), 2),
    floorP95Ms: round(percentile(t.times.floor, 95), 2),
  }));
  const smallest = sizes[0];
  const largest = sizes[sizes.length - 1];
  return {
    name,
    requestsPerSize: requests,
    range: { from, to, granularity: 'week' },
    sizes,
    goalP95Ms: 25,
    worstProgrammeP95Ms: Math.max(...sizes.map((s) => s.programmeP95Ms)),
    largestToSmallestP95Ratio: round(largest.programmeP95Ms / smallest.programmeP95Ms, 3),
    goalRatio: 1.5,
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
