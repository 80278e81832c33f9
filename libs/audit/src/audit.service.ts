import { AuditEntry, Page, PageQuery, paginate } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AuditFilter extends PageQuery {
  entity?: string;
  entityId?: string;
  trustId?: string;
}

/** Reads the audit trail (admins only; the controller says so). */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(filter: AuditFilter): Promise<Page<AuditEntry>> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.entity) qb.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.trustId) qb.andWhere('a.trust_id = :trustId', { trustId: filter.trustId });
    // Timestamps are stored at millisecond precision (timestamptz(3)) so the keyset is exact.
    return paginate(qb, 'a', 'a.at', (entry) => entry.at.toISOString(), filter);
  }
}
