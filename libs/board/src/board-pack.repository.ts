// SQL that gathers what a board pack is built from. Every read takes the caller's EntityManager, so
// the board-pack job reads inside its publishing transaction and the demo seed inside its own.
// Figures come from the rollups through a PackFiguresSource (the dashboards' totals in the app).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { packPeriods } from './board-pack.builder';
import type {
  BoardPackInputs,
  PackFigures,
  PackFigureSet,
  PackInputCheckIn,
  PackInputMap,
  PackInputMeasure,
  PackInputValueStream,
} from './board-pack.types';

/** Rollup totals of [from, to]: per trust, for the programme, and changes not yet rolled up. */
export interface PeriodFigures {
  byTrust: Map<string, PackFigures>;
  programme: PackFigures;
  pendingChanges: number;
}

export type PackFiguresSource = (from: string, to: string) => Promise<PeriodFigures>;

export interface PackMeetingRef {
  id: string;
  month: string;
  heldOn: string | null;
}

const num = (value: unknown): number => Number(value ?? 0);

function figuresOf(row: Record<string, unknown>): PackFigures {
  return {
    wasteRecords: num(row.wasteRecords),
    occurrences: num(row.occurrences),
    minutesLost: num(row.minutesLost),
    minutesEliminated: num(row.minutesEliminated),
    eventsCompleted: num(row.eventsCompleted),
    eventsSustained: num(row.eventsSustained),
    ideas: num(row.ideas),
  };
}

/**
 * Rollup totals read through an EntityManager, for the one place the dashboards' pool cannot see the
 * data: the demo seed, whose rows are not committed yet. The app reads the dashboards' totals instead
 * (an e2e test checks the pack's figures equal the programme dashboard's).
 */
export function rollupFiguresIn(em: EntityManager): PackFiguresSource {
  return async (from, to) => {
    const rows: Array<Record<string, unknown> & { trustId: string | null }> = await em.query(
      `SELECT trust_id AS "trustId",
              sum(waste_records) AS "wasteRecords", sum(occurrences) AS occurrences,
              sum(minutes_lost) AS "minutesLost", sum(minutes_eliminated) AS "minutesEliminated",
              sum(events_completed) AS "eventsCompleted", sum(events_sustained) AS "eventsSustained",
              sum(ideas) AS ideas
       FROM rollup_daily WHERE day BETWEEN $1::date AND $2::date
       GROUP BY GROUPING SETS ((trust_id), ())`,
      [from, to],
    );
    const [{ pending }] = await em.query(`SELECT count(*)::int AS pending FROM rollup_marks`);
    const byTrust = new Map<string, PackFigures>();
    let programme: PackFigures = figuresOf({});
    for (const row of rows) {
      if (row.trustId === null) programme = figuresOf(row);
      else byTrust.set(row.trustId, figuresOf(row));
    }
    return { byTrust, programme, pendingChanges: Number(pending) };
  };
}

@Injectable()
export class BoardPackRepository {
  async loadInputs(
    em: EntityManager,
    meeting: PackMeetingRef,
    figures: PackFiguresSource,
    stamp: { generatedAt: string; publishedAt: string | null },
  ): Promise<BoardPackInputs> {
    const periods = packPeriods(meeting.month);
    const monthEnd = periods.month.to;
    // One read at a time: a transaction's EntityManager runs on a single connection.
    const month = await figures(periods.month.from, periods.month.to);
    const previousMonth = await figures(periods.previousMonth.from, periods.previousMonth.to);
    const yearToDate = await figures(periods.yearToDate.from, periods.yearToDate.to);
    const byPeriod = (p: PeriodFigures) => ({ byTrust: p.byTrust, programme: p.programme });
    const figureInputs: Record<keyof PackFigureSet, { byTrust: Map<string, PackFigures>; programme: PackFigures }> = {
      month: byPeriod(month),
      previousMonth: byPeriod(previousMonth),
      yearToDate: byPeriod(yearToDate),
    };
    const trusts = await this.trusts(em);
    const reports = await this.reports(em, meeting.id);
    const measures = await this.measures(em, monthEnd);
    const valueStreams = await this.valueStreams(em, monthEnd);
    const checkIns = await this.checkIns(em, meeting.month);
    return {
      meeting,
      generatedAt: stamp.generatedAt,
      publishedAt: stamp.publishedAt,
      trusts,
      reports,
      figures: figureInputs,
      measures,
      valueStreams,
      checkIns,
      pendingChanges: month.pendingChanges,
    };
  }

  private trusts(em: EntityManager): Promise<Array<{ id: string; code: string; name: string }>> {
    return em.query(`SELECT id, code, name FROM trusts ORDER BY code, id`);
  }

