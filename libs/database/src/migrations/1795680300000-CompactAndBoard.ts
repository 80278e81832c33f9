import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Compact (commitments and monthly check-ins), board meetings, trust reports and the frozen
 * board pack snapshots. CHECK constraints mirror SPEC §2; a published pack can never be changed or
 * deleted through SQL either (board papers are records).
 */
export class CompactAndBoard1795680300000 implements MigrationInterface {
  name = 'CompactAndBoard1795680300000';

  async up(q: QueryRunner): Promise<void> {
    const audited = `
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid`;
    const month = (column: string) => `${column} text NOT NULL CHECK (${column} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`;

    await q.query(`
      CREATE TABLE compact_commitments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        party text NOT NULL CHECK (party IN ('regulator', 'trust', 'institute', 'all')),
        category text NOT NULL CHECK (category IN ('behaviour', 'responsibility')),
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 1000),
        active boolean NOT NULL DEFAULT true,
        ${audited}
      )`);

    // One check-in per commitment, party and month; the regulator's has no trust, and NULLS NOT
    // DISTINCT makes that null one party rather than any number of them.
    await q.query(`
      CREATE TABLE compact_check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES compact_commitments(id),
        ${month('month')},
        trust_id uuid REFERENCES trusts(id),
        status text NOT NULL CHECK (status IN ('met', 'partly_met', 'not_met')),
        note text CHECK (char_length(note) <= 2000),
        ${audited},
        CONSTRAINT compact_check_ins_party_month_key UNIQUE NULLS NOT DISTINCT (commitment_id, month, trust_id)
      )`);
    await q.query(`CREATE INDEX compact_check_ins_month_idx ON compact_check_ins (month, trust_id)`);

    await q.query(`
      CREATE TABLE board_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${month('month')},
        held_on date,
        publish_requested_at timestamptz(3),
        publish_requested_by uuid,
        published_at timestamptz(3),
        ${audited},
        CONSTRAINT board_meetings_month_key UNIQUE (month),
        CONSTRAINT board_meetings_published_after_request CHECK (published_at IS NULL OR publish_requested_at IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE trust_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES board_meetings(id),
        trust_id uuid NOT NULL REFERENCES trusts(id),
        progress text NOT NULL CHECK (char_length(progress) BETWEEN 1 AND 8000),
        challenges text NOT NULL CHECK (char_length(challenges) BETWEEN 1 AND 8000),
        asks text CHECK (char_length(asks) <= 8000),
        ${audited},
        CONSTRAINT trust_reports_meeting_trust_key UNIQUE (meeting_id, trust_id)
      )`);

    // The pack exactly as published: text, not jsonb, so every later read answers the same bytes.
    await q.query(`
      CREATE TABLE board_pack_snapshots (
        meeting_id uuid PRIMARY KEY REFERENCES board_meetings(id),
        pack text NOT NULL CHECK (jsonb_typeof(pack::jsonb) = 'object'),
        built_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE FUNCTION board_pack_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a published board pack cannot be changed or deleted' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER board_pack_snapshots_immutable BEFORE UPDATE OR DELETE ON board_pack_snapshots
      FOR EACH ROW EXECUTE FUNCTION board_pack_snapshots_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE board_pack_snapshots`);
    await q.query(`DROP FUNCTION board_pack_snapshots_immutable()`);
    await q.query(`DROP TABLE trust_reports`);
    await q.query(`DROP TABLE board_meetings`);
    await q.query(`DROP TABLE compact_check_ins`);
    await q.query(`DROP TABLE compact_commitments`);
  }
}
