import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * minutes_lost holds hundredths of a minute at most (issue 11): numeric(7,2), as the validators now
 * say. A stored value with more places is rounded, and the rollup buckets of such rows are marked so
 * the worker brings the totals in line with the rounded values.
 */
export class MinutesLostHundredths1796030000000 implements MigrationInterface {
  name = 'MinutesLostHundredths1796030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO rollup_marks (trust_id, day)
      SELECT DISTINCT trust_id, d.day
        FROM waste_records w, LATERAL (VALUES (w.observed_on), (w.eliminated_on)) d(day)
       WHERE w.minutes_lost <> round(w.minutes_lost, 2) AND d.day IS NOT NULL`);
    await q.query(`ALTER TABLE waste_records ALTER COLUMN minutes_lost TYPE numeric(7,2) USING round(minutes_lost, 2)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE waste_records ALTER COLUMN minutes_lost TYPE numeric`);
  }
}