  private async reports(em: EntityManager, meetingId: string): Promise<BoardPackInputs['reports']> {
    const rows: Array<{
      trustId: string;
      progress: string;
      challenges: string;
      asks: string | null;
      version: number;
      updatedAt: Date;
    }> = await em.query(
      `SELECT trust_id AS "trustId", progress, challenges, asks, version, updated_at AS "updatedAt"
         FROM trust_reports WHERE meeting_id = $1`,
      [meetingId],
    );
    return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }));
  }

  /** Every measure with its points up to the end of the month. */
  private async measures(em: EntityManager, monthEnd: string): Promise<PackInputMeasure[]> {
    const measures: Array<Omit<PackInputMeasure, 'points' | 'target'> & { target: string | null }> = await em.query(
      `SELECT id, trust_id AS "trustId", name, unit, improvement_direction AS "improvementDirection",
              target::text AS target, trend_length AS "trendLength", shift_length AS "shiftLength"
       FROM measures ORDER BY trust_id, name, id`,
    );
    const points: Array<{ measureId: string; periodStart: string; value: string }> = await em.query(
      `SELECT measure_id AS "measureId", period_start::text AS "periodStart", value::text AS value
       FROM measure_points WHERE period_start <= $1::date ORDER BY measure_id, period_start`,
      [monthEnd],
    );
    const byMeasure = new Map<string, Array<{ periodStart: string; value: number }>>();
    for (const p of points) {
      const list = byMeasure.get(p.measureId) ?? [];
      list.push({ periodStart: p.periodStart, value: Number(p.value) });
      byMeasure.set(p.measureId, list);
    }
    return measures.map((m) => ({
      ...m,
      target: m.target === null ? null : Number(m.target),
      points: byMeasure.get(m.id) ?? [],
    }));
  }

  /** Value streams with a map by the end of the month, each with its latest current and future map. */
  private async valueStreams(em: EntityManager, monthEnd: string): Promise<PackInputValueStream[]> {
    const maps: Array<Omit<PackInputMap, 'steps'> & { valueStreamId: string }> = await em.query(
      `SELECT DISTINCT ON (value_stream_id, state)
              id, value_stream_id AS "valueStreamId", state, title, mapped_on::text AS "mappedOn"
       FROM value_stream_maps WHERE mapped_on <= $1::date
       ORDER BY value_stream_id, state, mapped_on DESC, created_at DESC, id`,
      [monthEnd],
    );
    if (maps.length === 0) return [];
    const streamIds = [...new Set(maps.map((m) => m.valueStreamId))];
    const streams: Array<{
      id: string;
      trustId: string;
      name: string;
      demandPerDay: string | null;
      availableMinutesPerDay: string | null;
    }> = await em.query(
      `SELECT id, trust_id AS "trustId", name, demand_per_day::text AS "demandPerDay",
                available_minutes_per_day::text AS "availableMinutesPerDay"
         FROM value_streams WHERE id = ANY($1::uuid[]) ORDER BY trust_id, name, id`,
      [streamIds],
    );
    const steps: Array<{
      mapId: string;
      cycleTimeMinutes: string;
      waitTimeMinutes: string;
      classification: PackInputMap['steps'][number]['classification'];
      percentCompleteAccurate: string;
    }> = await em.query(
      `SELECT map_id AS "mapId", cycle_time_minutes::text AS "cycleTimeMinutes", wait_time_minutes::text AS "waitTimeMinutes",
              classification, percent_complete_accurate::text AS "percentCompleteAccurate"
       FROM map_steps WHERE map_id = ANY($1::uuid[]) ORDER BY map_id, position`,
      [maps.map((m) => m.id)],
    );
    const stepsByMap = new Map<string, PackInputMap['steps']>();
    for (const s of steps) {
      const list = stepsByMap.get(s.mapId) ?? [];
      list.push({
        cycleTimeMinutes: Number(s.cycleTimeMinutes),
        waitTimeMinutes: Number(s.waitTimeMinutes),
        classification: s.classification,
        percentCompleteAccurate: Number(s.percentCompleteAccurate),
      });
      stepsByMap.set(s.mapId, list);
    }
    const nullableNumber = (v: string | null) => (v === null ? null : Number(v));
    return streams.map((s) => ({
      id: s.id,
      trustId: s.trustId,
      name: s.name,
      demandPerDay: nullableNumber(s.demandPerDay),
      availableMinutesPerDay: nullableNumber(s.availableMinutesPerDay),
      maps: maps
        .filter((m) => m.valueStreamId === s.id)
        .map((m) => ({
          id: m.id,
          state: m.state,
          title: m.title,
          mappedOn: m.mappedOn,
          steps: stepsByMap.get(m.id) ?? [],
        })),
    }));
  }

  private checkIns(em: EntityManager, month: string): Promise<PackInputCheckIn[]> {
    return em.query(
      `SELECT ci.id, ci.commitment_id AS "commitmentId", c.text AS "commitmentText", c.party, c.category,
              ci.trust_id AS "trustId", ci.status, ci.note
       FROM compact_check_ins ci JOIN compact_commitments c ON c.id = ci.commitment_id
       WHERE ci.month = $1
       ORDER BY ci.id`,
      [month],
    );
  }
}
