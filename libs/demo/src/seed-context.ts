import type { EntityManager } from 'typeorm';

export interface SeededTrust {
  id: string;
  code: string;
  name: string;
}

/** What every demo seed step gets: the transaction, the trusts and users made so far, a PRNG. */
export interface SeedContext {
  em: EntityManager;
  /** Today in the platform's time zone (YYYY-MM-DD): demo history ends here. */
  today: string;
  random: () => number;
  trusts: SeededTrust[];
  /** user ids by email */
  users: Map<string, string>;
  log: (message: string) => void;
}

/** One part of the demo data. Steps run in order, in one transaction. */
export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}
