// Every create, update and delete goes through here, inside the caller's transaction, so the
// audit entry commits or rolls back with the change. Updates check the record's version through
// updateVersioned (@app/database, the one optimistic-concurrency helper): a stale version answers 409
// and changes nothing.
import type { Actor } from '@app/auth';
import { AuditChanges, AuditEntry, updateVersioned, Versioned } from '@app/database';
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget } from 'typeorm';
import { auditChanges } from './diff';

export interface AuditTarget<T> {
  /** The record's kind in singular snake case (SPEC §2 audit entry). */
  entity: string;
  target: EntityTarget<T>;
  /** The owning trust, or null for programme records. */
  trustIdOf: (record: T) => string | null;
}

@Injectable()
export class AuditedWriter {
  async create<T extends Versioned>(
    em: EntityManager,
    actor: Actor,
    on: AuditTarget<T>,
    values: Partial<T>,
  ): Promise<T> {
    const created = await em.save(on.target, em.create(on.target, { ...values, createdBy: actor.id } as never));
    const record = created as unknown as T;
    await this.log(em, actor, 'create', on, record, null, record);
    return record;
  }

  async update<T extends Versioned>(
    em: EntityManager,
    actor: Actor,
    on: AuditTarget<T>,
    current: T,
    expectedVersion: number,
    patch: Partial<T>,
    /** Changes the diff cannot show, e.g. `{ password: 'set' }` for a secret that changed. */
    extra?: AuditChanges,
  ): Promise<T> {
    const updated = await updateVersioned(em, on.target, current, expectedVersion, patch);
    await this.log(em, actor, 'update', on, updated, current, updated, extra);
    return updated;
  }

  async remove<T extends Versioned>(em: EntityManager, actor: Actor, on: AuditTarget<T>, current: T): Promise<void> {
    await em.delete(on.target, { id: current.id } as never);
    await this.log(em, actor, 'delete', on, current, current, null);
  }

  /**
   * Deletes a record with `DELETE … RETURNING *` and answers the row it actually deleted (null when
   * it was already gone), audited as deleted. Callers mark rollup buckets from this answer, not from
   * a row read earlier: a delete racing an update waits for the update's row lock and then returns
   * the updated row, so the buckets it marks are the ones that row counted in. `auditView` shapes
   * the audit entry's before-state (an event with its metrics, for instance).
   */
  async removeReturning<T extends Versioned>(
    em: EntityManager,
    actor: Actor,
    on: AuditTarget<T>,
    id: string,
    auditView: (deleted: T) => object = (deleted) => deleted,
  ): Promise<T | null> {
    if (!em.queryRunner) throw new Error('removeReturning runs inside a transaction');
    const metadata = em.connection.getMetadata(on.target);
    const result = await em.queryRunner.query(
      `DELETE FROM ${em.connection.driver.escape(metadata.tableName)} WHERE id = $1 RETURNING *`,
      [id],
      true,
    );
    const [raw] = (result.records ?? []) as Record<string, unknown>[];
    if (!raw) return null;
    const deleted = metadata.create() as T;
    for (const column of metadata.columns) {
      column.setEntityValue(deleted, em.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
    }
    await this.log(em, actor, 'delete', on, deleted, auditView(deleted), null);
    return deleted;
  }

  /** For writes made outside the three helpers (bulk imports, upserts). */
  async log<T extends Versioned>(
    em: EntityManager,
    actor: Actor,
    action: 'create' | 'update' | 'delete',
    on: AuditTarget<T>,
    record: T,
    before: object | null,
    after: object | null,
    extra?: AuditChanges,
  ): Promise<void> {
    const entry = em.create(AuditEntry, {
      actorId: actor.id,
      action,
      entity: on.entity,
      entityId: record.id,
      trustId: on.trustIdOf(record),
      changes: { ...auditChanges(before, after), ...extra },
    });
    // jsonb column: TypeORM's deep-partial type cannot express `unknown` values.
    await em.insert(AuditEntry, entry as never);
  }
}
