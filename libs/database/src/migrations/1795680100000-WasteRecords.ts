import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waste log. CHECK constraints mirror SPEC §2 so no path around the API (imports, seeds, psql)
 * can store a record the API would refuse; "not in the future" depends on the clock and the
 * platform's time zone, so the application checks it.
 */
export class WasteRecords1795680100000 implements MigrationInterface {
  name = 'WasteRecords1795680100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE waste_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trust_id uuid NOT NULL REFERENCES trusts(id),
        value_stream_id uuid REFERENCES value_streams(id) ON DELETE SET NULL,
        map_step_id uuid REFERENCES map_steps(id) ON DELETE SET NULL,
        waste_type text NOT NULL CHECK (waste_type IN
          ('transport', 'inventory', 'motion', 'waiting', 'overproduction', 'overprocessing', 'defects', 'skills')),
        observed_on date NOT NULL CHECK (observed_on >= DATE '2000-01-01'),
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 2000),
        minutes_lost numeric NOT NULL CHECK (minutes_lost >= 0 AND minutes_lost <= 10080),
        occurrences int NOT NULL DEFAULT 1 CHECK (occurrences BETWEEN 1 AND 100000),
        patient_impact text NOT NULL CHECK (patient_impact IN ('none', 'low', 'medium', 'high')),
        status text NOT NULL DEFAULT 'identified' CHECK (status IN
          ('identified', 'countermeasure_planned', 'in_progress', 'eliminated', 'accepted')),
        eliminated_on date,
        improvement_event_id uuid REFERENCES improvement_events(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid,
        CONSTRAINT waste_records_eliminated_on_with_status CHECK ((status = 'eliminated') = (eliminated_on IS NOT NULL)),
        CONSTRAINT waste_records_eliminated_after_observed CHECK (eliminated_on >= observed_on)
      )`);
    // Lists and exports walk (observed_on DESC, id DESC), within a trust or across the programme.
    await q.query(`CREATE INDEX waste_records_trust_observed_idx ON waste_records (trust_id, observed_on, id)`);
    await q.query(`CREATE INDEX waste_records_observed_idx ON waste_records (observed_on, id)`);
    // Rollups read minutes eliminated by eliminated_on; ON DELETE SET NULL needs the link columns indexed.
    await q.query(
      `CREATE INDEX waste_records_trust_eliminated_idx ON waste_records (trust_id, eliminated_on) WHERE eliminated_on IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX waste_records_stream_idx ON waste_records (value_stream_id) WHERE value_stream_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX waste_records_step_idx ON waste_records (map_step_id) WHERE map_step_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX waste_records_event_idx ON waste_records (improvement_event_id) WHERE improvement_event_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE waste_records`);
  }
}
