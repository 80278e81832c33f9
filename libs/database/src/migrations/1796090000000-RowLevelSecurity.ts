import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  disableTrustRowSecurity,
  enableTrustRowSecurity,
  grantAppRole,
  tablesWithTrustId,
} from '../row-security/trust-row-security';
import { APP_ROLE } from '../row-security/scoped-pg-client';

/**
 * The second wall (SPEC §7): the application role `kaizen_app` and the trust-isolation policy on
 * every table that has a trust_id when this runs (including tables of migrations merged before it).
 * Later tables call enableTrustRowSecurity themselves.
 */
export class RowLevelSecurity1796090000000 implements MigrationInterface {
  name = 'RowLevelSecurity1796090000000';

  async up(q: QueryRunner): Promise<void> {
    await grantAppRole(q);
    for (const table of await tablesWithTrustId(q)) await enableTrustRowSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of await tablesWithTrustId(q)) await disableTrustRowSecurity(q, table);
    // The role is cluster-wide and other databases may use it: only this database's grants go.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`
      DO $$
      BEGIN
        EXECUTE format('REVOKE ALL ON DATABASE %I FROM ${APP_ROLE}', current_database());
      END $$`);
  }
}
