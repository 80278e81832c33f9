import { Actor, assertVisible, listScope, writeTrust } from '@app/auth';
import { AuditedWriter } from '@app/audit';
import { Measure, Page, PageQuery } from '@app/database';
import {
  analyseSpc,
  type MeasureDirection,
  type PointType,
  type SpcRule,
  type Variation,
  type Assurance,
} from '@app/domain';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MEASURE_AUDIT } from '../audit-targets';
import { assertTrustExists } from '../trust-check';
import { pointChanges, PointValue } from '../point-changes';
import { MeasureRepository } from './measure.repository';

export interface CreateMeasureInput {
  trustId?: string;
  name: string;
  unit: string;
  improvementDirection: MeasureDirection;
  target?: number | null;
  trendLength?: number;
  shiftLength?: number;
}

export interface UpdateMeasureInput {
  version: number;
  name?: string;
  unit?: string;
  improvementDirection?: MeasureDirection;
  target?: number | null;
  trendLength?: number;
  shiftLength?: number;
}

export interface MeasureView {
  id: string;
  trustId: string;
  name: string;
  unit: string;
  improvementDirection: MeasureDirection;
  target: number | null;
  trendLength: number;
  shiftLength: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  /** In period order. */
  points: PointValue[];
}

export interface MeasureSpcView {
  measureId: string;
  points: Array<{
    periodStart: string;
    value: number;
    mean: number;
    upperProcessLimit: number;
    lowerProcessLimit: number;
    pointType: PointType;
    rule: SpcRule | null;
  }>;
  variation: Variation | null;
  assurance: Assurance | null;
  warnings: string[];
}

function measureView(m: Measure, points: PointValue[]): MeasureView {
  return {
    id: m.id,
    trustId: m.trustId,
    name: m.name,
    unit: m.unit,
    improvementDirection: m.improvementDirection,
    target: m.target,
    trendLength: m.trendLength,
    shiftLength: m.shiftLength,
    version: m.version,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    createdBy: m.createdBy,
    points,
  };
}

@Injectable()
export class MeasuresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly measures: MeasureRepository,
  ) {}

  async list(actor: Actor, query: PageQuery & { trustId?: string }): Promise<Page<MeasureView>> {
    const page = await this.measures.list(this.db.manager, listScope(actor, query.trustId), query);
    const points = await this.measures.pointsOf(
      this.db.manager,
      page.items.map((m) => m.id),
    );
    return { items: page.items.map((m) => measureView(m, points.get(m.id) ?? [])), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<MeasureView> {
    const measure = assertVisible(actor, await this.measures.findById(this.db.manager, id), 'measure');
    return measureView(measure, await this.pointsOf(this.db.manager, id));
  }

  create(actor: Actor, input: CreateMeasureInput): Promise<MeasureView> {
    const trustId = writeTrust(actor, input.trustId);
    return this.db.transaction(async (em) => {
      await assertTrustExists(em, trustId);
      const created = await this.writer.create(em, actor, MEASURE_AUDIT, {
        trustId,
        name: input.name,
        unit: input.unit,
        improvementDirection: input.improvementDirection,
        target: input.target ?? null,
        trendLength: input.trendLength ?? 7,
        shiftLength: input.shiftLength ?? 7,
      });
      return measureView(created, []);
    });
  }

  update(actor: Actor, id: string, input: UpdateMeasureInput): Promise<MeasureView> {
    return this.db.transaction(async (em) => {
      const current = assertVisible(actor, await this.measures.findById(em, id), 'measure');
      const patch: Partial<Measure> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.unit !== undefined) patch.unit = input.unit;
      if (input.improvementDirection !== undefined) patch.improvementDirection = input.improvementDirection;
      if (input.target !== undefined) patch.target = input.target;
      if (input.trendLength !== undefined) patch.trendLength = input.trendLength;
      if (input.shiftLength !== undefined) patch.shiftLength = input.shiftLength;
      const updated = await this.writer.update(em, actor, MEASURE_AUDIT, current, input.version, patch);
      return measureView(updated, await this.pointsOf(em, id));
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.db.transaction(async (em) => {
      const current = assertVisible(actor, await this.measures.findById(em, id), 'measure');
      // The audit entry keeps the points too: deleting the measure deletes them.
      const withPoints: Measure & { points: PointValue[] } = { ...current, points: await this.pointsOf(em, id) };
      await this.writer.remove(em, actor, MEASURE_AUDIT, withPoints);
    });
  }

  /**
   * Upserts points: a period already stored takes the new value. Logged as one update of the
   * measure listing the changed points; the measure's own version is untouched (points are not
   * fields of the measure, and board teams load them from several sources at once).
   */
  putPoints(actor: Actor, id: string, points: readonly PointValue[]): Promise<MeasureView> {
    return this.db.transaction(async (em) => {
      const measure = assertVisible(actor, await this.measures.findForUpdate(em, id), 'measure');
      const stored = await this.pointsOf(em, id);
      const changes = pointChanges(new Map(stored.map((p) => [p.periodStart, p.value])), points);
      if (changes.errors.length) throw new BadRequestException(changes.errors);
      if (changes.after.length) {
        await this.measures.upsertPoints(em, id, changes.after);
        await this.writer.log(
          em,
          actor,
          'update',
          MEASURE_AUDIT,
          measure,
          { points: changes.before },
          { points: changes.after },
        );
      }
      return measureView(measure, await this.pointsOf(em, id));
    });
  }

  /** XmR analysis of the measure's points (SPEC §3), with the measure's direction, target and run lengths. */
  async spc(actor: Actor, id: string, baselinePoints?: number): Promise<MeasureSpcView> {
    const measure = assertVisible(actor, await this.measures.findById(this.db.manager, id), 'measure');
    const result = analyseSpc(await this.pointsOf(this.db.manager, id), {
      improvementDirection: measure.improvementDirection,
      target: measure.target,
      baselinePoints: baselinePoints ?? null,
      trendLength: measure.trendLength,
      shiftLength: measure.shiftLength,
    });
    return {
      measureId: measure.id,
      points: result.points.map(
        ({ periodStart, value, mean, upperProcessLimit, lowerProcessLimit, pointType, rule }) => ({
          periodStart,
          value,
          mean,
          upperProcessLimit,
          lowerProcessLimit,
          pointType,
          rule,
        }),
      ),
      variation: result.variation,
      assurance: result.assurance,
      warnings: result.warnings,
    };
  }

  private async pointsOf(em: EntityManager, id: string): Promise<PointValue[]> {
    return (await this.measures.pointsOf(em, [id])).get(id) ?? [];
  }
}
