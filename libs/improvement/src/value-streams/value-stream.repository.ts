// SQL of value streams.
import { Page, PageQuery, paginate, ValueStream } from '@app/database';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class ValueStreamRepository {
  findById(em: EntityManager, id: string): Promise<ValueStream | null> {
    return em.getRepository(ValueStream).findOneBy({ id });
  }

  /** Newest first; `trustId` null lists every trust's value streams. */
  list(em: EntityManager, trustId: string | null, page: PageQuery): Promise<Page<ValueStream>> {
    const qb = em.getRepository(ValueStream).createQueryBuilder('v');
    if (trustId) qb.where('v.trust_id = :trustId', { trustId });
    return paginate(qb, 'v', 'v.created_at', (v) => v.createdAt.toISOString(), page);
  }
}
