// SQL of board measures and their points.
import { Measure, Page, PageQuery, paginate } from '@app/database';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PointValue } from '../point-changes';

@Injectable()
export class MeasureRepository {
  findById(em: EntityManager, id: string): Promise<Measure | null> {
    return em.getRepository(Measure).findOneBy({ id });
  }

  /** The measure row locked so concurrent point writes to it run one after the other. */
  findForUpdate(em: EntityManager, id: string): Promise<Measure | null> {
    return em.getRepository(Measure).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  list(em: EntityManager, trustId: string | null, page: PageQuery): Promise<Page<Measure>> {
    const qb = em.getRepository(Measure).createQueryBuilder('m');
    if (trustId) qb.where('m.trust_id = :trustId', { trustId });
    return paginate(qb, 'm', 'm.created_at', (m) => m.createdAt.toISOString(), page);
  }

  /** Each measure's points in period order. */
  async pointsOf(em: EntityManager, measureIds: readonly string[]): Promise<Map<string, PointValue[]>> {
    const byMeasure = new Map<string, PointValue[]>(measureIds.map((id) => [id, []]));
    if (measureIds.length === 0) return byMeasure;
    const rows: Array<{ measureId: string; periodStart: string; value: string }> = await em.query(
      `SELECT measure_id AS "measureId", period_start::text AS "periodStart", value::text AS value
         FROM measure_points WHERE measure_id = ANY($1::uuid[]) ORDER BY measure_id, period_start`,
      [measureIds],
    );
    for (const row of rows)
      byMeasure.get(row.measureId)?.push({ periodStart: row.periodStart, value: Number(row.value) });
    return byMeasure;
  }

  /** One statement for the whole write; a period already stored takes the new value. */
  async upsertPoints(em: EntityManager, measureId: string, points: readonly PointValue[]): Promise<void> {
    if (points.length === 0) return;
    await em.query(
      `INSERT INTO measure_points (measure_id, period_start, value)
       SELECT $1::uuid, * FROM unnest($2::date[], $3::numeric[])
       ON CONFLICT (measure_id, period_start) DO UPDATE SET value = EXCLUDED.value`,
      [measureId, points.map((p) => p.periodStart), points.map((p) => p.value)],
    );
  }
}
