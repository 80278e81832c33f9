export const ROLES = ['improvement_team', 'kpo_lead', 'trust_ceo', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
