import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dirty rollup buckets, written in the same transaction as the change that touched them. */
export class RollupMarks1795677600000 implements MigrationInterface {
  name = 'RollupMarks1795677600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rollup_marks (
        id bigserial PRIMARY KEY,
        trust_id uuid NOT NULL,
        day date NOT NULL,
        marked_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX rollup_marks_bucket_idx ON rollup_marks (trust_id, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rollup_marks`);
  }
}
