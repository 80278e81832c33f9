// Pure rules for who may manage which accounts (SPEC §1): admins manage everyone; a KPO lead
// manages the accounts of the own trust and can never create or grant admin or regulator.
import type { Actor } from '@app/auth';
import type { Role } from '@app/domain';

const TRUST_ROLES: readonly Role[] = ['improvement_team', 'kpo_lead', 'trust_ceo'];

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
  if (!TRUST_ROLES.includes(role)) return { status: 403, message: `role: a KPO lead may not give the role ${role}` };
  if (trustId !== actor.trustId)
    return { status: 403, message: 'trustId: a KPO lead manages users of the own trust only' };
  return null;
}
