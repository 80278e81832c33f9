// Row-level security for migrations: the application role and the one trust-isolation policy that
// every table with a `trust_id` gets. A migration that creates such a table calls
// `enableTrustRowSecurity(q, 'the_table')` (test/security/row-level-security.e2e-spec.ts fails otherwise).
import type { QueryRunner } from 'typeorm';
import { APP_ROLE } from './scoped-pg-client';

export const TRUST_POLICY = 'trust_isolation';

/** `app.all_trusts` is 'on' for programme and system work. A missing setting reads as NULL: no rows. */
const ALL_TRUSTS = `current_setting('app.all_trusts', true) = 'on'`;
const OWN_TRUST = `trust_id = nullif(current_setting('app.trust_id', true), '')::uuid`;
/** Rows of no trust (the regulator's check-ins, programme users) are readable in any trust scope. */
const NO_TRUST = `(trust_id IS NULL AND nullif(current_setting('app.trust_id', true), '') IS NOT NULL)`;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the cluster-wide application role if it is missing (several databases share a cluster and
 * may migrate at once, so a concurrent creation is not an error) and grants it this database's
 * tables. Default privileges give it the tables later migrations create, too.
 */
export async function grantAppRole(q: QueryRunner): Promise<void> {
  await q.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database's migration created it a moment ago
    END $$`);
  await q.query(`
    DO $$
    BEGIN
      EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ${APP_ROLE}', current_database());
    END $$`);
  await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
  await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
  await q.query(`REVOKE ALL ON TABLE migrations FROM ${APP_ROLE}`);
  await q.query(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
  );
  await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
}

/** The USING and WITH CHECK expressions of a table's policy (exported for the unit test). */
export function trustPolicyExpressions(trustIdNullable: boolean): { using: string; check: string } {
  const check = `${ALL_TRUSTS} OR ${OWN_TRUST}`;
  return { using: trustIdNullable ? `${check} OR ${NO_TRUST}` : check, check };
}

/**
 * ENABLE and FORCE row-level security on `table` with the trust-isolation policy: a trust scope sees
 * and writes its own trust's rows (and reads rows of no trust when `trust_id` is nullable), programme
 * and system scopes see every trust, a session with no scope sees nothing. Idempotent.
 */
export async function enableTrustRowSecurity(q: QueryRunner, table: string): Promise<void> {
  const rows: { is_nullable: string }[] = await q.query(
    `SELECT is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'trust_id'`,
    [table],
  );
  if (!rows.length) throw new Error(`enableTrustRowSecurity: ${table} has no trust_id column`);
  const { using, check } = trustPolicyExpressions(rows[0].is_nullable === 'YES');
  await q.query(`ALTER TABLE ${ident(table)} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${ident(table)} FORCE ROW LEVEL SECURITY`);
  await q.query(`DROP POLICY IF EXISTS ${TRUST_POLICY} ON ${ident(table)}`);
  await q.query(`CREATE POLICY ${TRUST_POLICY} ON ${ident(table)} USING (${using}) WITH CHECK (${check})`);
}

/** Undoes `enableTrustRowSecurity`. */
export async function disableTrustRowSecurity(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP POLICY IF EXISTS ${TRUST_POLICY} ON ${ident(table)}`);
  await q.query(`ALTER TABLE ${ident(table)} NO FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${ident(table)} DISABLE ROW LEVEL SECURITY`);
}

/** Every table of the public schema with a trust_id column. */
export async function tablesWithTrustId(q: QueryRunner): Promise<string[]> {
  const rows: { table_name: string }[] = await q.query(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'trust_id' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name`,
  );
  return rows.map((r) => r.table_name);
}
