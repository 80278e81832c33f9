import { Actor, assertVisible, listScope, writeTrust } from '@app/auth';
import { AuditedWriter } from '@app/audit';
import { Page, PageQuery, ValueStream } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EVENT_AUDIT, MAP_AUDIT, VALUE_STREAM_AUDIT } from '../audit-targets';
import { assertTrustExists } from '../trust-check';
import { ImprovementEventRepository } from '../events/improvement-event.repository';
import { MapRepository } from '../maps/map.repository';
import { mapAuditView } from '../maps/map-view';
import { ValueStreamRepository } from './value-stream.repository';

export interface CreateValueStreamInput {
  trustId?: string;
  name: string;
  description?: string | null;
  demandPerDay?: number | null;
  availableMinutesPerDay?: number | null;
}

export interface UpdateValueStreamInput {
  version: number;
  name?: string;
  description?: string | null;
  demandPerDay?: number | null;
  availableMinutesPerDay?: number | null;
}

export interface ValueStreamView {
  id: string;
  trustId: string;
  name: string;
  description: string | null;
  demandPerDay: number | null;
  availableMinutesPerDay: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export function valueStreamView(v: ValueStream): ValueStreamView {
  return {
    id: v.id,
    trustId: v.trustId,
    name: v.name,
    description: v.description,
    demandPerDay: v.demandPerDay,
    availableMinutesPerDay: v.availableMinutesPerDay,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    createdBy: v.createdBy,
  };
}

@Injectable()
export class ValueStreamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly streams: ValueStreamRepository,
    private readonly maps: MapRepository,
    private readonly events: ImprovementEventRepository,
  ) {}

  async list(actor: Actor, query: PageQuery & { trustId?: string }): Promise<Page<ValueStreamView>> {
    const page = await this.streams.list(this.db.manager, listScope(actor, query.trustId), query);
    return { items: page.items.map(valueStreamView), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<ValueStreamView> {
    return valueStreamView(assertVisible(actor, await this.streams.findById(this.db.manager, id), 'value stream'));
  }

  create(actor: Actor, input: CreateValueStreamInput): Promise<ValueStreamView> {
    const trustId = writeTrust(actor, input.trustId);
    return this.db.transaction(async (em) => {
      await assertTrustExists(em, trustId);
      const created = await this.writer.create(em, actor, VALUE_STREAM_AUDIT, {
        trustId,
        name: input.name,
        description: input.description ?? null,
        demandPerDay: input.demandPerDay ?? null,
        availableMinutesPerDay: input.availableMinutesPerDay ?? null,
      });
      return valueStreamView(created);
    });
  }

  update(actor: Actor, id: string, input: UpdateValueStreamInput): Promise<ValueStreamView> {
    return this.db.transaction(async (em) => {
      const current = assertVisible(actor, await this.streams.findById(em, id), 'value stream');
      const patch: Partial<ValueStream> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.description !== undefined) patch.description = input.description;
      if (input.demandPerDay !== undefined) patch.demandPerDay = input.demandPerDay;
      if (input.availableMinutesPerDay !== undefined) patch.availableMinutesPerDay = input.availableMinutesPerDay;
      return valueStreamView(await this.writer.update(em, actor, VALUE_STREAM_AUDIT, current, input.version, patch));
    });
  }

  /**
   * Deletes the value stream with its maps. Events that named it stay, detached (their
   * valueStreamId becomes null, audited as an update of each event).
   */
  remove(actor: Actor, id: string): Promise<void> {
    return this.db.transaction(async (em) => {
      const current = assertVisible(actor, await this.streams.findById(em, id), 'value stream');
      const maps = await this.maps.listAllOfStream(em, id);
      const steps = await this.maps.stepsOf(
        em,
        maps.map((m) => m.id),
      );
      for (const map of maps) {
        await this.writer.remove(em, actor, MAP_AUDIT, mapAuditView(map, steps.get(map.id) ?? []));
      }
      for (const detached of await this.events.detachFromStream(em, id)) {
        await this.writer.log(
          em,
          actor,
          'update',
          EVENT_AUDIT,
          detached,
          { valueStreamId: id },
          { valueStreamId: null },
        );
      }
      await this.writer.remove(em, actor, VALUE_STREAM_AUDIT, current);
    });
  }
}
