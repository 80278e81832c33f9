// CSV import of the waste log against the physical limit: 1,000,000 generated rows (~140 MB) posted to
// the built API (`POST /api/waste-records/import`: parse, validate, COPY into staging, value-stream
// check, INSERT ... SELECT, the import's audit entry, rollup marks) against a raw `COPY` of the
// same file straight into waste_records (no validation, no audit, no marks). Both start from an empty
// table with the same indexes; the best of BENCH_IMPORT_ROUNDS rounds counts. Also reports the API
// process's resident memory, idle and at its peak during the import.
//
//   node bench/waste-import.bench.mjs          (after npm run build)
//   BENCH_IMPORT_ROWS=1000000 BENCH_IMPORT_ROUNDS=2 BENCH_PORT=3981
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { freshDatabase, isMain, requireBuild, round, startApp } from './lib/rollups.mjs';
import { assertPortFree, residentMb, sampleResident, seedWasteWorld, writeImportFile } from './lib/waste.mjs';

export const name = 'waste-import';

async function emptyTables(client) {
  await client.query(`TRUNCATE waste_records, audit_entries, rollup_marks`);
  await client.query(`VACUUM ANALYZE waste_records`);
  await client.query(`CHECKPOINT`);
}

/** The physical limit: COPY the file as it is into waste_records; the trust comes from a column default. */
async function rawCopy(client, file, trustId) {
  await client.query(`ALTER TABLE waste_records ALTER COLUMN trust_id SET DEFAULT '${trustId}'`);
  const started = process.hrtime.bigint();
  await pipeline(
    createReadStream(file, { highWaterMark: 1 << 20 }),
    client.query(
      copyStreams.from(
        `COPY waste_records (observed_on, waste_type, minutes_lost, occurrences, patient_impact, status, value_stream_id, description)
         FROM STDIN WITH (FORMAT csv, HEADER true)`,
      ),
    ),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await client.query(`ALTER TABLE waste_records ALTER COLUMN trust_id DROP DEFAULT`);
  return ms;
}

/** Streams the file to the API; answers the status, the body and the wall time. */
function postFile(port, token, file) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/waste-records/import',
        headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode, body, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      },
    );
    req.on('error', reject);
    createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
}

export default async function main() {
  requireBuild();
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
  const rounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 2);
  const port = Number(process.env.BENCH_PORT ?? 3981);
  await assertPortFree(port);
  const url = await freshDatabase('kaizen_bench');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const world = await seedWasteWorld(client);
  const file = join(tmpdir(), `waste-import-bench-${process.pid}.csv`);
  const bytes = await writeImportFile(file, rows, world.valueStreamIds);
  const api = await startApp('api', { DATABASE_URL: url, PORT: String(port), REDIS_PREFIX: 'waste-bench' });
  const pid = api.child.pid;
  const results = [];
  try {
    for (let r = 0; r < rounds; r++) {
      await emptyTables(client);
      const rawMs = await rawCopy(client, file, world.trustId);
      await emptyTables(client);
      const idleMb = await residentMb(pid);
      const stopSampling = sampleResident(pid);
      const answer = await postFile(port, world.token, file);
      const peakMb = await stopSampling();
      if (answer.status !== 201) throw new Error(`import answered ${answer.status}: ${answer.body.slice(0, 2000)}`);
      const stored = Number((await client.query(`SELECT count(*) AS n FROM waste_records`)).rows[0].n);
      const audited = Number((await client.query(`SELECT count(*) AS n FROM audit_entries`)).rows[0].n);
      if (stored !== rows || audited !== 1)
        throw new Error(`stored ${stored} records and ${audited} audit entries, not ${rows} and 1`);
      results.push({ rawMs, apiMs: answer.ms, idleMb, peakMb });
      console.error(
        `[waste-import] round ${r + 1}: raw ${round(rawMs / 1000, 2)} s, api ${round(answer.ms / 1000, 2)} s, rss ${idleMb} → ${peakMb} MB`,
      );
    }
  } finally {
    await api.stop();
    await client.end();
    await unlink(file).catch(() => undefined);
  }
  const bestRaw = Math.min(...results.map((r) => r.rawMs));
  const bestApi = Math.min(...results.map((r) => r.apiMs));
  return {
    name,
    rows,
    fileMb: round(bytes / 2 ** 20, 1),
    rounds,
    rawCopyRowsPerSec: Math.round(rows / (bestRaw / 1000)),
    apiImportRowsPerSec: Math.round(rows / (bestApi / 1000)),
    ratio: round(bestRaw / bestApi, 3),
    goalRatio: 0.5,
    serverRssIdleMb: Math.max(...results.map((r) => r.idleMb)),
    serverRssPeakDuringImportMb: Math.max(...results.map((r) => r.peakMb)),
    rounds_s: results.map((r) => ({ raw: round(r.rawMs / 1000, 2), api: round(r.apiMs / 1000, 2) })),
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
