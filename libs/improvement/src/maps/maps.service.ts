import { Actor, assertVisible } from '@app/auth';
import { AuditedWriter } from '@app/audit';
import { MapStep, Page, PageQuery, updateVersioned, ValueStream, ValueStreamMap } from '@app/database';
import { compareMapMetrics, type MapComparison, type MapState } from '@app/domain';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MAP_AUDIT } from '../audit-targets';
import { planReplacement } from '../child-replacement';
import { ValueStreamRepository } from '../value-streams/value-stream.repository';
import { MapRepository, StepValues } from './map.repository';
import { mapAuditView, mapView, MapView } from './map-view';

export interface CreateMapInput {
  state: MapState;
  title: string;
  mappedOn: string;
  steps: StepValues[];
}

export interface UpdateMapInput {
  version: number;
  state?: MapState;
  title?: string;
  mappedOn?: string;
}

export interface ReplaceStepsInput {
  version: number;
  /** The whole new list, in order; a step with the `id` of one of the map's steps keeps that id. */
  steps: Array<StepValues & { id?: string }>;
}

@Injectable()
export class MapsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly maps: MapRepository,
    private readonly streams: ValueStreamRepository,
  ) {}

  async listOfStream(
    actor: Actor,
    valueStreamId: string,
    query: PageQuery & { state?: MapState },
  ): Promise<Page<MapView>> {
    const em = this.db.manager;
    const stream = await this.visibleStream(em, actor, valueStreamId);
    const page = await this.maps.listOfStream(em, valueStreamId, query.state, query);
    const steps = await this.maps.stepsOf(
      em,
      page.items.map((m) => m.id),
    );
    return { items: page.items.map((m) => mapView(m, steps.get(m.id) ?? [], stream)), nextCursor: page.nextCursor };
  }

  get(actor: Actor, id: string): Promise<MapView> {
    return this.read(this.db.manager, actor, id).then(({ view }) => view);
  }

  create(actor: Actor, valueStreamId: string, input: CreateMapInput): Promise<MapView> {
    return this.db.transaction(async (em) => {
      const stream = await this.visibleStream(em, actor, valueStreamId);
      // Saved directly rather than through AuditedWriter.create, so the one audit entry of the
      // create can hold the steps too (logged through AuditedWriter.log below).
      const map = await em.save(
        em.create(ValueStreamMap, {
          trustId: stream.trustId,
          valueStreamId: stream.id,
          state: input.state,
          title: input.title,
          mappedOn: input.mappedOn,
          createdBy: actor.id,
        }),
      );
      await this.maps.insertSteps(
        em,
        map.id,
        input.steps.map((step, i) => ({ position: i + 1, step })),
      );
      const steps = await this.stepsOf(em, map.id);
      await this.writer.log(em, actor, 'create', MAP_AUDIT, map, null, mapAuditView(map, steps));
      return mapView(map, steps, stream);
    });
  }

  update(actor: Actor, id: string, input: UpdateMapInput): Promise<MapView> {
    return this.db.transaction(async (em) => {
      const { map, stream, steps } = await this.read(em, actor, id);
      const patch: Partial<ValueStreamMap> = {};
      if (input.state !== undefined) patch.state = input.state;
      if (input.title !== undefined) patch.title = input.title;
      if (input.mappedOn !== undefined) patch.mappedOn = input.mappedOn;
      const updated = await this.writer.update(em, actor, MAP_AUDIT, map, input.version, patch);
      return mapView(updated, steps, stream);
    });
  }

  replaceSteps(actor: Actor, id: string, input: ReplaceStepsInput): Promise<MapView> {
    return this.db.transaction(async (em) => {
      const { map, stream, steps: before } = await this.read(em, actor, id);
      const plan = planReplacement(
        'steps',
        before.map((s) => s.id),
        input.steps,
      );
      if (plan.errors.length) throw new BadRequestException(plan.errors);
      // The version check comes first: a stale writer must not have its steps applied.
      const updated = await updateVersioned(em, ValueStreamMap, map, input.version, {});
      await this.maps.deleteSteps(em, map.id, plan.removedIds);
      await this.maps.updateSteps(
        em,
        map.id,
        plan.items
          .filter((p) => p.id !== null)
          .map((p) => ({ id: p.id as string, position: p.position, step: p.item })),
      );
      await this.maps.insertSteps(
        em,
        map.id,
        plan.items.filter((p) => p.id === null).map((p) => ({ position: p.position, step: p.item })),
      );
      const after = await this.stepsOf(em, map.id);
      await this.writer.log(
        em,
        actor,
        'update',
        MAP_AUDIT,
        updated,
        { steps: mapAuditView(map, before).steps },
        { steps: mapAuditView(updated, after).steps },
      );
      return mapView(updated, after, stream);
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.db.transaction(async (em) => {
      const { map, steps } = await this.read(em, actor, id);
      await this.writer.remove(em, actor, MAP_AUDIT, mapAuditView(map, steps));
    });
  }

  /** How each figure moved from map `id` to map `otherId`; both must map one value stream. */
  async compare(actor: Actor, id: string, otherId: string): Promise<MapComparison> {
    const em = this.db.manager;
    const from = await this.read(em, actor, id);
    const to = await this.read(em, actor, otherId);
    if (from.map.valueStreamId !== to.map.valueStreamId) {
      throw new BadRequestException([
        `otherId must be a map of the same value stream as map ${id} (value stream ${from.map.valueStreamId})`,
      ]);
    }
    return compareMapMetrics(from.view.metrics, to.view.metrics);
  }

  private async read(
    em: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{ map: ValueStreamMap; stream: ValueStream; steps: MapStep[]; view: MapView }> {
    const map = assertVisible(actor, await this.maps.findById(em, id), 'map');
    const stream = await this.streams.findById(em, map.valueStreamId);
    if (!stream) throw new Error(`map ${map.id} has no value stream ${map.valueStreamId}`);
    const steps = await this.stepsOf(em, map.id);
    return { map, stream, steps, view: mapView(map, steps, stream) };
  }

  private async stepsOf(em: EntityManager, mapId: string): Promise<MapStep[]> {
    return (await this.maps.stepsOf(em, [mapId])).get(mapId) ?? [];
  }

  private async visibleStream(em: EntityManager, actor: Actor, valueStreamId: string): Promise<ValueStream> {
    return assertVisible(actor, await this.streams.findById(em, valueStreamId), 'value stream');
  }
}
