// The waste log's single-record writes and reads. Every write runs in one transaction with its
// audit entry and the rollup marks of the days it touches (observedOn and eliminatedOn, old and new).
import { Actor, assertVisible, listScope, writeTrust } from '@app/auth';
import { auditChanges, AuditedWriter, AuditTarget } from '@app/audit';
import { Environment } from '@app/config';
import { assertVersion, Page, PageQuery, staleVersion, WasteRecord } from '@app/database';
import {
  completeWasteRow,
  mergeWastePatch,
  todayIn,
  validateWasteRow,
  type WasteFieldError,
  type WasteRowInput,
  type WasteValues,
} from '@app/domain';
import { Bucket, RollupMarks } from '@app/rollups';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { WasteFilter, WasteRecordsRepository } from './waste-records.repository';

export const WASTE_AUDIT: AuditTarget<WasteRecord> = {
  entity: 'waste_record',
  target: WasteRecord,
  trustIdOf: (w) => w.trustId,
};

export type CreateWasteInput = WasteRowInput & { trustId?: string };
export type UpdateWasteInput = WasteRowInput & { version: number };
export type WasteListQuery = PageQuery & Omit<WasteFilter, 'trustId'> & { trustId?: string };

const VALUE_FIELDS = [
  'observedOn',
  'wasteType',
  'description',
  'minutesLost',
  'occurrences',
  'patientImpact',
  'status',
  'eliminatedOn',
  'valueStreamId',
  'mapStepId',
  'improvementEventId',
] as const satisfies readonly (keyof WasteValues)[];

function valuesOf(record: WasteRecord): WasteValues {
  return Object.fromEntries(VALUE_FIELDS.map((field) => [field, record[field]])) as unknown as WasteValues;
}

/** The rollup buckets a record's values touch: its observed day and, once eliminated, that day. */
export function bucketsOf(trustId: string, values: Pick<WasteValues, 'observedOn' | 'eliminatedOn'>): Bucket[] {
  const buckets = [{ trustId, day: values.observedOn }];
  if (values.eliminatedOn) buckets.push({ trustId, day: values.eliminatedOn });
  return buckets;
}

/** A list or export range `from`..`to` must not be inverted. */
export function assertObservedRange(filter: { from?: string; to?: string }): void {
  if (filter.from && filter.to && filter.from > filter.to)
    throw new BadRequestException(['to must not be before from']);
}

function rejectIfInvalid(errors: WasteFieldError[]): void {
  if (errors.length) throw new BadRequestException(errors.map((e) => e.message));
}

@Injectable()
export class WasteRecordsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: WasteRecordsRepository,
    private readonly writer: AuditedWriter,
    private readonly marks: RollupMarks,
    private readonly env: Environment,
  ) {}

  /** Today in the platform's time zone (SPEC §2). */
  today(): string {
    return todayIn(this.env.TZ);
  }

  list(actor: Actor, query: WasteListQuery): Promise<Page<WasteRecord>> {
    const { limit, cursor, trustId, ...filter } = query;
    if (filter.from && filter.to && filter.from > filter.to)
      throw new BadRequestException(['to must not be before from']);
    return this.records.list(this.db.manager, { ...filter, trustId: listScope(actor, trustId) }, { limit, cursor });
  }

  async get(actor: Actor, id: string): Promise<WasteRecord> {
    return assertVisible(actor, await this.records.findById(this.db.manager, id), 'waste record');
  }

  async create(actor: Actor, input: CreateWasteInput): Promise<WasteRecord> {
    const { trustId: requestedTrustId, ...row } = input;
    const trustId = writeTrust(actor, requestedTrustId);
    const today = this.today();
    rejectIfInvalid(validateWasteRow(row, today));
    const values = completeWasteRow(row, today);
    // The record, its audit entry and its marks in one statement; the id is chosen here so the audit
    // changes (every non-null value, as AuditedWriter.create records them) are known before it runs.
    const record = { id: randomUUID(), trustId, ...values };
    const write = (em: EntityManager) =>
      this.records.insertAudited(
        em,
        { ...record, createdBy: actor.id },
        auditChanges(null, record),
        bucketsOf(trustId, values),
      );
    if (actor.trustId === trustId && !values.valueStreamId && !values.mapStepId && !values.improvementEventId) {
      return write(this.db.manager);
    }
    return this.db.transaction(async (em) => {
      if (actor.trustId !== trustId && !(await this.records.trustExists(em, trustId))) {
        throw new BadRequestException([`trustId: no trust ${trustId}`]);
      }
      await this.checkLinks(em, trustId, values);
      return write(em);
    });
  }

  async update(actor: Actor, id: string, input: UpdateWasteInput): Promise<WasteRecord> {
    const { version, ...patch } = input;
    const today = this.today();
    // No transaction: the read decides visibility and the diff, and the one write statement applies
    // only while the record is still at that version (else 409), with its audit entry and marks.
    const em = this.db.manager;
    const current = assertVisible(actor, await this.records.findById(em, id), 'waste record');
    assertVersion(current, version);
    const before = valuesOf(current);
    const merged = mergeWastePatch(before, patch);
    rejectIfInvalid(validateWasteRow(merged, today));
    const after = completeWasteRow(merged, today);
    const changed = VALUE_FIELDS.filter((field) => after[field] !== before[field]);
    if (changed.some((field) => field === 'valueStreamId' || field === 'mapStepId' || field === 'improvementEventId')) {
      await this.checkLinks(em, current.trustId, after);
    }
    const set = Object.fromEntries(changed.map((field) => [field, after[field]])) as Partial<WasteValues>;
    const updated = await this.records.updateAudited(
      em,
      id,
      version,
      actor.id,
      set,
      auditChanges(current, { ...current, ...set }),
      [...bucketsOf(current.trustId, before), ...bucketsOf(current.trustId, after)],
    );
    if (!updated) {
      // Another write won between the read and the update (or a delete did): the one 409 of every service.
      const now = await this.records.findById(em, id);
      throw staleVersion(version, now ? now.version : null);
    }
    return updated;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      // The read only decides visibility (a record never changes trust); the buckets marked are those
      // of the row the DELETE actually removed, which may be newer than this read (SPEC §7 races).
      assertVisible(actor, await this.records.findById(em, id), 'waste record');
      const deleted = await this.writer.removeReturning(em, actor, WASTE_AUDIT, id);
      if (!deleted) throw new NotFoundException('waste record not found');
      await this.marks.touch(em, bucketsOf(deleted.trustId, deleted));
    });
  }

  /** Linked records must belong to the record's trust, and a map step to the record's value stream. */
  private async checkLinks(em: EntityManager, trustId: string, values: WasteValues): Promise<void> {
    const { valueStreamId, mapStepId, improvementEventId } = values;
    if (!valueStreamId && !mapStepId && !improvementEventId) return;
    const found = await this.records.findLinks(em, trustId, { valueStreamId, mapStepId, improvementEventId });
    const errors: string[] = [];
    if (!found.valueStreamFound) errors.push(`valueStreamId: no value stream ${valueStreamId} in the record's trust`);
    if (mapStepId && !found.stepValueStreamId) {
      errors.push(`mapStepId: no map step ${mapStepId} in the record's trust`);
    } else if (mapStepId && valueStreamId && found.stepValueStreamId !== valueStreamId) {
      errors.push(
        `mapStepId: step ${mapStepId} is on a map of another value stream than valueStreamId ${valueStreamId}`,
      );
    }
    if (!found.eventFound)
      errors.push(`improvementEventId: no improvement event ${improvementEventId} in the record's trust`);
    if (errors.length) throw new BadRequestException(errors);
  }
}
