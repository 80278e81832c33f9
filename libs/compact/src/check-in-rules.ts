// Who keeps which Compact commitment (SPEC §1, §2): pure, so the rule is tested without a database.
import type { CompactParty, Role } from '@app/domain';

/** The side of the partnership a role checks in for, or null when the role keeps no check-ins. */
export type CheckInSide = 'trust' | 'regulator';

export function checkInSideOf(role: Role): CheckInSide | null {
  if (role === 'trust_ceo' || role === 'kpo_lead') return 'trust';
  if (role === 'regulator') return 'regulator';
  return null;
}

/** Whether a commitment of `party` binds `side`: its own party's commitments and those of all. */
export function commitmentBinds(party: CompactParty, side: CheckInSide): boolean {
  return party === 'all' || party === side;
}

/**
 * Whether a month may be checked in: any month up to the current one (a party reflects on a month
 * while or after living it, never ahead of it).
 */
export function monthIsCheckable(month: string, currentMonth: string): boolean {
  return month <= currentMonth;
}
