import type { AuditTarget } from '@app/audit';
import { CompactCheckIn, CompactCommitment } from '@app/database';

export const COMMITMENT_AUDIT: AuditTarget<CompactCommitment> = {
  entity: 'compact_commitment',
  target: CompactCommitment,
  trustIdOf: () => null,
};

export const CHECK_IN_AUDIT: AuditTarget<CompactCheckIn> = {
  entity: 'compact_check_in',
  target: CompactCheckIn,
  trustIdOf: (c) => c.trustId,
};
