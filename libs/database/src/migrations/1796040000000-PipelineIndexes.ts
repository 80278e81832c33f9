import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 (pipeline liveness): indexes that serve the reconciliation, the audit-log list and the
 * worker's re-queue of pending board-pack publishing (plans in docs/reliability.md).
 *
 * Reconciliation reads every raw row since a day (`observed_on >= $1`, `eliminated_on >= $1`,
 * `end_date >= $1`, `start_date >= $1`) and every stored rollup row since that day. Each raw scan
 * gets a covering index (the grouped columns INCLUDEd, partial on the rows the figure counts), so it
 * is an index-only range read instead of a scan of the whole history; rollup_daily_waste_type gets
 * its day index (rollup_daily had one).
 *
 * The audit list filters by entity, entity and entityId, or trust, and pages newest first by
 * (at, id): each filter gets an index ending in `at, id`, so a page is one ordered index range read
 * with no sort. The two older indexes (…, at) are replaced by their (…, at, id) versions.
 */
export class PipelineIndexes1796040000000 implements MigrationInterface {
  name = 'PipelineIndexes1796040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX waste_records_observed_cover_idx ON waste_records (observed_on)
         INCLUDE (trust_id, waste_type, occurrences, minutes_lost)`,
    );
    await q.query(
      `CREATE INDEX waste_records_eliminated_cover_idx ON waste_records (eliminated_on)
         INCLUDE (trust_id, waste_type, occurrences, minutes_lost) WHERE status = 'eliminated'`,
    );
    await q.query(
      `CREATE INDEX improvement_events_completed_idx ON improvement_events (end_date)
         INCLUDE (trust_id, status) WHERE status IN ('follow_up', 'sustained', 'closed')`,
    );
    await q.query(
      `CREATE INDEX improvement_events_ideas_idx ON improvement_events (start_date)
         INCLUDE (trust_id) WHERE kind = 'everyday_lean_idea' AND status <> 'abandoned'`,
    );
    await q.query(`CREATE INDEX rollup_daily_waste_type_day_idx ON rollup_daily_waste_type (day)`);

    await q.query(`CREATE INDEX audit_entries_entity_at_idx ON audit_entries (entity, at, id)`);
    await q.query(`CREATE INDEX audit_entries_entity_id_at_idx ON audit_entries (entity, entity_id, at, id)`);
    await q.query(`CREATE INDEX audit_entries_trust_at_idx ON audit_entries (trust_id, at, id)`);
    await q.query(`DROP INDEX audit_entries_entity_idx`);
    await q.query(`DROP INDEX audit_entries_trust_idx`);

    // The few meetings whose publishing was asked for and is not done (the worker polls these).
    await q.query(
      `CREATE INDEX board_meetings_publish_pending_idx ON board_meetings (publish_requested_at)
         WHERE publish_requested_at IS NOT NULL AND published_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX board_meetings_publish_pending_idx`);
    await q.query(`CREATE INDEX audit_entries_trust_idx ON audit_entries (trust_id, at)`);
    await q.query(`CREATE INDEX audit_entries_entity_idx ON audit_entries (entity, entity_id, at)`);
    await q.query(`DROP INDEX audit_entries_trust_at_idx`);
    await q.query(`DROP INDEX audit_entries_entity_id_at_idx`);
    await q.query(`DROP INDEX audit_entries_entity_at_idx`);
    await q.query(`DROP INDEX rollup_daily_waste_type_day_idx`);
    await q.query(`DROP INDEX improvement_events_ideas_idx`);
    await q.query(`DROP INDEX improvement_events_completed_idx`);
    await q.query(`DROP INDEX waste_records_eliminated_cover_idx`);
    await q.query(`DROP INDEX waste_records_observed_cover_idx`);
  }
}
