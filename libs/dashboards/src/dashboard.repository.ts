// Dashboard SQL: reads rollup tables (and the trust directory and pending marks), never raw records,
// so a dashboard costs the same however many waste records and events there are.
import type { Granularity } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Figures } from './dashboard-range';

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

const SUMS = `
  sum(waste_records)::bigint AS "wasteRecords",
  sum(occurrences)::bigint AS "occurrences",
  sum(minutes_lost) AS "minutesLost",
  sum(minutes_eliminated) AS "minutesEliminated",
  sum(events_completed)::bigint AS "eventsCompleted",
  sum(events_sustained)::bigint AS "eventsSustained",
  sum(ideas)::bigint AS "ideas"`;

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

  /** Pending marks of one trust (or all): read before the figures, so the figures are never older. */
  async freshness(trustId: string | null): Promise<Freshness> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS pending, min(marked_at) AS oldest, clock_timestamp() AS now
       FROM rollup_marks WHERE $1::uuid IS NULL OR trust_id = $1::uuid`,
      [trustId],
    );
    return { asOf: new Date(row.oldest ?? row.now).toISOString(), pendingChanges: row.pending };
  }

  /**
   * A trust's figures in [from, to]: per period of `granularity`, per ISO week (for SPC) and in total,
   * in one pass over its rollup rows.
   */
  async trustFigures(trustId: string, from: string, to: string, granularity: Granularity) {
    const rows: (FigureRow & { gp: number; gw: number; period: string | null; week: string | null })[] =
      await this.db.query(
        `SELECT grouping(period)::int AS gp, grouping(week)::int AS gw,
                to_char(period, 'YYYY-MM-DD') AS period, to_char(week, 'YYYY-MM-DD') AS week, ${SUMS}
         FROM (
           SELECT date_trunc($4::text, day::timestamp)::date AS period, date_trunc('week', day::timestamp)::date AS week, *
           FROM rollup_daily WHERE trust_id = $1 AND day BETWEEN $2::date AND $3::date
         ) d
         GROUP BY GROUPING SETS ((period), (week), ())`,
        [trustId, from, to, granularity],
      );
    const series = new Map<string, Figures>();
    const weekly = new Map<string, Figures>();
    let totals: Figures | null = null;
    for (const row of rows) {
      if (row.gp === 0) series.set(row.period as string, toFigures(row));
      else if (row.gw === 0) weekly.set(row.week as string, toFigures(row));
      else totals = toFigures(row);
    }
    return { series, weekly, totals };
  }

  /** A trust's waste figures per waste type in [from, to]. */
  async wasteTypeFigures(trustId: string, from: string, to: string) {
    const rows: {
      wasteType: string;
      wasteRecords: string;
      occurrences: string;
      minutesLost: string;
      minutesEliminated: string;
    }[] = await this.db.query(
      `SELECT waste_type AS "wasteType", sum(waste_records)::bigint AS "wasteRecords", sum(occurrences)::bigint AS occurrences,
                sum(minutes_lost) AS "minutesLost", sum(minutes_eliminated) AS "minutesEliminated"
         FROM rollup_daily_waste_type WHERE trust_id = $1 AND day BETWEEN $2::date AND $3::date
         GROUP BY waste_type`,
      [trustId, from, to],
    );
    return new Map(
      rows.map((r) => [
        r.wasteType,
        {
          wasteRecords: Number(r.wasteRecords),
          occurrences: Number(r.occurrences),
          minutesLost: Number(r.minutesLost),
          minutesEliminated: Number(r.minutesEliminated),
        },
      ]),
    );
  }

  /** Every trust's figures in [from, to]: per period, per trust and in total, in one pass. */
  async programmeFigures(from: string, to: string, granularity: Granularity) {
    const rows: (FigureRow & { gp: number; gt: number; period: string | null; trustId: string | null })[] =
      await this.db.query(
        `SELECT grouping(period)::int AS gp, grouping(trust_id)::int AS gt,
                to_char(period, 'YYYY-MM-DD') AS period, trust_id AS "trustId", ${SUMS}
         FROM (
           SELECT date_trunc($3::text, day::timestamp)::date AS period, *
           FROM rollup_daily WHERE day BETWEEN $1::date AND $2::date
         ) d
         GROUP BY GROUPING SETS ((period), (trust_id), ())`,
        [from, to, granularity],
      );
    const series = new Map<string, Figures>();
    const byTrust = new Map<string, Figures>();
    let totals: Figures | null = null;
    for (const row of rows) {
      if (row.gp === 0) series.set(row.period as string, toFigures(row));
      else if (row.gt === 0) byTrust.set(row.trustId as string, toFigures(row));
      else totals = toFigures(row);
    }
    return { series, byTrust, totals };
  }
}
