// Who may do what with improvement records (SPEC §1). The regulator reads rollups and board
// packs only, never raw records, so it is in none of these lists.
import type { Role } from '@app/domain';

/** Read every improvement record of the own trust (admin: of every trust). */
export const RECORD_READERS: readonly Role[] = ['improvement_team', 'kpo_lead', 'trust_ceo', 'admin'];

/** Create and edit maps, events, follow-ups and measure points. */
export const RECORD_EDITORS: readonly Role[] = ['improvement_team', 'kpo_lead', 'admin'];

/**
 * The Kaizen Promotion Office: create, edit and delete value streams and measures, and delete
 * any record of the trust.
 */
export const RECORD_MANAGERS: readonly Role[] = ['kpo_lead', 'admin'];
