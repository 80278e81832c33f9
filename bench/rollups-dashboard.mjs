// Dashboard reads against raw volume: the programme dashboard over two years by week (and a trust
// dashboard), p50/p95 over HTTP against the built api, at each raw size (default 100k and 1M waste
// records; BENCH_ROLLUP_SIZES=100000,1000000,10000000 for the full run). Dashboards read rollup
// tables only, so the goal is p95 under 25 ms and the largest/smallest p95 ratio at most 1.5.
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

async function timeRequests(url, token, count) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

export default async function main() {
  requireBuild();
  const requests = Number(process.env.BENCH_DASHBOARD_REQUESTS ?? 300);
  const port = Number(process.env.BENCH_PORT ?? 3917);
  const to = today();
  const from = addDays(to, -729);
  const sizes = [];
  for (const size of volumeSizes()) {
    const { url, token, loadMs, added } = await volumeDatabase(size);
    const rebuildMs = await rebuildRollups(url);
    const api = await startApp('api', {
      DATABASE_URL: url,
      PORT: String(port),
      REDIS_PREFIX: `bench-dash-${Date.now()}`,
    });
    try {
      const base = `http://127.0.0.1:${port}/api/dashboards`;
      const programme = `${base}/programme?from=${from}&to=${to}&granularity=week`;
      const probe = await (await fetch(programme, { headers: { Authorization: `Bearer ${token}` } })).json();
      await timeRequests(programme, token, 30); // warm up
      const latencies = await timeRequests(programme, token, requests);
      const trust = `${base}/trusts/${probe.trusts[0].trustId}?from=${from}&to=${to}&granularity=week`;
      await timeRequests(trust, token, 30);
      const trustLatencies = await timeRequests(trust, token, requests);
      // The floor: an authenticated request that reads nothing (token check, HTTP, JSON).
      const me = `http://127.0.0.1:${port}/api/auth/me`;
      await timeRequests(me, token, 30);
      const floor = await timeRequests(me, token, requests);
      sizes.push({
        wasteRecords: size,
        loadedMs: Math.round(loadMs),
        loadedRows: added,
        rebuildMs,
        programmeTotalRecords: probe.totals.wasteRecords,
        seriesPeriods: probe.series.length,
        programmeP50Ms: round(percentile(latencies, 50), 2),
        programmeP95Ms: round(percentile(latencies, 95), 2),
        trustP50Ms: round(percentile(trustLatencies, 50), 2),
        trustP95Ms: round(percentile(trustLatencies, 95), 2),
        floorP95Ms: round(percentile(floor, 95), 2),
        programmeP95ToFloor: round(percentile(latencies, 95) / percentile(floor, 95), 2),
      });
    } finally {
      await api.stop();
    }
  }
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
