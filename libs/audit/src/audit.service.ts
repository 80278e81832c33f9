import { AuditEntry, Page, PageQuery, pageQuery, paginate } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';

export interface AuditFilter extends PageQuery {
  entity?: string;
  entityId?: string;
  trustId?: string;
}

/** Reads the audit trail (admins only; the controller says so). */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Newest first, served by an index for every filter (migration AuditAndReconcileIndexes: each
   * filter's columns, then `at, id`, so a page is an index range read in order, never a sort of the
   * whole trail).
   */
  list(filter: AuditFilter): Promise<Page<AuditEntry>> {
    // Timestamps are stored at millisecond precision (timestamptz(3)) so the keyset is exact.
    return paginate(this.filtered(filter), 'a', 'a.at', (entry) => entry.at.toISOString(), filter);
  }

  /** The exact query of one page of `list` (for EXPLAIN in the index tests). */
  listQuery(filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    return pageQuery(this.filtered(filter), 'a', 'a.at', filter);
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.entity) qb.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.trustId) qb.andWhere('a.trust_id = :trustId', { trustId: filter.trustId });
    return qb;
  }
}
