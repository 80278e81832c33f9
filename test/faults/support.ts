// What the fault specs share: a plain HTTP client that never throws (it records network errors and
// timings), a world of trusts and users in a fault database, random records, and the raw truth —
// every dashboard figure computed by independent SQL over the raw rows — to compare with.
import { hashPassword } from '@app/auth';
import { addDays, todayIn, WASTE_TYPES } from '@app/domain';
import { Agent, request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { REPO_ROOT } from '../support/processes';
import { waitFor } from '../support/wait-for';

export const TODAY = todayIn(process.env.TZ ?? 'Europe/London');
export const PASSWORD = 'faults-suite-password';
/**
 * A fixed pause, only for the length of a fault or the pace of a load generator: never to wait for
 * something to happen (that is `waitFor` in test/support/wait-for.ts, which polls for the condition).
 */
export const pace = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Answer {
  status: number; // 0: no HTTP answer (see error)
  body: Record<string, unknown>;
  text: string;
  ms: number;
  error?: string;
  sentAt: number;
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/** Closes the kept-alive sockets (afterAll), so Jest can exit. */
export function closeClients(): void {
  keepAlive.destroy();
}

/**
 * One HTTP request. `fresh` uses a connection of its own (no keep-alive), so a request is in flight at
 * the server exactly when its connection is open. Never throws.
 */
export function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; timeoutMs?: number; fresh?: boolean } = {},
): Promise<Answer> {
  const sentAt = Date.now();
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        method,
        agent: options.fresh ? false : keepAlive,
        headers: {
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
          ...(options.fresh ? { Connection: 'close' } : {}),
        },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (error) =>
          resolve({ status: 0, body: {}, text: '', ms: Date.now() - sentAt, error: error.message, sentAt }),
        );
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body, text, ms: Date.now() - sentAt, sentAt });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 30_000} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: {}, text: '', ms: Date.now() - sentAt, error: error.code ?? error.message, sentAt }),
    );
    req.end(payload);
  });
}

/** Runs tasks with at most `width` in flight; `stop()` ends it early. */
export async function pool<T>(
  count: number,
  width: number,
  task: (i: number) => Promise<T>,
  stop = () => false,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count && !stop()) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

export interface FaultWorld {
  trusts: { id: string; code: string }[];
  /** KPO lead tokens, one per trust, in the order of `trusts`. */
  kpo: string[];
  admin: string;
}

