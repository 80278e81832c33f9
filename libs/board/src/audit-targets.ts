import type { AuditTarget } from '@app/audit';
import { BoardMeeting, TrustReport } from '@app/database';

export const BOARD_MEETING_AUDIT: AuditTarget<BoardMeeting> = {
  entity: 'board_meeting',
  target: BoardMeeting,
  trustIdOf: () => null,
};

export const TRUST_REPORT_AUDIT: AuditTarget<TrustReport> = {
  entity: 'trust_report',
  target: TrustReport,
  trustIdOf: (r) => r.trustId,
};
