import { Actor, assertVisible, listScope, writeTrust } from '@app/auth';
import { AuditedWriter } from '@app/audit';
import { EventMetric, ImprovementEvent, Page, PageQuery, updateVersioned } from '@app/database';
import type { EventKind, EventStatus } from '@app/domain';
import { RollupMarks } from '@app/rollups';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_AUDIT, FOLLOW_UP_AUDIT } from '../audit-targets';
import { assertTrustExists } from '../trust-check';
import { planReplacement } from '../child-replacement';
import { endDateError, eventBuckets, followUpResultErrors } from '../event-rules';
import { ValueStreamRepository } from '../value-streams/value-stream.repository';
import { eventAuditView, eventView, EventView, followUpView, FollowUpView } from './event-view';
import { EventFilter, ImprovementEventRepository, MetricValues } from './improvement-event.repository';

export interface CreateEventInput {
  trustId?: string;
  valueStreamId?: string | null;
  kind: EventKind;
  title: string;
  problemStatement?: string | null;
  startDate: string;
  endDate?: string | null;
  status?: EventStatus;
  metrics?: MetricValues[];
}

export interface UpdateEventInput {
  version: number;
  valueStreamId?: string | null;
  kind?: EventKind;
  title?: string;
  problemStatement?: string | null;
  startDate?: string;
  endDate?: string | null;
  status?: EventStatus;
  /** The whole new list; a metric with the `id` of one of the event's metrics keeps that id. */
  metrics?: Array<MetricValues & { id?: string }>;
}

export interface CreateFollowUpInput {
  checkpointDay: number;
  measuredOn: string;
  results: Array<{ metricId: string; value: number }>;
  notes?: string | null;
}

export type EventListQuery = PageQuery & Omit<EventFilter, 'trustId'> & { trustId?: string };

