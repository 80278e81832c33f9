import { ConflictException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertVersion, staleVersionMessage, updateVersioned } from './optimistic-version';

interface Row {
  id: string;
  version: number;
  name: string;
}

/**
 * An in-memory table behind the three EntityManager calls the helper makes: the UPDATE applies its
 * SET only when the WHERE's id and version match the stored row, as PostgreSQL would.
 */
function tableOf(row: Row | null): { em: EntityManager; stored: () => Row | null; updates: () => number } {
  let stored = row ? { ...row } : null;
  let updates = 0;
  const em = {
    createQueryBuilder: () => {
      let set: Record<string, unknown> = {};
      let params: { id: string; version: number } = { id: '', version: -1 };
      const qb = {
        update: () => qb,
        set: (values: Record<string, unknown>) => ((set = values), qb),
        where: (_: string, p: typeof params) => ((params = p), qb),
        execute: () => {
          updates += 1;
          if (!stored || stored.id !== params.id || stored.version !== params.version) return { affected: 0 };
          const next = { ...stored } as Record<string, unknown>;
          for (const [key, value] of Object.entries(set)) {
            if (key === 'version') next.version = stored.version + 1;
            else if (typeof value !== 'function') next[key] = value;
          }
          stored = next as unknown as Row;
          return { affected: 1 };
        },
      };
      return qb;
    },
    findOneBy: (_: unknown, where: { id: string }) => (stored && stored.id === where.id ? { ...stored } : null),
    findOneByOrFail: (_: unknown, where: { id: string }) => {
      if (!stored || stored.id !== where.id) throw new Error('not found');
      return { ...stored };
    },
  } as unknown as EntityManager;
  return { em, stored: () => stored, updates: () => updates };
}

const ROW: Row = { id: 'a', version: 3, name: 'before' };

async function conflictOf(p: Promise<unknown>): Promise<ConflictException> {
  const error: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictException);
  return error as ConflictException;
}

describe('optimistic version', () => {
  it('names version, both numbers and what to do, in one message', () => {
    expect(staleVersionMessage(2, 5)).toBe('version: the record is at version 5, not 2; reload it and try again');
    expect(staleVersionMessage(2, null)).toBe('version: the record no longer exists, not 2; reload it and try again');
  });

  it('assertVersion passes the current version and answers 409 for any other', () => {
    expect(() => assertVersion({ version: 3 }, 3)).not.toThrow();
    for (const stale of [2, 4, 0, 2 ** 31, -1]) {
      expect(() => assertVersion({ version: 3 }, stale)).toThrow(ConflictException);
    }
    try {
      assertVersion({ version: 3 }, 1);
    } catch (e) {
      expect((e as ConflictException).getStatus()).toBe(409);
      expect((e as ConflictException).message).toBe(staleVersionMessage(1, 3));
    }
  });

  it('applies the patch and bumps the version by one when the version matches', async () => {
    const t = tableOf(ROW);
    const updated = await updateVersioned(t.em, 'rows', ROW, 3, { name: 'after' });
    expect(updated).toEqual({ id: 'a', version: 4, name: 'after' });
    expect(t.stored()).toEqual(updated);
  });

  it('refuses a stale version before writing anything', async () => {
    const t = tableOf(ROW);
    const error = await conflictOf(updateVersioned(t.em, 'rows', ROW, 2, { name: 'after' }));
    expect(error.message).toBe(staleVersionMessage(2, 3));
    expect(t.updates()).toBe(0);
    expect(t.stored()).toEqual(ROW);
  });

  it('answers 409 with the newer version when another writer got there between read and write', async () => {
    // The caller read version 3, but the stored row is already at 4 (a concurrent update committed).
    const t = tableOf({ id: 'a', version: 4, name: 'theirs' });
    const error = await conflictOf(updateVersioned(t.em, 'rows', ROW, 3, { name: 'mine' }));
    expect(error.message).toBe(staleVersionMessage(3, 4));
    expect(t.stored()).toEqual({ id: 'a', version: 4, name: 'theirs' });
  });

  it('answers 409 when the record was deleted between read and write', async () => {
    const t = tableOf(null);
    const error = await conflictOf(updateVersioned(t.em, 'rows', ROW, 3, { name: 'mine' }));
    expect(error.message).toBe(staleVersionMessage(3, null));
  });
});
