// Who is calling: taken from a verified token, never from the request body or query.
import type { Role } from '@app/domain';

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The caller's trust for the three trust roles; null for regulator and admin. */
  trustId: string | null;
}

export const TRUST_ROLES: readonly Role[] = ['improvement_team', 'kpo_lead', 'trust_ceo'];
export const PROGRAMME_ROLES: readonly Role[] = ['regulator', 'admin'];
export const ALL_ROLES: readonly Role[] = [...TRUST_ROLES, ...PROGRAMME_ROLES];

export function isTrustRole(role: Role): boolean {
  return TRUST_ROLES.includes(role);
}
