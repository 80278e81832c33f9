// What each role may see and do in the browser (SPEC §1, §4). The API enforces the same rules; the
// app only hides what would answer 403, so nobody is offered a screen they cannot use.
import type { Role } from '@app/domain';

export const ROLE_LABELS: Record<Role, string> = {
  improvement_team: 'Improvement team',
  kpo_lead: 'KPO lead',
  trust_ceo: 'Trust CEO',
  regulator: 'Regulator',
  admin: 'Administrator',
};

/** Raw records (waste log, events, maps, measures): everyone but the regulator. */
export const READ_RECORDS: readonly Role[] = ['improvement_team', 'kpo_lead', 'trust_ceo', 'admin'];
/** Create and edit waste records, events, follow-ups, maps and measure points. */
export const WRITE_RECORDS: readonly Role[] = ['improvement_team', 'kpo_lead', 'admin'];
/** Create, edit and delete value streams and measures; delete any record. */
export const MANAGE_RECORDS: readonly Role[] = ['kpo_lead', 'admin'];
/** The board is a protected space. */
export const BOARD: readonly Role[] = ['trust_ceo', 'regulator', 'admin'];
/** The Compact: the parties that check in (trust CEO and KPO lead for the trust, the regulator) and admin. */
export const COMPACT: readonly Role[] = ['trust_ceo', 'kpo_lead', 'regulator', 'admin'];
export const PROGRAMME_ROLES: readonly Role[] = ['regulator', 'admin'];

export const can = (role: Role, roles: readonly Role[]): boolean => roles.includes(role);

export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['improvement_team', 'kpo_lead', 'trust_ceo', 'regulator', 'admin'];

export const NAV_ITEMS: NavItem[] = [
  { to: '/dashboard', label: 'Trust dashboard', roles: ALL },
  { to: '/programme', label: 'Programme', roles: ALL },
  { to: '/waste', label: 'Waste log', roles: READ_RECORDS },
  { to: '/events', label: 'Events', roles: READ_RECORDS },
  { to: '/value-streams', label: 'Value streams', roles: READ_RECORDS },
  { to: '/measures', label: 'Measures', roles: READ_RECORDS },
  { to: '/board', label: 'Board', roles: BOARD },
  { to: '/compact', label: 'Compact', roles: COMPACT },
];

export function homePath(role: Role): string {
  return role === 'regulator' || role === 'admin' ? '/programme' : '/dashboard';
}
