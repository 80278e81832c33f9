// SQL of the waste log's single-record routes and its list.
import { AuditChanges, decodeCursor, Page, PageQuery, pageOf, Trust, WasteRecord } from '@app/database';
import type { WasteStatus, WasteType, WasteValues } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** List and export filters; `trustId` is already confined by the caller's scope (null: every trust). */
export interface WasteFilter {
  trustId: string | null;
  valueStreamId?: string;
  wasteType?: WasteType;
  status?: WasteStatus;
  /** observedOn from (inclusive), YYYY-MM-DD */
  from?: string;
  /** observedOn to (inclusive), YYYY-MM-DD */
  to?: string;
}

/** What the linked records of a waste record turned out to be, looked up within one trust. */
export interface WasteLinks {
  valueStreamFound: boolean;
  /** The value stream of the step's map, or null when the step is not in the trust. */
  stepValueStreamId: string | null;
  eventFound: boolean;
}

/** The filter as SQL conditions on alias `w`, with named parameters (shared by list and export). */
export function wasteFilterSql(filter: WasteFilter): { where: string[]; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const add = (sql: string, name: string, value: string | null | undefined) => {
    if (value === undefined || value === null) return;
    where.push(sql);
    params[name] = value;
  };
  add('w.trust_id = :trustId', 'trustId', filter.trustId);
  add('w.value_stream_id = :valueStreamId', 'valueStreamId', filter.valueStreamId);
  add('w.waste_type = :wasteType', 'wasteType', filter.wasteType);
  add('w.status = :status', 'status', filter.status);
  add('w.observed_on >= :from', 'from', filter.from);
  add('w.observed_on <= :to', 'to', filter.to);
  return { where, params };
}

/** A rollup bucket as the write statements take it (trust and YYYY-MM-DD day). */
export interface WasteBucket {
  trustId: string;
  day: string;
}

/** The columns of a waste record, as the entity's camelCase fields (dates as YYYY-MM-DD, minutes as a number). */
const RETURNING = `id, version, created_at AS "createdAt", updated_at AS "updatedAt", created_by AS "createdBy",
  trust_id AS "trustId", value_stream_id AS "valueStreamId", map_step_id AS "mapStepId", waste_type AS "wasteType",
  observed_on::text AS "observedOn", description, minutes_lost::float8 AS "minutesLost", occurrences,
  patient_impact AS "patientImpact", status, eliminated_on::text AS "eliminatedOn",
  improvement_event_id AS "improvementEventId"`;

/** The value fields a patch may set, and their columns. */
export const WASTE_COLUMNS: Record<keyof WasteValues, string> = {
  observedOn: 'observed_on',
  wasteType: 'waste_type',
  description: 'description',
  minutesLost: 'minutes_lost',
  occurrences: 'occurrences',
  patientImpact: 'patient_impact',
  status: 'status',
  eliminatedOn: 'eliminated_on',
  valueStreamId: 'value_stream_id',
  mapStepId: 'map_step_id',
  improvementEventId: 'improvement_event_id',
};

/** Unique buckets as the two arrays `unnest($n::uuid[], $m::date[])` reads. */
function bucketArrays(buckets: readonly WasteBucket[]): [string[], string[]] {
  const unique = new Map(buckets.filter((b) => b.day).map((b) => [`${b.trustId}|${b.day}`, b]));
  return [[...unique.values()].map((b) => b.trustId), [...unique.values()].map((b) => b.day)];
}

const asRecord = (row: object): WasteRecord => Object.assign(new WasteRecord(), row);

@Injectable()
export class WasteRecordsRepository {
  /**
   * One statement (no transaction needed: a statement is atomic) that inserts the record, its audit
   * entry and its rollup marks. The id is the caller's, so the audit changes can be computed before.
   */
  async insertAudited(
    em: EntityManager,
    row: WasteValues & { id: string; trustId: string; createdBy: string },
    changes: AuditChanges,
    buckets: readonly WasteBucket[],
  ): Promise<WasteRecord> {
    const [trustIds, days] = bucketArrays(buckets);
    const rows = (await em.query(
      `WITH w AS (
         INSERT INTO waste_records (id, trust_id, value_stream_id, map_step_id, waste_type, observed_on, description,
           minutes_lost, occurrences, patient_impact, status, eliminated_on, improvement_event_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${RETURNING}
       ), a AS (
         INSERT INTO audit_entries (actor_id, action, entity, entity_id, trust_id, changes)
         SELECT $14, 'create', 'waste_record', w.id, w."trustId", $15::jsonb FROM w
       ), m AS (
         INSERT INTO rollup_marks (trust_id, day) SELECT * FROM unnest($16::uuid[], $17::date[]) WHERE EXISTS (SELECT 1 FROM w)
       )
       SELECT * FROM w`,
      [
        row.id,
        row.trustId,
        row.valueStreamId,
        row.mapStepId,
        row.wasteType,
        row.observedOn,
        row.description,
        row.minutesLost,
        row.occurrences,
        row.patientImpact,
        row.status,
        row.eliminatedOn,
        row.improvementEventId,
        row.createdBy,
        JSON.stringify(changes),
        trustIds,
        days,
      ],
    )) as object[];
    return asRecord(rows[0]);
  }

