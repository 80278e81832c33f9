// The version-checked UPDATE of AuditedWriter.update, for writes that also replace a record's
// children (a map's steps, an event's metrics): the caller logs one audit entry covering the
// record and its children through AuditedWriter.log, instead of one entry for the row alone.
import { ConflictException } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export async function updateVersioned<T extends ObjectLiteral & { id: string; version: number }>(
  em: EntityManager,
  target: EntityTarget<T>,
  current: T,
  expectedVersion: number,
  patch: Partial<T>,
): Promise<T> {
  // The UPDATE's WHERE is the atomic check; this one answers a version that cannot match (stale, or
  // beyond PostgreSQL's int range, which would fail the query) before the database sees it.
  if (expectedVersion !== current.version) {
    throw new ConflictException(
      `version: the record is at version ${current.version}, not ${expectedVersion}; reload it and try again`,
    );
  }
  const result = await em
    .createQueryBuilder()
    .update(target)
    .set({ ...patch, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
    .where('id = :id AND version = :version', { id: current.id, version: expectedVersion })
    .execute();
  if (!result.affected) {
    throw new ConflictException(
      `version: the record is at version ${current.version}, not ${expectedVersion}; reload it and try again`,
    );
  }
  return (await em.findOneByOrFail(target, { id: current.id } as never)) as T;
}
