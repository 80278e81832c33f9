import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Value streams and their maps, improvement events with metrics and follow-ups, and board
 * measures with their points. CHECK constraints mirror SPEC §2 so no path around the API can
 * store a record the API would refuse.
 */
export class ImprovementRecords1795680000000 implements MigrationInterface {
  name = 'ImprovementRecords1795680000000';

  async up(q: QueryRunner): Promise<void> {
    const audited = `
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid`;

    await q.query(`
      CREATE TABLE value_streams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trust_id uuid NOT NULL REFERENCES trusts(id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        description text CHECK (char_length(description) <= 2000),
        demand_per_day numeric CHECK (demand_per_day > 0),
        available_minutes_per_day numeric CHECK (available_minutes_per_day > 0 AND available_minutes_per_day <= 1440),
        ${audited}
      )`);
    await q.query(`CREATE INDEX value_streams_trust_idx ON value_streams (trust_id, created_at, id)`);
    await q.query(`CREATE INDEX value_streams_created_idx ON value_streams (created_at, id)`);

    await q.query(`
      CREATE TABLE value_stream_maps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trust_id uuid NOT NULL REFERENCES trusts(id),
        value_stream_id uuid NOT NULL REFERENCES value_streams(id) ON DELETE CASCADE,
        state text NOT NULL CHECK (state IN ('current', 'future')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        mapped_on date NOT NULL,
        ${audited}
      )`);
    await q.query(`CREATE INDEX value_stream_maps_stream_idx ON value_stream_maps (value_stream_id, created_at, id)`);

    // Positions are unique per map but checked at commit, so a reorder can swap them in place.
    await q.query(`
      CREATE TABLE map_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        map_id uuid NOT NULL REFERENCES value_stream_maps(id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 1),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        cycle_time_minutes numeric NOT NULL CHECK (cycle_time_minutes >= 0),
        wait_time_minutes numeric NOT NULL CHECK (wait_time_minutes >= 0),
        classification text NOT NULL CHECK (classification IN ('value_added', 'necessary_non_value_added', 'waste')),
        percent_complete_accurate numeric NOT NULL DEFAULT 100 CHECK (percent_complete_accurate BETWEEN 0 AND 100),
        staff int CHECK (staff >= 0),
        CONSTRAINT map_steps_position_key UNIQUE (map_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);

    await q.query(`
      CREATE TABLE improvement_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trust_id uuid NOT NULL REFERENCES trusts(id),
        value_stream_id uuid REFERENCES value_streams(id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('rpiw', 'kaizen', 'everyday_lean_idea', 'pdsa')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        problem_statement text CHECK (char_length(problem_statement) <= 4000),
        start_date date NOT NULL,
        end_date date,
        status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'follow_up', 'sustained', 'closed', 'abandoned')),
        ${audited},
        CONSTRAINT improvement_events_end_after_start CHECK (end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX improvement_events_trust_idx ON improvement_events (trust_id, start_date, id)`);
    await q.query(`CREATE INDEX improvement_events_start_idx ON improvement_events (start_date, id)`);
    await q.query(`CREATE INDEX improvement_events_stream_idx ON improvement_events (value_stream_id)`);

    await q.query(`
      CREATE TABLE event_metrics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES improvement_events(id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 1),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        unit text NOT NULL CHECK (char_length(unit) BETWEEN 1 AND 40),
        direction text NOT NULL CHECK (direction IN ('lower_is_better', 'higher_is_better')),
        baseline numeric NOT NULL,
        target numeric NOT NULL,
        CONSTRAINT event_metrics_position_key UNIQUE (event_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);

    await q.query(`
      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES improvement_events(id) ON DELETE CASCADE,
        trust_id uuid NOT NULL REFERENCES trusts(id),
        checkpoint_day int NOT NULL CHECK (checkpoint_day >= 1),
        measured_on date NOT NULL,
        notes text CHECK (char_length(notes) <= 4000),
        results jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(results) = 'array'),
        ${audited}
      )`);
    await q.query(`CREATE INDEX follow_ups_event_idx ON follow_ups (event_id)`);

    await q.query(`
      CREATE TABLE measures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trust_id uuid NOT NULL REFERENCES trusts(id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        unit text NOT NULL CHECK (char_length(unit) BETWEEN 1 AND 40),
        improvement_direction text NOT NULL CHECK (improvement_direction IN ('up', 'down', 'neither')),
        target numeric,
        trend_length int NOT NULL DEFAULT 7 CHECK (trend_length BETWEEN 5 AND 10),
        shift_length int NOT NULL DEFAULT 7 CHECK (shift_length BETWEEN 5 AND 10),
        ${audited}
      )`);
    await q.query(`CREATE INDEX measures_trust_idx ON measures (trust_id, created_at, id)`);
    await q.query(`CREATE INDEX measures_created_idx ON measures (created_at, id)`);

    await q.query(`
      CREATE TABLE measure_points (
        measure_id uuid NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
        period_start date NOT NULL,
        value numeric NOT NULL,
        PRIMARY KEY (measure_id, period_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE measure_points`);
    await q.query(`DROP TABLE measures`);
    await q.query(`DROP TABLE follow_ups`);
    await q.query(`DROP TABLE event_metrics`);
    await q.query(`DROP TABLE improvement_events`);
    await q.query(`DROP TABLE map_steps`);
    await q.query(`DROP TABLE value_stream_maps`);
    await q.query(`DROP TABLE value_streams`);
  }
}