@Injectable()
export class ImprovementEventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: AuditedWriter,
    private readonly marks: RollupMarks,
    private readonly events: ImprovementEventRepository,
    private readonly streams: ValueStreamRepository,
  ) {}

  async list(actor: Actor, query: EventListQuery): Promise<Page<EventView>> {
    const filter: EventFilter = {
      trustId: listScope(actor, query.trustId),
      valueStreamId: query.valueStreamId,
      kind: query.kind,
      status: query.status,
    };
    const page = await this.events.list(this.db.manager, filter, query);
    return { items: await this.views(this.db.manager, page.items), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<EventView> {
    const event = assertVisible(actor, await this.events.findById(this.db.manager, id), 'improvement event');
    return this.view(this.db.manager, event);
  }

  create(actor: Actor, input: CreateEventInput): Promise<EventView> {
    const trustId = writeTrust(actor, input.trustId);
    const endError = endDateError(input.startDate, input.endDate);
    if (endError) throw new BadRequestException([endError]);
    return this.db.transaction(async (em) => {
      await assertTrustExists(em, trustId);
      await this.checkValueStream(em, trustId, input.valueStreamId);
      // Saved directly so the one audit entry of the create holds the metrics too.
      const event = await em.save(
        em.create(ImprovementEvent, {
          trustId,
          valueStreamId: input.valueStreamId ?? null,
          kind: input.kind,
          title: input.title,
          problemStatement: input.problemStatement ?? null,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          status: input.status ?? 'planned',
          createdBy: actor.id,
        }),
      );
      await this.events.insertMetrics(
        em,
        event.id,
        (input.metrics ?? []).map((metric, i) => ({ position: i + 1, metric })),
      );
      const metrics = await this.metricsOf(em, event.id);
      await this.writer.log(em, actor, 'create', EVENT_AUDIT, event, null, eventAuditView(event, metrics));
      await this.marks.touch(em, eventBuckets(event));
      return eventView(event, metrics, [], []);
    });
  }

  update(actor: Actor, id: string, input: UpdateEventInput): Promise<EventView> {
    return this.db.transaction(async (em) => {
      const current = assertVisible(actor, await this.events.findById(em, id), 'improvement event');
      const startDate = input.startDate ?? current.startDate;
      const endDate = input.endDate !== undefined ? input.endDate : current.endDate;
      const endError = endDateError(startDate, endDate);
      if (endError) throw new BadRequestException([endError]);
      if (input.valueStreamId) await this.checkValueStream(em, current.trustId, input.valueStreamId);
      const before = await this.metricsOf(em, id);
      const plan = input.metrics
        ? planReplacement(
            'metrics',
            before.map((m) => m.id),
            input.metrics,
          )
        : null;
      if (plan?.errors.length) throw new BadRequestException(plan.errors);

      const patch: Partial<ImprovementEvent> = {};
      if (input.valueStreamId !== undefined) patch.valueStreamId = input.valueStreamId;
      if (input.kind !== undefined) patch.kind = input.kind;
      if (input.title !== undefined) patch.title = input.title;
      if (input.problemStatement !== undefined) patch.problemStatement = input.problemStatement;
      if (input.startDate !== undefined) patch.startDate = input.startDate;
      if (input.endDate !== undefined) patch.endDate = input.endDate;
      if (input.status !== undefined) patch.status = input.status;
      // Version-checked first: a stale writer changes neither the event nor its metrics.
      const updated = await updateVersioned(em, ImprovementEvent, current, input.version, patch);
      if (plan) {
        await this.events.deleteMetrics(em, id, plan.removedIds);
        await this.events.updateMetrics(
          em,
          id,
          plan.items
            .filter((p) => p.id !== null)
            .map((p) => ({ id: p.id as string, position: p.position, metric: p.item })),
        );
        await this.events.insertMetrics(
          em,
          id,
          plan.items.filter((p) => p.id === null).map((p) => ({ position: p.position, metric: p.item })),
        );
      }
      const after = plan ? await this.metricsOf(em, id) : before;
      await this.writer.log(
        em,
        actor,
        'update',
        EVENT_AUDIT,
        updated,
        eventAuditView(current, before),
        eventAuditView(updated, after),
      );
      await this.marks.touch(em, eventBuckets(current, updated));
      return this.view(em, updated, after);
    });
  }

  /** Deletes the event with its metrics and follow-ups (each follow-up audited as deleted too). */
  remove(actor: Actor, id: string): Promise<void> {
    return this.db.transaction(async (em) => {
      const current = assertVisible(actor, await this.events.findById(em, id), 'improvement event');
      const metrics = await this.metricsOf(em, id);
      const followUps = (await this.events.followUpsOf(em, [id])).get(id) ?? [];
      for (const followUp of followUps) {
        await this.writer.log(em, actor, 'delete', FOLLOW_UP_AUDIT, followUp, followUpView(followUp), null);
      }
      // DELETE … RETURNING: the buckets marked are those of the row actually deleted, which a racing
      // update may have moved since `current` was read (SPEC §7 races).
      const deleted = await this.writer.removeReturning(em, actor, EVENT_AUDIT, current.id, (row) =>
        eventAuditView(row, metrics),
      );
      if (!deleted) throw new NotFoundException('improvement event not found');
      await this.marks.touch(em, eventBuckets(deleted));
    });
  }

  addFollowUp(actor: Actor, eventId: string, input: CreateFollowUpInput): Promise<FollowUpView> {
    return this.db.transaction(async (em) => {
      // Locked so the event's metrics cannot change between the check below and the insert.
      const event = assertVisible(actor, await this.events.findForShare(em, eventId), 'improvement event');
      const metrics = await this.metricsOf(em, eventId);
      const errors = followUpResultErrors(
        metrics.map((m) => m.id),
        input.results,
      );
      if (errors.length) throw new BadRequestException(errors);
      const followUp = await this.writer.create(em, actor, FOLLOW_UP_AUDIT, {
        eventId,
        trustId: event.trustId,
        checkpointDay: input.checkpointDay,
        measuredOn: input.measuredOn,
        notes: input.notes ?? null,
        results: input.results.map(({ metricId, value }) => ({ metricId, value })),
      });
      return followUpView(followUp);
    });
  }

  private async checkValueStream(
    em: EntityManager,
    trustId: string,
    valueStreamId: string | null | undefined,
  ): Promise<void> {
    if (!valueStreamId) return;
    const stream = await this.streams.findById(em, valueStreamId);
    if (!stream || stream.trustId !== trustId) {
      throw new BadRequestException([`valueStreamId: no value stream ${valueStreamId} in the event's trust`]);
    }
  }

  private async metricsOf(em: EntityManager, eventId: string): Promise<EventMetric[]> {
    return (await this.events.metricsOf(em, [eventId])).get(eventId) ?? [];
  }

  private async view(em: EntityManager, event: ImprovementEvent, metrics?: EventMetric[]): Promise<EventView> {
    const [view] = await this.views(em, [event], metrics ? new Map([[event.id, metrics]]) : undefined);
    return view;
  }

  private async views(
    em: EntityManager,
    events: readonly ImprovementEvent[],
    knownMetrics?: Map<string, EventMetric[]>,
  ): Promise<EventView[]> {
    const ids = events.map((e) => e.id);
    const metrics = knownMetrics ?? (await this.events.metricsOf(em, ids));
    const followUps = await this.events.followUpsOf(em, ids);
    const waste = await this.events.wasteRecordsOf(em, ids);
    return events.map((e) => eventView(e, metrics.get(e.id) ?? [], followUps.get(e.id) ?? [], waste.get(e.id) ?? []));
  }
}
