// Helpers of the waste-log benchmarks (bench/waste-*.bench.mjs): one trust with an improvement-team
// user and two value streams, the CSV file of the import, and the server's resident memory.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { addDays, seeded, signToken, today } from './rollups.mjs';

export const CSV_HEADER = 'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description';
const TYPES = ['transport', 'inventory', 'motion', 'waiting', 'overproduction', 'overprocessing', 'defects', 'skills'];
const IMPACTS = ['none', 'low', 'medium', 'high'];
// No `eliminated`: the raw COPY baseline has no eliminatedOn column to fill, and the table's CHECK
// wants one for every eliminated record.
const STATUSES = ['identified', 'countermeasure_planned', 'in_progress', 'accepted'];
const TEXTS = [
  'Patient waits for a porter before transfer to the ward; bay 4 escalated twice',
  'Discharge held for pharmacy to dispense take-home medicines, "TTO" not ready',
  'Nurses walk to the far store room for dressing packs, then back to the bay',
  'Referral returned for missing information, re-sent by the GP practice a week later',
  'Observations entered on paper and then typed into the system at the end of shift',
];

/** A trust, its improvement-team user (with a bearer token) and two value streams. */
export async function seedWasteWorld(client) {
  const trust = (await client.query(`INSERT INTO trusts (code, name) VALUES ('WST', 'Waste bench trust') RETURNING id`))
    .rows[0];
  const user = (
    await client.query(
      `INSERT INTO users (email, name, role, trust_id, password_hash)
       VALUES ('team.wst@example.nhs.uk', 'bench team', 'improvement_team', $1, 'x') RETURNING id`,
      [trust.id],
    )
  ).rows[0];
  const streams = (
    await client.query(
      `INSERT INTO value_streams (trust_id, name) VALUES ($1, 'Emergency admissions'), ($1, 'Outpatients') RETURNING id`,
      [trust.id],
    )
  ).rows.map((r) => r.id);
  const token = await signToken(client, {
    sub: user.id,
    email: 'team.wst@example.nhs.uk',
    name: 'bench team',
    role: 'improvement_team',
    trustId: trust.id,
  });
  return { trustId: trust.id, userId: user.id, valueStreamIds: streams, token };
}

/** Writes a valid import file of `rows` rows (about 140 bytes each); answers its size in bytes. */
export async function writeImportFile(path, rows, valueStreamIds, seed = 11) {
  const random = seeded(seed);
  const end = today();
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${CSV_HEADER}\n`);
  const days = Array.from({ length: 730 }, (_, i) => addDays(end, -i));
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const text = TEXTS[i % TEXTS.length];
    const description =
      text.includes('"') || text.includes(',') ? `"${text.replace(/"/g, '""')} #${i}"` : `${text} #${i}`;
    chunk +=
      `${days[Math.floor(random() * days.length)]},${TYPES[Math.floor(random() * 8)]},${Math.floor(random() * 480) / 4},` +
      `${1 + Math.floor(random() * 9)},${IMPACTS[Math.floor(random() * 4)]},${STATUSES[Math.floor(random() * 4)]},` +
      `${random() < 0.25 ? valueStreamIds[Math.floor(random() * valueStreamIds.length)] : ''},${description}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Refuses a port something already listens on (another API would answer our health checks). */
export async function assertPortFree(port) {
  const taken = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is in use: set BENCH_PORT to a free one`);
}

/** Resident memory of a process in MB: `VmRSS` now, or `VmHWM`, the peak since it started. */
export async function residentMb(pid, field = 'VmRSS') {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** Samples a process's resident memory every `everyMs` until stopped; answers the largest in MB. */
export function sampleResident(pid, everyMs = 25) {
  let peak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      peak = Math.max(peak, await residentMb(pid).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return peak;
  };
}
