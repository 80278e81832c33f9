// Whose rows the database lets a piece of code see (SPEC §7 "second wall"). The scope travels with
// the async call chain (AsyncLocalStorage) and the pooled client applies it to the PostgreSQL session
// (see scoped-pg-client.ts); the row-level security policies read it back with current_setting().
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * - `trust`: a trust role's request: that trust's rows (and rows of no trust, e.g. the regulator's
 *   check-ins), writes into that trust only;
 * - `programme`: an admin's or regulator's request: every trust;
 * - `system`: work no signed-in person asked for (sign-in, health, startup, worker jobs, relay, CLI,
 *   seed): every trust, asked for by name with `asSystem`;
 * - `none`: nobody said who the work is for: no trust rows at all (fail closed).
 */
export type RowScope =
  { kind: 'trust'; trustId: string } | { kind: 'programme' } | { kind: 'system'; reason: string } | { kind: 'none' };

export const NO_SCOPE: RowScope = { kind: 'none' };

const storage = new AsyncLocalStorage<RowScope>();

/** The scope of the current call chain; `none` outside any. */
export function currentRowScope(): RowScope {
  return storage.getStore() ?? NO_SCOPE;
}

/** Runs `fn` (and everything it starts) in `scope`. */
export function withRowScope<T>(scope: RowScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * Runs `fn` across every trust for a caller who may see programme-wide results built from every
 * trust's rows (the programme dashboard, the board pack), whatever their own scope. The code asks
 * by name, so a reader can find each such place; `reason` says which.
 */
export function acrossTrusts<T>(reason: string, fn: () => T): T {
  return storage.run({ kind: 'system', reason }, fn);
}

/** Runs `fn` for the whole programme on behalf of no person; `reason` says why, for readers. */
export function asSystem<T>(reason: string, fn: () => T): T {
  return storage.run({ kind: 'system', reason }, fn);
}

/** The two session settings the policies read: `app.all_trusts` ('on'/'off') and `app.trust_id`. */
export interface RowScopeSettings {
  allTrusts: 'on' | 'off';
  trustId: string;
}

export function rowScopeSettings(scope: RowScope): RowScopeSettings {
  switch (scope.kind) {
    case 'trust':
      return { allTrusts: 'off', trustId: scope.trustId };
    case 'programme':
    case 'system':
      return { allTrusts: 'on', trustId: '' };
    case 'none':
      return { allTrusts: 'off', trustId: '' };
  }
}

/** A short key per distinct setting pair, so a client can tell whether it already has them. */
export function rowScopeKey(settings: RowScopeSettings): string {
  return settings.allTrusts === 'on' ? '*' : settings.trustId;
}
