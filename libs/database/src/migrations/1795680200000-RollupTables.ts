import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollup tables the dashboards read (SPEC §3 figures per trust and day, and per waste type), the
 * relay's claim column on rollup_marks, and a NOTIFY so the worker's relay wakes on every commit
 * that marks a bucket. Zero buckets are deleted, not kept: a missing day reads as zeros.
 * Rollup rows are derived from raw rows whose trust_id is already a foreign key; they carry none of
 * their own, which would only add a trigger call per row to every full rebuild.
 */
export class RollupTables1795680200000 implements MigrationInterface {
  name = 'RollupTables1795680200000';

  async up(q: QueryRunner): Promise<void> {
    // A mark stays until a job has recomputed its bucket; relayed_at says a job was enqueued for it.
    await q.query(`ALTER TABLE rollup_marks ADD COLUMN relayed_at timestamptz(3)`);
    await q.query(`CREATE INDEX rollup_marks_unrelayed_idx ON rollup_marks (id) WHERE relayed_at IS NULL`);
    // Marks relayed long ago and still here are relayed again; found without scanning a backlog.
    await q.query(`CREATE INDEX rollup_marks_relayed_idx ON rollup_marks (relayed_at) WHERE relayed_at IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION rollup_marks_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('rollup_marks', '');
        RETURN NULL;
      END $$`);
    // Per statement, delivered at commit; Postgres folds identical notifications of one transaction.
    await q.query(`
      CREATE TRIGGER rollup_marks_notify AFTER INSERT ON rollup_marks
      FOR EACH STATEMENT EXECUTE FUNCTION rollup_marks_notify()`);

    await q.query(`
      CREATE TABLE rollup_daily (
        trust_id uuid NOT NULL,
        day date NOT NULL,
        waste_records int NOT NULL DEFAULT 0 CHECK (waste_records >= 0),
        occurrences bigint NOT NULL DEFAULT 0 CHECK (occurrences >= 0),
        minutes_lost numeric NOT NULL DEFAULT 0 CHECK (minutes_lost >= 0),
        minutes_eliminated numeric NOT NULL DEFAULT 0 CHECK (minutes_eliminated >= 0),
        events_completed int NOT NULL DEFAULT 0 CHECK (events_completed >= 0),
        events_sustained int NOT NULL DEFAULT 0 CHECK (events_sustained >= 0 AND events_sustained <= events_completed),
        ideas int NOT NULL DEFAULT 0 CHECK (ideas >= 0),
        computed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (trust_id, day)
      )`);
    // The programme dashboard reads every trust over a date range.
    await q.query(`CREATE INDEX rollup_daily_day_idx ON rollup_daily (day)`);

    await q.query(`
      CREATE TABLE rollup_daily_waste_type (
        trust_id uuid NOT NULL,
        day date NOT NULL,
        waste_type text NOT NULL CHECK (waste_type IN
          ('transport', 'inventory', 'motion', 'waiting', 'overproduction', 'overprocessing', 'defects', 'skills')),
        waste_records int NOT NULL DEFAULT 0 CHECK (waste_records >= 0),
        occurrences bigint NOT NULL DEFAULT 0 CHECK (occurrences >= 0),
        minutes_lost numeric NOT NULL DEFAULT 0 CHECK (minutes_lost >= 0),
        minutes_eliminated numeric NOT NULL DEFAULT 0 CHECK (minutes_eliminated >= 0),
        computed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (trust_id, day, waste_type)
      )`);

    // A bucket job counts a trust's events completed on a day; the events table is indexed by
    // start_date only.
    await q.query(
      `CREATE INDEX improvement_events_trust_end_idx ON improvement_events (trust_id, end_date) WHERE end_date IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX improvement_events_trust_end_idx`);
    await q.query(`DROP TABLE rollup_daily_waste_type`);
    await q.query(`DROP TABLE rollup_daily`);
    await q.query(`DROP TRIGGER rollup_marks_notify ON rollup_marks`);
    await q.query(`DROP FUNCTION rollup_marks_notify()`);
    await q.query(`DROP INDEX rollup_marks_relayed_idx`);
    await q.query(`DROP INDEX rollup_marks_unrelayed_idx`);
    await q.query(`ALTER TABLE rollup_marks DROP COLUMN relayed_at`);
  }
}
