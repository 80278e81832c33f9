// SQL of board meetings, trust reports and published pack snapshots.
import { BoardMeeting, BoardPackSnapshot, Page, PageQuery, paginate, Trust, TrustReport } from '@app/database';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

export interface ReportWithTrust extends TrustReport {
  trustCode: string;
  trustName: string;
}

@Injectable()
export class BoardMeetingsRepository {
  findById(em: EntityManager, id: string): Promise<BoardMeeting | null> {
    return em.getRepository(BoardMeeting).findOneBy({ id });
  }

  /**
   * The meeting locked for the rest of the transaction: `share` for report writers (many at once),
   * `update` for publishing, which waits for them and then keeps them out.
   */
  findLocked(em: EntityManager, id: string, mode: 'share' | 'update'): Promise<BoardMeeting | null> {
    return em
      .getRepository(BoardMeeting)
      .findOne({ where: { id }, lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' } });
  }

  monthTaken(em: EntityManager, month: string): Promise<boolean> {
    return em.getRepository(BoardMeeting).existsBy({ month });
  }

  /** Newest month first. */
  list(em: EntityManager, page: PageQuery): Promise<Page<BoardMeeting>> {
    return paginate(em.getRepository(BoardMeeting).createQueryBuilder('m'), 'm', 'm.month', (m) => m.month, page);
  }

  /** A meeting's reports with their trust's code and name, by trust code. */
  async reportsOf(em: EntityManager, meetingId: string): Promise<ReportWithTrust[]> {
    const reports = await em.getRepository(TrustReport).findBy({ meetingId });
    if (reports.length === 0) return [];
    const trusts = new Map(
      (await em.getRepository(Trust).findBy({ id: In(reports.map((r) => r.trustId)) })).map((t) => [t.id, t]),
    );
    return reports
      .map((r) => ({
        ...r,
        trustCode: trusts.get(r.trustId)?.code ?? '',
        trustName: trusts.get(r.trustId)?.name ?? '',
      }))
      .sort((a, b) => (a.trustCode < b.trustCode ? -1 : a.trustCode > b.trustCode ? 1 : 0));
  }

  findReport(em: EntityManager, meetingId: string, trustId: string): Promise<TrustReport | null> {
    return em.getRepository(TrustReport).findOneBy({ meetingId, trustId });
  }

  /** Serialises writers of one trust's report to one meeting, so two first writes become create + update. */
  async lockReportSlot(em: EntityManager, meetingId: string, trustId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('trust-report:' || $1 || ':' || $2, 0))`, [
      meetingId,
      trustId,
    ]);
  }

  trustExists(em: EntityManager, trustId: string): Promise<boolean> {
    return em.getRepository(Trust).existsBy({ id: trustId });
  }

  /**
   * Meetings whose publishing was asked for more than `olderThanMs` ago and is not done: the
   * request lives here, in PostgreSQL, so a board-pack job lost from Redis is queued again
   * (partial index board_meetings_publish_pending_idx: only the few pending meetings are read).
   */
  pendingPublishes(em: EntityManager, olderThanMs: number): Promise<{ id: string; requestedBy: string }[]> {
    return em.query(
      `SELECT id, publish_requested_by AS "requestedBy" FROM board_meetings
        WHERE publish_requested_at IS NOT NULL AND published_at IS NULL AND publish_requested_by IS NOT NULL
          AND publish_requested_at < clock_timestamp() - $1 * interval '1 millisecond'
        ORDER BY publish_requested_at`,
      [olderThanMs],
    );
  }

  async snapshotText(em: EntityManager, meetingId: string): Promise<string | null> {
    const snapshot = await em.getRepository(BoardPackSnapshot).findOneBy({ meetingId });
    return snapshot?.pack ?? null;
  }

  async insertSnapshot(em: EntityManager, meetingId: string, pack: string): Promise<void> {
    await em.query(`INSERT INTO board_pack_snapshots (meeting_id, pack) VALUES ($1, $2)`, [meetingId, pack]);
  }
}
