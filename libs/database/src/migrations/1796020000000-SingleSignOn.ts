import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on: users who only sign in through OpenID Connect have no password, are linked to the
 * provider by (issuer, sub), and admin-managed rules map a provider's claims to a role and trust.
 */
export class SingleSignOn1796020000000 implements MigrationInterface {
  name = 'SingleSignOn1796020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    // The identity work adds the same column; whichever migration runs first creates it.
    await q.query(`ALTER TABLE users ADD COLUMN IF NOT EXISTS active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE users ADD COLUMN oidc_issuer text, ADD COLUMN oidc_subject text`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_oidc_link_complete
      CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX users_oidc_subject_key ON users (oidc_issuer, oidc_subject)
      WHERE oidc_subject IS NOT NULL`);
    await q.query(`
      CREATE TABLE oidc_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigserial NOT NULL,
        claim text NOT NULL CHECK (char_length(claim) BETWEEN 1 AND 200),
        equals text NOT NULL CHECK (char_length(equals) BETWEEN 1 AND 500),
        role text NOT NULL CHECK (role IN ('improvement_team','kpo_lead','trust_ceo','regulator','admin')),
        trust_id uuid REFERENCES trusts(id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid,
        CONSTRAINT oidc_rules_trust_matches_role CHECK (
          (role IN ('improvement_team','kpo_lead','trust_ceo')) = (trust_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX oidc_rules_position_key ON oidc_rules (position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_rules`);
    await q.query(`DROP INDEX users_oidc_subject_key`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_oidc_link_complete`);
    await q.query(`ALTER TABLE users DROP COLUMN oidc_subject, DROP COLUMN oidc_issuer`);
    // `active` may belong to the identity migration too, and passwordless users cannot get a hash back.
  }
}
