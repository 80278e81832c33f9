// The pg client every application pool uses: before a query runs in a row scope the session does not
// have yet, it queues one `set_config` for the policies to read. A client that already has the scope
// sends nothing extra, so a pool serving one trust pays no round trip per request.
import { Client } from 'pg';
import { currentRowScope, rowScopeKey, rowScopeSettings } from './row-scope';

/** The role the API and the worker run their queries as: no table owner, no BYPASSRLS. */
export const APP_ROLE = 'kaizen_app';

/** Session-level (not LOCAL): set between transactions it survives COMMIT, and the cache knows it. */
const SET_SCOPE = `SELECT set_config('app.all_trusts', $1, false), set_config('app.trust_id', $2, false)`;

type QueryFn = (this: Client, ...args: unknown[]) => unknown;

export class ScopedPgClient extends Client {
  /** The scope key the session has for sure; undefined when unknown. */
  appliedScope: string | undefined;
  /** The last set_config ran inside a transaction: a ROLLBACK would undo it. */
  scopeSetInTransaction = false;
}

const baseQuery = Client.prototype.query as unknown as QueryFn;

function transactionStatus(client: Client): string | null {
  return (client as unknown as { getTransactionStatus(): string | null }).getTransactionStatus();
}

(ScopedPgClient.prototype as unknown as { query: (this: ScopedPgClient, ...args: unknown[]) => unknown }).query =
  function scopedQuery(this: ScopedPgClient, ...args: unknown[]): unknown {
    const status = transactionStatus(this);
    if (this.scopeSetInTransaction && status === 'I') {
      // The transaction that set the scope is over (committed or rolled back): no longer sure.
      this.scopeSetInTransaction = false;
      this.appliedScope = undefined;
    }
    const settings = rowScopeSettings(currentRowScope());
    const key = rowScopeKey(settings);
    if (key !== this.appliedScope) {
      this.appliedScope = key;
      this.scopeSetInTransaction = status !== 'I';
      // Queued ahead of the caller's query on this connection, so it runs first.
      (baseQuery.call(this, SET_SCOPE, [settings.allTrusts, settings.trustId]) as Promise<unknown>).then(
        () => {
          // What the server said after the set_config ran: 'I' means it is committed for the session.
          this.scopeSetInTransaction = transactionStatus(this) !== 'I';
        },
        () => {
          // The caller's query fails with the same connection or transaction error; try again next time.
          this.appliedScope = undefined;
        },
      );
    }
    return baseQuery.apply(this, args);
  };
