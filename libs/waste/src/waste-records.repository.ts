// SQL of the waste log's single-record routes and its list.
import { Page, PageQuery, paginate, Trust, WasteRecord } from '@app/database';
import type { WasteStatus, WasteType } from '@app/domain';
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

@Injectable()
export class WasteRecordsRepository {
  findById(em: EntityManager, id: string): Promise<WasteRecord | null> {
    return em.getRepository(WasteRecord).findOneBy({ id });
  }

  /** Newest observedOn first, ties by id, so pages never overlap. */
  list(em: EntityManager, filter: WasteFilter, page: PageQuery): Promise<Page<WasteRecord>> {
    const qb = em.getRepository(WasteRecord).createQueryBuilder('w');
    const { where, params } = wasteFilterSql(filter);
    for (const condition of where) qb.andWhere(condition, params);
    return paginate(qb, 'w', 'w.observed_on', (w) => w.observedOn, page);
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
