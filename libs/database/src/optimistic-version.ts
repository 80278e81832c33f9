// Optimistic concurrency, in one place (SPEC §4: a write carries the `version` it read; a stale one
// answers 409 and changes nothing). Every versioned update goes through `updateVersioned`, directly
// or through AuditedWriter.update; a service that wants to refuse a stale version before doing other
// work calls `assertVersion` first. Both answer the same 409 message, which names `version`.
import { ConflictException } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export type Versioned = ObjectLiteral & { id: string; version: number };

/** The one 409 message for a stale version; `actual` is null when the record is gone. */
export function staleVersionMessage(expected: number, actual: number | null): string {
  const now = actual === null ? 'the record no longer exists' : `the record is at version ${actual}`;
  return `version: ${now}, not ${expected}; reload it and try again`;
}

export function staleVersion(expected: number, actual: number | null): ConflictException {
  return new ConflictException(staleVersionMessage(expected, actual));
}

/**
 * Throws the 409 when the caller's version is not the record's. It also answers versions that can
 * never match (beyond PostgreSQL's int range, which would fail the query) before the database sees
 * them. Not a lock: `updateVersioned`'s WHERE is the atomic check.
 */
export function assertVersion(current: { version: number }, expected: number): void {
  if (expected !== current.version) throw staleVersion(expected, current.version);
}

/**
 * `UPDATE … SET …, version = version + 1, updated_at = now() WHERE id = :id AND version = :expected`
 * inside the caller's transaction, and the row as it is afterwards. A concurrent writer that bumped
 * the version first makes the UPDATE match no row: 409 with the version the record is at now.
 */
export async function updateVersioned<T extends Versioned>(
  em: EntityManager,
  target: EntityTarget<T>,
  current: T,
  expected: number,
  patch: Partial<T>,
): Promise<T> {
  assertVersion(current, expected);
  const result = await em
    .createQueryBuilder()
    .update(target)
    .set({ ...patch, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
    .where('id = :id AND version = :version', { id: current.id, version: expected })
    .execute();
  if (!result.affected) {
    const now = (await em.findOneBy(target, { id: current.id } as never)) as T | null;
    throw staleVersion(expected, now ? now.version : null);
  }
  return (await em.findOneByOrFail(target, { id: current.id } as never)) as T;
}
