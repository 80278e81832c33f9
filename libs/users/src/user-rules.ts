// Pure rules for who may manage which accounts (SPEC §1, §6): admins manage everyone; a KPO lead
// creates and edits only improvement_team and kpo_lead accounts of the own trust (never the CEO,
// never admin or regulator), and can give only those two roles.
import type { Actor } from '@app/auth';
import type { Role } from '@app/domain';

const TRUST_ROLES: readonly Role[] = ['improvement_team', 'kpo_lead', 'trust_ceo'];
/** The roles a KPO lead manages. */
export const KPO_MANAGED_ROLES: readonly Role[] = ['improvement_team', 'kpo_lead'];

export type RuleBreach = { status: 400 | 403; message: string } | null;

export function checkAccountShape(role: Role, trustId: string | null | undefined): RuleBreach {
  const needsTrust = TRUST_ROLES.includes(role);
  if (needsTrust && !trustId) return { status: 400, message: `trustId is required for role ${role}` };
  if (!needsTrust && trustId) return { status: 400, message: `trustId must be empty for role ${role}` };
  return null;
}

export function checkManage(actor: Actor, role: Role, trustId: string | null | undefined): RuleBreach {
  if (actor.role === 'admin') return null;
  if (actor.role !== 'kpo_lead') return { status: 403, message: `role ${actor.role} may not manage users` };
  if (!KPO_MANAGED_ROLES.includes(role))
    return { status: 403, message: `role: a KPO lead manages only improvement_team and kpo_lead users, not ${role}` };
  if (trustId !== actor.trustId)
    return { status: 403, message: 'trustId: a KPO lead manages users of the own trust only' };
  return null;
}

/**
 * Why a user's sessions must end after an update, or null: deactivation, or a new role or trust
 * (their tokens carry the old ones).
 */
export function sessionEndReason(
  before: { active: boolean; role: Role; trustId: string | null },
  after: { active: boolean; role: Role; trustId: string | null },
): 'deactivated' | 'role_changed' | 'trust_changed' | null {
  if (before.active && !after.active) return 'deactivated';
  if (before.role !== after.role) return 'role_changed';
  if ((before.trustId ?? null) !== (after.trustId ?? null)) return 'trust_changed';
  return null;
}
