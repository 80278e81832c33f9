// SQL of the Compact: commitments and their monthly check-ins.
import { CompactCheckIn, CompactCommitment, Page, PageQuery, paginate } from '@app/database';
import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';

/** Which check-ins a read covers: one trust's (optionally with the regulator's), or every party's. */
export interface CheckInFilter {
  month?: string;
  /** Only this trust's check-ins; null with `includeRegulator` alone is the regulator's only. */
  trustId?: string | null;
  /** Add the regulator's check-ins (trust id null) to those of `trustId`. */
  includeRegulator?: boolean;
  /** Every party's check-ins (programme roles without a trust filter). */
  all?: boolean;
}

@Injectable()
export class CompactRepository {
  /** Active commitments first, then by party and category, oldest first: the order the Compact reads. */
  commitments(em: EntityManager): Promise<CompactCommitment[]> {
    return em
      .getRepository(CompactCommitment)
      .createQueryBuilder('c')
      .orderBy('c.active', 'DESC')
      .addOrderBy('c.party', 'ASC')
      .addOrderBy('c.category', 'ASC')
      .addOrderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  findCommitment(em: EntityManager, id: string): Promise<CompactCommitment | null> {
    return em.getRepository(CompactCommitment).findOneBy({ id });
  }

  /**
   * Serialises writers of one check-in slot (commitment, month, party) until the transaction ends, so
   * two simultaneous first check-ins become one create and one update instead of a unique violation.
   */
  async lockCheckInSlot(em: EntityManager, commitmentId: string, month: string, trustId: string | null): Promise<void> {
    await em.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('compact-check-in:' || $1 || ':' || $2 || ':' || $3, 0))`,
      [commitmentId, month, trustId ?? 'regulator'],
    );
  }

  findCheckIn(
    em: EntityManager,
    commitmentId: string,
    month: string,
    trustId: string | null,
  ): Promise<CompactCheckIn | null> {
    return em
      .getRepository(CompactCheckIn)
      .createQueryBuilder('c')
      .where('c.commitment_id = :commitmentId AND c.month = :month', { commitmentId, month })
      .andWhere('c.trust_id IS NOT DISTINCT FROM :trustId', { trustId })
      .getOne();
  }

  /** Check-ins of a filter, newest month first. */
  listCheckIns(em: EntityManager, filter: CheckInFilter, page: PageQuery): Promise<Page<CompactCheckIn>> {
    const qb = em.getRepository(CompactCheckIn).createQueryBuilder('c');
    this.applyFilter(qb, filter);
    return paginate(qb, 'c', 'c.month', (c) => c.month, page);
  }

  /** Every check-in of a filter (one month's are few: commitments × parties). */
  checkIns(em: EntityManager, filter: CheckInFilter): Promise<CompactCheckIn[]> {
    const qb = em.getRepository(CompactCheckIn).createQueryBuilder('c');
    this.applyFilter(qb, filter);
    return qb.orderBy('c.month', 'DESC').addOrderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').getMany();
  }

  private applyFilter(qb: SelectQueryBuilder<CompactCheckIn>, filter: CheckInFilter): void {
    qb.where('TRUE');
    if (filter.month) qb.andWhere('c.month = :month', { month: filter.month });
    if (filter.all) return;
    if (filter.trustId && filter.includeRegulator) {
      qb.andWhere('(c.trust_id = :trustId OR c.trust_id IS NULL)', { trustId: filter.trustId });
    } else if (filter.trustId) {
      qb.andWhere('c.trust_id = :trustId', { trustId: filter.trustId });
    } else {
      qb.andWhere('c.trust_id IS NULL');
    }
  }
}
