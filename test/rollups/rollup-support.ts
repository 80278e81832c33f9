// Shared by the rollup e2e specs: an in-process worker, random records written through the API,
// waiting for the pipeline, and an independent computation of every dashboard figure from raw rows
// (plain JavaScript over SELECT *, not the rollup SQL).
import { WASTE_TYPES, addDays, todayIn, type Granularity } from '@app/domain';
import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { startWorker } from '../../apps/worker/src/bootstrap';
import { bearer, TestApp, TestUser } from '../support/test-app';
import { waitFor } from '../support/wait-for';

export const TODAY = todayIn(process.env.TZ ?? 'Europe/London');

/** Removes every BullMQ key of this test run's prefix, so no job of an earlier run is left. */
export async function clearQueues(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = process.env.REDIS_PREFIX as string;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

export function testWorker(): Promise<INestApplicationContext> {
  return startWorker(['error']);
}

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

/** Runs `tasks` with at most `width` in flight, like a busy ward writing at once. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], width = 8): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

/** A random waste record body: minutes in quarters so every sum is exact in binary floating point. */
export function randomWaste(random: () => number, days: number) {
  const age = int(random, 0, days);
  const observedOn = addDays(TODAY, -age);
  const eliminated = random() < 0.35;
  return {
    observedOn,
    wasteType: pick(random, WASTE_TYPES),
    description: 'random waste for the rollup test',
    minutesLost: int(random, 0, 400) / 4,
    occurrences: int(random, 1, 6),
    patientImpact: pick(random, ['none', 'low', 'medium', 'high'] as const),
    status: eliminated
      ? 'eliminated'
      : pick(random, ['identified', 'countermeasure_planned', 'in_progress', 'accepted']),
    // eliminated on or after the day it was observed, never in the future
    ...(eliminated ? { eliminatedOn: addDays(observedOn, int(random, 0, Math.min(40, age))) } : {}),
  };
}

export function randomEvent(random: () => number, days: number) {
  const startDate = addDays(TODAY, -int(random, 0, days));
  const status = pick(random, ['planned', 'in_progress', 'follow_up', 'sustained', 'closed', 'abandoned'] as const);
  const hasEnd = status !== 'planned' && random() < 0.85;
  return {
    kind: pick(random, ['rpiw', 'kaizen', 'everyday_lean_idea', 'everyday_lean_idea', 'pdsa'] as const),
    title: 'random event for the rollup test',
    startDate,
    ...(hasEnd ? { endDate: addDays(startDate, int(random, 0, 10)) } : {}),
    status,
  };
}

/** Polls a dashboard until no change is pending; answers how long that took. */
export async function waitUntilFresh(t: TestApp, user: TestUser, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  let pending = -1;
  await waitFor(
    async () => {
      const res = await t.http().get('/api/dashboards/programme').set(bearer(user)).expect(200);
      pending = res.body.freshness.pendingChanges as number;
      return pending === 0;
    },
    { timeout: timeoutMs, what: 'no pending changes on the programme dashboard' },
  ).catch((error: Error) => {
    throw new Error(`still ${pending} pending changes: ${error.message}`);
  });
  return Date.now() - started;
}

interface RawWaste {
  trust_id: string;
  waste_type: string;
  observed_on: string;
  eliminated_on: string | null;
  status: string;
  minutes_lost: string;
  occurrences: number;
}
interface RawEvent {
  trust_id: string;
  kind: string;
  status: string;
  start_date: string;
  end_date: string | null;
}

export interface Expected {
  totals: Record<string, number>;
  series: Map<string, Record<string, number>>;
  weekly: Map<string, Record<string, number>>;
  byWasteType: Map<string, Record<string, number>>;
}

const zero = () => ({
  wasteRecords: 0,
  occurrences: 0,
  minutesLost: 0,
  minutesEliminated: 0,
  eventsCompleted: 0,
  eventsSustained: 0,
  ideas: 0,
});

/**
 * The first day of the day, ISO week (Monday) or month holding `day`, worked out with the JavaScript
 * calendar rather than the domain's period arithmetic, so that a mistake there cannot hide here.
 */
function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** Every dashboard figure of one trust (or all, `trustId` null), computed from raw rows in JavaScript. */
export async function expectedFromRaw(
  t: TestApp,
  trustId: string | null,
  from: string,
  to: string,
  granularity: Granularity,
): Promise<Expected> {
  const waste: RawWaste[] = await t.db.query(
    `SELECT trust_id, waste_type, observed_on::text, eliminated_on::text, status, minutes_lost::text, occurrences
     FROM waste_records WHERE $1::uuid IS NULL OR trust_id = $1`,
    [trustId],
  );
  const events: RawEvent[] = await t.db.query(
    `SELECT trust_id, kind, status, start_date::text, end_date::text FROM improvement_events WHERE $1::uuid IS NULL OR trust_id = $1`,
    [trustId],
  );
  const expected: Expected = { totals: zero(), series: new Map(), weekly: new Map(), byWasteType: new Map() };
  const inRange = (day: string | null): day is string => day !== null && day >= from && day <= to;
  const add = (day: string, figure: string, amount: number, wasteType?: string) => {
    expected.totals[figure] += amount;
    for (const [map, g] of [
      [expected.series, granularity],
      [expected.weekly, 'week'],
    ] as const) {
      const key = bucketStart(day, g);
      const figures = map.get(key) ?? zero();
      figures[figure as keyof ReturnType<typeof zero>] += amount;
      map.set(key, figures);
    }
    if (wasteType) {
      const figures = expected.byWasteType.get(wasteType) ?? zero();
      figures[figure as keyof ReturnType<typeof zero>] += amount;
      expected.byWasteType.set(wasteType, figures);
    }
  };
  for (const w of waste) {
    const minutes = Number(w.minutes_lost) * w.occurrences;
    if (inRange(w.observed_on)) {
      add(w.observed_on, 'wasteRecords', 1, w.waste_type);
      add(w.observed_on, 'occurrences', w.occurrences, w.waste_type);
      add(w.observed_on, 'minutesLost', minutes, w.waste_type);
    }
    if (w.status === 'eliminated' && inRange(w.eliminated_on))
      add(w.eliminated_on, 'minutesEliminated', minutes, w.waste_type);
  }
  for (const e of events) {
    if (inRange(e.end_date) && ['follow_up', 'sustained', 'closed'].includes(e.status)) {
      add(e.end_date, 'eventsCompleted', 1);
      if (e.status === 'sustained') add(e.end_date, 'eventsSustained', 1);
    }
    if (inRange(e.start_date) && e.kind === 'everyday_lean_idea' && e.status !== 'abandoned')
      add(e.start_date, 'ideas', 1);
  }
  return expected;
}

/** The figures of a series point without its periodStart. */
export function figuresOf(point: Record<string, unknown>): Record<string, number> {
  const { periodStart: _p, wasteType: _w, ...figures } = point;
  return figures as Record<string, number>;
}

/** Every rollup row, in a stable order, without computed_at: what "the same rollups" compares. */
export async function rollupSnapshot(t: TestApp) {
  const daily = await t.db.query(
    `SELECT trust_id, day::text, waste_records, occurrences::text, minutes_lost::text, minutes_eliminated::text,
            events_completed, events_sustained, ideas
     FROM rollup_daily ORDER BY trust_id, day`,
  );
  const byType = await t.db.query(
    `SELECT trust_id, day::text, waste_type, waste_records, occurrences::text, minutes_lost::text, minutes_eliminated::text
     FROM rollup_daily_waste_type ORDER BY trust_id, day, waste_type`,
  );
  // numeric text may differ in trailing zeros (12.50 vs 12.5) between computations of one value
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /^\d+(\.\d+)?$/.test(String(v)) ? Number(v) : v])),
    );
  return { daily: norm(daily), byType: norm(byType) };
}

export { bearer };
