// SQL of improvement events, their metrics and follow-ups, and the waste records linked to them.
import { EventMetric, FollowUp, ImprovementEvent, Page, PageQuery, paginate } from '@app/database';
import type { EventKind, EventStatus, MetricDirection, WasteStatus, WasteType } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface EventFilter {
  /** null: every trust */
  trustId: string | null;
  valueStreamId?: string;
  kind?: EventKind;
  status?: EventStatus;
}

export interface MetricValues {
  name: string;
  unit: string;
  direction: MetricDirection;
  baseline: number;
  target: number;
}

export interface PositionedMetric {
  position: number;
  metric: MetricValues;
}

/** A waste record linked to an event, as the event shows it. */
export interface LinkedWasteRecord {
  id: string;
  wasteType: WasteType;
  observedOn: string;
  minutesLost: number;
  occurrences: number;
  status: WasteStatus;
}

const METRIC_ARRAYS = `$2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[]`;

function columns(rows: readonly PositionedMetric[]): unknown[] {
  return [
    rows.map((r) => r.position),
    rows.map((r) => r.metric.name),
    rows.map((r) => r.metric.unit),
    rows.map((r) => r.metric.direction),
    rows.map((r) => r.metric.baseline),
    rows.map((r) => r.metric.target),
  ];
}

function groupBy<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return groups;
}

@Injectable()
export class ImprovementEventRepository {
  findById(em: EntityManager, id: string): Promise<ImprovementEvent | null> {
    return em.getRepository(ImprovementEvent).findOneBy({ id });
  }

  /** The event row locked against concurrent metric changes while a follow-up is checked against them. */
  findForShare(em: EntityManager, id: string): Promise<ImprovementEvent | null> {
    return em.getRepository(ImprovementEvent).findOne({ where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  /** Latest start first. */
  list(em: EntityManager, filter: EventFilter, page: PageQuery): Promise<Page<ImprovementEvent>> {
    const qb = em.getRepository(ImprovementEvent).createQueryBuilder('e');
    if (filter.trustId) qb.andWhere('e.trust_id = :trustId', { trustId: filter.trustId });
    if (filter.valueStreamId)
      qb.andWhere('e.value_stream_id = :valueStreamId', { valueStreamId: filter.valueStreamId });
    if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    return paginate(qb, 'e', 'e.start_date', (e) => e.startDate, page);
  }

  async metricsOf(em: EntityManager, eventIds: readonly string[]): Promise<Map<string, EventMetric[]>> {
    if (eventIds.length === 0) return new Map();
    const rows = await em
      .getRepository(EventMetric)
      .createQueryBuilder('m')
      .where('m.event_id = ANY(:eventIds)', { eventIds })
      .orderBy('m.event_id')
      .addOrderBy('m.position')
      .getMany();
    return groupBy(eventIds, rows, (m) => m.eventId);
  }

  /** In the order they were entered, which breaks full ties between follow-ups (the later entry wins). */
  async followUpsOf(em: EntityManager, eventIds: readonly string[]): Promise<Map<string, FollowUp[]>> {
    if (eventIds.length === 0) return new Map();
    const rows = await em
      .getRepository(FollowUp)
      .createQueryBuilder('f')
      .where('f.event_id = ANY(:eventIds)', { eventIds })
      .orderBy('f.created_at')
      .addOrderBy('f.id')
      .getMany();
    return groupBy(eventIds, rows, (f) => f.eventId);
  }

  /** Waste records of the event's own trust that name the event, oldest observation first. */
  async wasteRecordsOf(em: EntityManager, eventIds: readonly string[]): Promise<Map<string, LinkedWasteRecord[]>> {
    if (eventIds.length === 0) return new Map();
    const rows: Array<LinkedWasteRecord & { eventId: string; minutesLost: string | number }> = await em.query(
      `SELECT w.id, w.improvement_event_id AS "eventId", w.waste_type AS "wasteType", w.observed_on::text AS "observedOn",
              w.minutes_lost AS "minutesLost", w.occurrences, w.status
         FROM waste_records w
         JOIN improvement_events e ON e.id = w.improvement_event_id AND e.trust_id = w.trust_id
        WHERE w.improvement_event_id = ANY($1::uuid[])
        ORDER BY w.observed_on, w.id`,
      [eventIds],
    );
    const links = rows.map(({ eventId, ...w }) => ({
      ...w,
      eventId,
      minutesLost: Number(w.minutesLost),
      occurrences: Number(w.occurrences),
    }));
    const grouped = groupBy(eventIds, links, (w) => w.eventId);
    return new Map([...grouped].map(([id, list]) => [id, list.map(({ eventId: _eventId, ...w }) => w)]));
  }

  async insertMetrics(em: EntityManager, eventId: string, rows: readonly PositionedMetric[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO event_metrics (event_id, position, name, unit, direction, baseline, target)
       SELECT $1::uuid, * FROM unnest(${METRIC_ARRAYS})`,
      [eventId, ...columns(rows)],
    );
  }

  /** Rewrites kept metrics in place: their ids stay, so follow-up results naming them still count. */
  async updateMetrics(
    em: EntityManager,
    eventId: string,
    rows: ReadonlyArray<PositionedMetric & { id: string }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `UPDATE event_metrics m
          SET position = u.position, name = u.name, unit = u.unit, direction = u.direction,
              baseline = u.baseline, target = u.target
         FROM unnest(${METRIC_ARRAYS}, $8::uuid[]) AS u(position, name, unit, direction, baseline, target, id)
        WHERE m.id = u.id AND m.event_id = $1`,
      [eventId, ...columns(rows), rows.map((r) => r.id)],
    );
  }

  async deleteMetrics(em: EntityManager, eventId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await em.query(`DELETE FROM event_metrics WHERE event_id = $1 AND id = ANY($2::uuid[])`, [eventId, ids]);
  }

  /** Detaches every event from a value stream about to be deleted; answers the events changed. */
  async detachFromStream(em: EntityManager, valueStreamId: string): Promise<ImprovementEvent[]> {
    const [rows] = (await em.query(
      `UPDATE improvement_events SET value_stream_id = NULL, version = version + 1, updated_at = now()
        WHERE value_stream_id = $1
       RETURNING id, trust_id AS "trustId", version`,
      [valueStreamId],
    )) as [Array<Pick<ImprovementEvent, 'id' | 'trustId' | 'version'>>, number];
    return rows as ImprovementEvent[];
  }
}
