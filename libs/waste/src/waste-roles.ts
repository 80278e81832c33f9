// Who may do what with waste records (SPEC §1). The regulator reads rollups only, never raw records.
import type { Role } from '@app/domain';

/** Read the own trust's waste records (admin: every trust's). */
export const WASTE_READERS: readonly Role[] = ['improvement_team', 'kpo_lead', 'trust_ceo', 'admin'];

/** Create, edit and import waste records. */
export const WASTE_EDITORS: readonly Role[] = ['improvement_team', 'kpo_lead', 'admin'];

/** Delete waste records: the Kaizen Promotion Office deletes any record of its trust. */
export const WASTE_DELETERS: readonly Role[] = ['kpo_lead', 'admin'];
