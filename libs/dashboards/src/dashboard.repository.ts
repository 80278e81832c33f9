// Dashboard SQL: reads rollup tables (and the trust directory and pending marks), never raw records,
// so a dashboard costs the same however many waste records and events there are.
import type { Granularity } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Figures, type WasteTypeFigures, zeroFigures } from './dashboard-range';

export interface Freshness {
  /** Rollups include every change marked before this instant (ISO 8601). */
  asOf: string;
  /** Marked buckets not yet recomputed: changes the figures do not include yet. */
  pendingChanges: number;
}

export interface TrustRow {
  id: string;
  code: string;
  name: string;
}

type FigureRow = Record<keyof Figures, string | number>;

interface FreshnessRow {
  pending: number;
  oldest: Date | null;
  now: Date;
}

interface WasteTypeRow {
  wasteType: string;
  wasteRecords: number;
  occurrences: number;
  minutesLost: number;
  minutesEliminated: number;
}

const SUMS = `
  sum(waste_records)::bigint AS "wasteRecords",
  sum(occurrences)::bigint AS "occurrences",
  sum(minutes_lost) AS "minutesLost",
  sum(minutes_eliminated) AS "minutesEliminated",
  sum(events_completed)::bigint AS "eventsCompleted",
  sum(events_sustained)::bigint AS "eventsSustained",
  sum(ideas)::bigint AS "ideas"`;

/**
 * Pending marks as a CTE `marks`: always one row (an aggregate without GROUP BY), joined to the
 * grand-total row that GROUPING SETS (..., ()) always answers, even over no rows. Being part of the
 * figures' statement, it is read from the same snapshot: the freshness answered is exactly that of
 * the figures.
 */
const MARKS = (where: string) =>
  `marks AS (SELECT count(*)::int AS pending, min(marked_at) AS oldest, clock_timestamp() AS now
             FROM rollup_marks WHERE ${where})`;

export function toFigures(row: FigureRow): Figures {
  return {
    wasteRecords: Number(row.wasteRecords ?? 0),
    occurrences: Number(row.occurrences ?? 0),
    minutesLost: Number(row.minutesLost ?? 0),
    minutesEliminated: Number(row.minutesEliminated ?? 0),
    eventsCompleted: Number(row.eventsCompleted ?? 0),
    eventsSustained: Number(row.eventsSustained ?? 0),
    ideas: Number(row.ideas ?? 0),
  };
}

function toFreshness(row: FreshnessRow): Freshness {
  return { asOf: new Date(row.oldest ?? row.now).toISOString(), pendingChanges: row.pending };
}

@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async trust(id: string): Promise<TrustRow | null> {
    const [row] = await this.db.query(`SELECT id, code, name FROM trusts WHERE id = $1`, [id]);
    return row ?? null;
  }

  trusts(): Promise<TrustRow[]> {
    return this.db.query(`SELECT id, code, name FROM trusts ORDER BY code`);
  }

  /**
   * A trust's figures in [from, to]: per period of `granularity`, per ISO week (for SPC), in total
   * and per waste type, with the trust's pending marks, in one statement.
   */
  async trustFigures(trustId: string, from: string, to: string, granularity: Granularity) {
    type Row = FigureRow &
      FreshnessRow & {
        gp: number;
        gw: number;
        period: string | null;
        week: string | null;
        by_type: WasteTypeRow[] | null;
      };
    const rows: Row[] = await this.db.query(
      `WITH figures AS (
         SELECT grouping(period)::int AS gp, grouping(week)::int AS gw,
                to_char(period, 'YYYY-MM-DD') AS period, to_char(week, 'YYYY-MM-DD') AS week, ${SUMS}
         FROM (
           SELECT date_trunc($4::text, day::timestamp)::date AS period,
                  date_trunc('week', day::timestamp)::date AS week, *
           FROM rollup_daily WHERE trust_id = $1 AND day BETWEEN $2::date AND $3::date
         ) d
         GROUP BY GROUPING SETS ((period), (week), ())
       ),
       by_type AS (
         SELECT json_agg(json_build_object(
                  'wasteType', waste_type, 'wasteRecords', waste_records, 'occurrences', occurrences,
                  'minutesLost', minutes_lost, 'minutesEliminated', minutes_eliminated)) AS by_type
         FROM (
           SELECT waste_type, sum(waste_records) AS waste_records, sum(occurrences) AS occurrences,
                  sum(minutes_lost) AS minutes_lost, sum(minutes_eliminated) AS minutes_eliminated
           FROM rollup_daily_waste_type WHERE trust_id = $1 AND day BETWEEN $2::date AND $3::date
           GROUP BY waste_type
         ) t
       ),
       ${MARKS('trust_id = $1')}
       SELECT f.*, m.pending, m.oldest, m.now, t.by_type
       FROM figures f
       LEFT JOIN marks m ON f.gp = 1 AND f.gw = 1
       LEFT JOIN by_type t ON f.gp = 1 AND f.gw = 1`,
      [trustId, from, to, granularity],
    );
    const series = new Map<string, Figures>();
    const weekly = new Map<string, Figures>();
    const wasteTypes = new Map<string, Omit<WasteTypeFigures, 'wasteType'>>();
    let totals = zeroFigures();
    let freshness: Freshness | null = null;
    for (const row of rows) {
      if (row.gp === 0) series.set(row.period as string, toFigures(row));
      else if (row.gw === 0) weekly.set(row.week as string, toFigures(row));
      else {
        totals = toFigures(row);
        freshness = toFreshness(row);
        for (const t of row.by_type ?? []) {
          wasteTypes.set(t.wasteType, {
            wasteRecords: Number(t.wasteRecords),
            occurrences: Number(t.occurrences),
            minutesLost: Number(t.minutesLost),
            minutesEliminated: Number(t.minutesEliminated),
          });
        }
      }
    }
    if (!freshness) throw new Error('the dashboard query answered no total row');
    return { series, weekly, totals, wasteTypes, freshness };
  }

  /** Every trust's figures in [from, to]: per period, per trust and in total, with all pending marks. */
  async programmeFigures(from: string, to: string, granularity: Granularity) {
    type Row = FigureRow & FreshnessRow & { gp: number; gt: number; period: string | null; trustId: string | null };
    const rows: Row[] = await this.db.query(
      `WITH figures AS (
         SELECT grouping(period)::int AS gp, grouping(trust_id)::int AS gt,
                to_char(period, 'YYYY-MM-DD') AS period, trust_id AS "trustId", ${SUMS}
         FROM (
           SELECT date_trunc($3::text, day::timestamp)::date AS period, *
           FROM rollup_daily WHERE day BETWEEN $1::date AND $2::date
         ) d
         GROUP BY GROUPING SETS ((period), (trust_id), ())
       ),
       ${MARKS('TRUE')}
       SELECT f.*, m.pending, m.oldest, m.now
       FROM figures f LEFT JOIN marks m ON f.gp = 1 AND f.gt = 1`,
      [from, to, granularity],
    );
    const series = new Map<string, Figures>();
    const byTrust = new Map<string, Figures>();
    let totals = zeroFigures();
    let freshness: Freshness | null = null;
    for (const row of rows) {
      if (row.gp === 0) series.set(row.period as string, toFigures(row));
      else if (row.gt === 0) byTrust.set(row.trustId as string, toFigures(row));
      else {
        totals = toFigures(row);
        freshness = toFreshness(row);
      }
    }
    if (!freshness) throw new Error('the dashboard query answered no total row');
    return { series, byTrust, totals, freshness };
  }
}
