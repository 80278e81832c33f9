// SQL of value-stream maps and their steps. Steps are written set-based (one statement per kind of
// change), so a 200-step map costs the same few round trips as a 2-step one.
import { MapStep, Page, PageQuery, paginate, ValueStreamMap } from '@app/database';
import type { MapState, StepClassification } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface StepValues {
  name: string;
  cycleTimeMinutes: number;
  waitTimeMinutes: number;
  classification: StepClassification;
  percentCompleteAccurate?: number | null;
  staff?: number | null;
}

export interface PositionedStep {
  position: number;
  step: StepValues;
}

// Parallel arrays for unnest(): one array per column, in the column order of the statements below.
function columns(rows: readonly PositionedStep[]): unknown[] {
  return [
    rows.map((r) => r.position),
    rows.map((r) => r.step.name),
    rows.map((r) => r.step.cycleTimeMinutes),
    rows.map((r) => r.step.waitTimeMinutes),
    rows.map((r) => r.step.classification),
    rows.map((r) => r.step.percentCompleteAccurate ?? 100),
    rows.map((r) => r.step.staff ?? null),
  ];
}

const STEP_ARRAYS = `$2::int[], $3::text[], $4::numeric[], $5::numeric[], $6::text[], $7::numeric[], $8::int[]`;

@Injectable()
export class MapRepository {
  findById(em: EntityManager, id: string): Promise<ValueStreamMap | null> {
    return em.getRepository(ValueStreamMap).findOneBy({ id });
  }

  listOfStream(
    em: EntityManager,
    valueStreamId: string,
    state: MapState | undefined,
    page: PageQuery,
  ): Promise<Page<ValueStreamMap>> {
    const qb = em
      .getRepository(ValueStreamMap)
      .createQueryBuilder('m')
      .where('m.value_stream_id = :valueStreamId', { valueStreamId });
    if (state) qb.andWhere('m.state = :state', { state });
    return paginate(qb, 'm', 'm.created_at', (m) => m.createdAt.toISOString(), page);
  }

  listAllOfStream(em: EntityManager, valueStreamId: string): Promise<ValueStreamMap[]> {
    return em.getRepository(ValueStreamMap).find({ where: { valueStreamId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The steps of each map, in position order. */
  async stepsOf(em: EntityManager, mapIds: readonly string[]): Promise<Map<string, MapStep[]>> {
    const byMap = new Map<string, MapStep[]>(mapIds.map((id) => [id, []]));
    if (mapIds.length === 0) return byMap;
    const steps = await em
      .getRepository(MapStep)
      .createQueryBuilder('s')
      .where('s.map_id = ANY(:mapIds)', { mapIds })
      .orderBy('s.map_id')
      .addOrderBy('s.position')
      .getMany();
    for (const step of steps) byMap.get(step.mapId)?.push(step);
    return byMap;
  }

  async insertSteps(em: EntityManager, mapId: string, rows: readonly PositionedStep[]): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO map_steps (map_id, position, name, cycle_time_minutes, wait_time_minutes, classification,
                              percent_complete_accurate, staff)
       SELECT $1::uuid, * FROM unnest(${STEP_ARRAYS})`,
      [mapId, ...columns(rows)],
    );
  }

  /** Rewrites kept steps in place (their ids stay, so links to them survive). */
  async updateSteps(
    em: EntityManager,
    mapId: string,
    rows: ReadonlyArray<PositionedStep & { id: string }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await em.query(
      `UPDATE map_steps s
          SET position = u.position, name = u.name, cycle_time_minutes = u.cycle, wait_time_minutes = u.wait,
              classification = u.classification, percent_complete_accurate = u.pca, staff = u.staff
         FROM unnest(${STEP_ARRAYS}, $9::uuid[]) AS u(position, name, cycle, wait, classification, pca, staff, id)
        WHERE s.id = u.id AND s.map_id = $1`,
      [mapId, ...columns(rows), rows.map((r) => r.id)],
    );
  }

  async deleteSteps(em: EntityManager, mapId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await em.query(`DELETE FROM map_steps WHERE map_id = $1 AND id = ANY($2::uuid[])`, [mapId, ids]);
  }
}