  /**
   * One statement that updates the record if it is still at `version` (answering null otherwise),
   * and with it writes the audit entry and the rollup marks. A statement is atomic, so no transaction.
   */
  async updateAudited(
    em: EntityManager,
    id: string,
    version: number,
    actorId: string,
    patch: Partial<WasteValues>,
    changes: AuditChanges,
    buckets: readonly WasteBucket[],
  ): Promise<WasteRecord | null> {
    const [trustIds, days] = bucketArrays(buckets);
    const params: unknown[] = [id, version, actorId, JSON.stringify(changes), trustIds, days];
    const sets = (Object.keys(patch) as (keyof WasteValues)[]).map((field) => {
      params.push(patch[field]);
      return `${WASTE_COLUMNS[field]} = $${params.length}`;
    });
    const rows = (await em.query(
      `WITH u AS (
         UPDATE waste_records SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
         WHERE id = $1 AND version = $2 RETURNING ${RETURNING}
       ), a AS (
         INSERT INTO audit_entries (actor_id, action, entity, entity_id, trust_id, changes)
         SELECT $3, 'update', 'waste_record', u.id, u."trustId", $4::jsonb FROM u
       ), m AS (
         INSERT INTO rollup_marks (trust_id, day) SELECT * FROM unnest($5::uuid[], $6::date[]) WHERE EXISTS (SELECT 1 FROM u)
       )
       SELECT * FROM u`,
      params,
    )) as object[];
    return rows[0] ? asRecord(rows[0]) : null;
  }

  findById(em: EntityManager, id: string): Promise<WasteRecord | null> {
    return em.getRepository(WasteRecord).findOneBy({ id });
  }

  /**
   * Newest observedOn first, ties by id, so pages never overlap. Plain SQL (no query building: this is
   * one of the hottest routes); the keyset and `limit + 1` rows as `paginate` would build them.
   */
  async list(em: EntityManager, filter: WasteFilter, page: PageQuery): Promise<Page<WasteRecord>> {
    const { where, params } = wasteFilterSql(filter);
    const values: unknown[] = [];
    const conditions = where.map((condition) =>
      condition.replace(/:(\w+)/g, (_, name: string) => {
        values.push(params[name]);
        return `$${values.length}`;
      }),
    );
    if (page.cursor) {
      const [key, id] = decodeCursor(page.cursor);
      values.push(key, id);
      conditions.push(`(w.observed_on, w.id) < ($${values.length - 1}, $${values.length})`);
    }
    const limit = page.limit ?? 50;
    values.push(limit + 1);
    const rows = (await em.query(
      `SELECT ${RETURNING} FROM waste_records w ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY w.observed_on DESC, w.id DESC LIMIT $${values.length}`,
      values,
    )) as object[];
    return pageOf(rows.map(asRecord), limit, (w) => w.observedOn);
  }

  trustExists(em: EntityManager, trustId: string): Promise<boolean> {
    return em.getRepository(Trust).existsBy({ id: trustId });
  }

  /** Looks the given links up inside `trustId` in one round trip; ids not given count as found. */
  async findLinks(
    em: EntityManager,
    trustId: string,
    links: { valueStreamId: string | null; mapStepId: string | null; improvementEventId: string | null },
  ): Promise<WasteLinks> {
    const [row] = await em.query(
      `SELECT
         $2::uuid IS NULL OR EXISTS (SELECT 1 FROM value_streams v WHERE v.id = $2 AND v.trust_id = $1) AS "valueStreamFound",
         (SELECT m.value_stream_id FROM map_steps s JOIN value_stream_maps m ON m.id = s.map_id
           WHERE s.id = $3 AND m.trust_id = $1) AS "stepValueStreamId",
         $4::uuid IS NULL OR EXISTS (SELECT 1 FROM improvement_events e WHERE e.id = $4 AND e.trust_id = $1) AS "eventFound"`,
      [trustId, links.valueStreamId, links.mapStepId, links.improvementEventId],
    );
    return row as WasteLinks;
  }
}
