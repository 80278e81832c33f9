import { MigrationInterface, QueryRunner } from 'typeorm';

/** Trusts, users and the audit trail: the tables every later feature stands on. */
export class Foundation1795677024899 implements MigrationInterface {
  name = 'Foundation1795677024899';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trusts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (char_length(code) BETWEEN 3 AND 10),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid
      )`);
    await q.query(`CREATE UNIQUE INDEX trusts_code_key ON trusts (upper(code))`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('improvement_team','kpo_lead','trust_ceo','regulator','admin')),
        trust_id uuid REFERENCES trusts(id),
        password_hash text NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid,
        CONSTRAINT users_trust_matches_role CHECK (
          (role IN ('improvement_team','kpo_lead','trust_ceo')) = (trust_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_trust_idx ON users (trust_id)`);
    await q.query(`
      CREATE TABLE audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid,
        action text NOT NULL CHECK (action IN ('create','update','delete')),
        entity text NOT NULL,
        entity_id uuid NOT NULL,
        trust_id uuid,
        changes jsonb NOT NULL,
        at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX audit_entries_entity_idx ON audit_entries (entity, entity_id, at)`);
    await q.query(`CREATE INDEX audit_entries_trust_idx ON audit_entries (trust_id, at)`);
    await q.query(`CREATE INDEX audit_entries_at_idx ON audit_entries (at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE trusts`);
  }
}
