import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity core: users are deactivated, never deleted (`active`), and every access token names a
 * row of `sessions`, the record of who signed in when and how the session ended. Redis keeps the
 * fast copy the API checks on each request (docs/decisions/identity.md).
 */
export class IdentitySessions1796010000000 implements MigrationInterface {
  name = 'IdentitySessions1796010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        ended_at timestamptz(3),
        ended_reason text CHECK (ended_reason IN ('logout', 'deactivated', 'role_changed', 'trust_changed')),
        CONSTRAINT sessions_end_has_reason CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX sessions_open_by_user_idx ON sessions (user_id) WHERE ended_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
    await q.query(`ALTER TABLE users DROP COLUMN active`);
  }
}