/** Trusts and their KPO leads straight into the database, then signed in through the API. */
export async function seedFaultWorld(databaseUrl: string, apiUrl: string, trusts = 3): Promise<FaultWorld> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const hash = await hashPassword(PASSWORD);
  const world: FaultWorld = { trusts: [], kpo: [], admin: '' };
  const emails: string[] = [];
  for (let i = 0; i < trusts; i++) {
    const code = `F${String.fromCharCode(65 + i)}${i}`;
    const { rows } = await db.query(`INSERT INTO trusts (code, name) VALUES ($1, $2) RETURNING id, code`, [
      code,
      `Fault trust ${i}`,
    ]);
    world.trusts.push(rows[0]);
    const email = `kpo.${code.toLowerCase()}@faults.nhs.uk`;
    await db.query(
      `INSERT INTO users (email, name, role, trust_id, password_hash) VALUES ($1, 'KPO', 'kpo_lead', $2, $3)`,
      [email, rows[0].id, hash],
    );
    emails.push(email);
  }
  await db.query(
    `INSERT INTO users (email, name, role, trust_id, password_hash) VALUES ('admin@faults.nhs.uk', 'Admin', 'admin', NULL, $1)`,
    [hash],
  );
  await db.end();
  const login = async (email: string) => {
    const res = await call(apiUrl, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text} ${res.error ?? ''}`);
    return res.body.accessToken as string;
  };
  world.kpo = await Promise.all(emails.map(login));
  world.admin = await login('admin@faults.nhs.uk');
  return world;
}

/** A small deterministic random generator, so a failing run can be replayed (FAULTS_SEED). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** Days back the random records reach (the dashboards compare over DAYS + 5). */
export const DAYS = 45;

/** A random waste record: minutes in hundredths, so sums test decimal exactness. */
export function randomWaste(random: () => number) {
  const age = int(random, 0, DAYS);
  const observedOn = addDays(TODAY, -age);
  const eliminated = random() < 0.3;
  return {
    observedOn,
    wasteType: pick(random, WASTE_TYPES),
    description: 'fault-suite waste',
    minutesLost: int(random, 0, 12000) / 100,
    occurrences: int(random, 1, 6),
    patientImpact: pick(random, ['none', 'low', 'medium', 'high']),
    status: eliminated
      ? 'eliminated'
      : pick(random, ['identified', 'countermeasure_planned', 'in_progress', 'accepted']),
    ...(eliminated ? { eliminatedOn: addDays(observedOn, int(random, 0, age)) } : {}),
  };
}

export function randomEvent(random: () => number) {
  const startDate = addDays(TODAY, -int(random, 0, DAYS));
  const status = pick(random, ['planned', 'in_progress', 'follow_up', 'sustained', 'closed', 'abandoned']);
  const end = status !== 'planned' && random() < 0.9;
  return {
    kind: pick(random, ['rpiw', 'kaizen', 'everyday_lean_idea', 'everyday_lean_idea', 'pdsa']),
    title: 'fault-suite event',
    startDate,
    ...(end ? { endDate: addDays(startDate, int(random, 0, 6)) } : {}),
    status,
  };
}

const FIGURES = [
  'wasteRecords',
  'occurrences',
  'minutesLost',
  'minutesEliminated',
  'eventsCompleted',
  'eventsSustained',
  'ideas',
] as const;
type Figures = Record<(typeof FIGURES)[number], number>;
const zero = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures;

/**
 * The raw truth of one trust (or every trust: null) in [from, to]: totals, figures per day and per
 * waste type, by SQL over waste_records and improvement_events written for this suite.
 */
export async function rawTruth(databaseUrl: string, trustId: string | null, from: string, to: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const params = [trustId, from, to];
    const scope = `($1::uuid IS NULL OR trust_id = $1::uuid)`;
    const byDay = new Map<string, Figures>();
    const byType = new Map<string, Figures>();
    const totals = zero();
    const add = (day: string, type: string | null, figures: Partial<Figures>) => {
      const d = byDay.get(day) ?? zero();
      const w = type ? (byType.get(type) ?? zero()) : null;
      for (const [k, v] of Object.entries(figures) as [keyof Figures, number][]) {
        d[k] += v;
        totals[k] += v;
        if (w) w[k] += v;
      }
      byDay.set(day, d);
      if (w && type) byType.set(type, w);
    };
    const observed = await db.query(
      `SELECT observed_on::text AS day, waste_type, count(*)::int AS n, sum(occurrences)::text AS occ, sum(minutes_lost * occurrences)::text AS minutes
         FROM waste_records WHERE ${scope} AND observed_on BETWEEN $2 AND $3 GROUP BY 1, 2`,
      params,
    );
    for (const r of observed.rows)
      add(r.day, r.waste_type, { wasteRecords: r.n, occurrences: Number(r.occ), minutesLost: Number(r.minutes) });
    const eliminated = await db.query(
      `SELECT eliminated_on::text AS day, waste_type, sum(minutes_lost * occurrences)::text AS minutes
         FROM waste_records WHERE ${scope} AND status = 'eliminated' AND eliminated_on BETWEEN $2 AND $3 GROUP BY 1, 2`,
      params,
    );
    for (const r of eliminated.rows) add(r.day, r.waste_type, { minutesEliminated: Number(r.minutes) });
    const completed = await db.query(
      `SELECT end_date::text AS day,
              count(*) FILTER (WHERE status IN ('follow_up', 'sustained', 'closed'))::int AS completed,
              count(*) FILTER (WHERE status = 'sustained')::int AS sustained
         FROM improvement_events WHERE ${scope} AND end_date BETWEEN $2 AND $3 GROUP BY 1`,
      params,
    );
    for (const r of completed.rows) add(r.day, null, { eventsCompleted: r.completed, eventsSustained: r.sustained });
    const ideas = await db.query(
      `SELECT start_date::text AS day, count(*)::int AS n FROM improvement_events
        WHERE ${scope} AND kind = 'everyday_lean_idea' AND status <> 'abandoned' AND start_date BETWEEN $2 AND $3 GROUP BY 1`,
      params,
    );
    for (const r of ideas.rows) add(r.day, null, { ideas: r.n });
    return { totals, byDay, byType };
  } finally {
    await db.end();
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Every difference between the dashboards and the raw truth: each trust's totals, every day of its
 * series and every waste type, the programme's totals and each trust's line in it. Sums of hundredths
 * are compared to the microminute (binary floating point cannot hold 0.01 exactly; a lost or doubled
 * record is at least 0.01 off, or one whole count).
 */
/** How many dashboard figures `dashboardDifferences` compared in this process (for the run's figures). */
export const figuresCompared = { count: 0 };

export async function dashboardDifferences(
  apiUrl: string,
  token: string,
  databaseUrl: string,
  trustIds: string[],
): Promise<string[]> {
  const from = addDays(TODAY, -(DAYS + 5));
  const to = TODAY;
  const differences: string[] = [];
  const same = (
    where: string,
    got: Record<string, unknown> | undefined,
    want: Figures,
    figures: readonly string[] = FIGURES,
  ) => {
    for (const f of figures) {
      figuresCompared.count++;
      const g = Number(got?.[f] ?? 0);
      if (round(g) !== round(want[f as keyof Figures]))
        differences.push(`${where} ${f}: dashboard ${g}, raw ${want[f as keyof Figures]}`);
    }
  };
  for (const trustId of trustIds) {
    const res = await call(apiUrl, 'GET', `/api/dashboards/trusts/${trustId}?from=${from}&to=${to}&granularity=day`, {
      token,
    });
    if (res.status !== 200) {
      differences.push(`trust ${trustId}: dashboard answered ${res.status} ${res.text.slice(0, 200)}`);
      continue;
    }
    const truth = await rawTruth(databaseUrl, trustId, from, to);
    same(`trust ${trustId.slice(0, 8)} totals`, res.body.totals as Record<string, unknown>, truth.totals);
    const series = res.body.series as Record<string, unknown>[];
    if (series.length !== DAYS + 6)
      differences.push(`trust ${trustId.slice(0, 8)}: ${series.length} days in the series, expected ${DAYS + 6}`);
    for (const point of series)
      same(
        `trust ${trustId.slice(0, 8)} ${point.periodStart}`,
        point,
        truth.byDay.get(point.periodStart as string) ?? zero(),
      );
    const types = res.body.byWasteType as Record<string, unknown>[];
    if (types.length !== WASTE_TYPES.length)
      differences.push(`trust ${trustId.slice(0, 8)}: ${types.length} waste types`);
    for (const t of types) {
      same(`trust ${trustId.slice(0, 8)} ${t.wasteType}`, t, truth.byType.get(t.wasteType as string) ?? zero(), [
        'wasteRecords',
        'occurrences',
        'minutesLost',
        'minutesEliminated',
      ]);
    }
  }
  const programme = await call(apiUrl, 'GET', `/api/dashboards/programme?from=${from}&to=${to}&granularity=week`, {
    token,
  });
  if (programme.status !== 200) return [...differences, `programme: ${programme.status}`];
  same(
    'programme totals',
    programme.body.totals as Record<string, unknown>,
    (await rawTruth(databaseUrl, null, from, to)).totals,
  );
  for (const line of programme.body.trusts as { trustId: string; totals: Record<string, unknown> }[]) {
    if (!trustIds.includes(line.trustId)) continue;
    same(
      `programme line ${line.trustId.slice(0, 8)}`,
      line.totals,
      (await rawTruth(databaseUrl, line.trustId, from, to)).totals,
    );
  }
  return differences;
}

/** Polls until no change is pending on the programme dashboard; answers how long it took. */
export async function waitUntilFresh(apiUrl: string, token: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = '';
  await waitFor(
    async () => {
      const res = await call(apiUrl, 'GET', '/api/dashboards/programme', { token, timeoutMs: 10_000 });
      last = `${res.status} ${res.text.slice(0, 200)}`;
      return res.status === 200 && (res.body.freshness as { pendingChanges: number }).pendingChanges === 0;
    },
    { timeout: timeoutMs, interval: 250, what: 'fresh rollups' },
  ).catch(() => {
    throw new Error(`rollups not fresh after ${timeoutMs} ms (last: ${last})`);
  });
  return Date.now() - started;
}

/** Ids the API acknowledged that the database does not hold, and ids it deleted that it still holds. */
export async function lostWrites(
  databaseUrl: string,
  table: string,
  acknowledged: Iterable<string>,
  deleted: Iterable<string> = [],
) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ack = [...acknowledged];
    const gone = [...deleted];
    const { rows: found } = await db.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ack]);
    const have = new Set(found.map((r: { id: string }) => r.id));
    const { rows: still } = await db.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [gone]);
    return {
      lost: ack.filter((id) => !have.has(id) && !gone.includes(id)),
      resurrected: still.map((r: { id: string }) => r.id),
    };
  } finally {
    await db.end();
  }
}

/** Removes every key of a Redis prefix (the shared Redis on 6379 outlives the test). */
export async function clearPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // a Redis that is gone has nothing to clear
  } finally {
    redis.disconnect();
  }
}

/** Adds a fault test's figures to test-artifacts/reliability/faults-<name>.json (for docs/reliability.md). */
export function recordFaultFigures(name: string, figures: Record<string, unknown>): void {
  const dir = join(REPO_ROOT, 'test-artifacts/reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `faults-${name}.json`),
    JSON.stringify({ ...figures, at: new Date().toISOString() }, null, 2),
  );
  // also in the run's own output: the file is shared by every run in this checkout
  console.log(`[reliability] faults-${name}: ${JSON.stringify(figures)}`);
}
