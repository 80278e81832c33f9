import { ROLES } from '@app/domain';
import { checkInSideOf, commitmentBinds, monthIsCheckable } from './check-in-rules';

describe('Compact check-in rules', () => {
  it('lets trust CEOs and KPO leads check in for their trust and the regulator for itself, nobody else', () => {
    const sides = Object.fromEntries(ROLES.map((role) => [role, checkInSideOf(role)]));
    expect(sides).toEqual({
      improvement_team: null,
      kpo_lead: 'trust',
      trust_ceo: 'trust',
      regulator: 'regulator',
      admin: null,
    });
  });

  it('binds a side to its own party and to commitments of all, never to another party', () => {
    expect(commitmentBinds('trust', 'trust')).toBe(true);
    expect(commitmentBinds('all', 'trust')).toBe(true);
    expect(commitmentBinds('all', 'regulator')).toBe(true);
    expect(commitmentBinds('regulator', 'regulator')).toBe(true);
    expect(commitmentBinds('regulator', 'trust')).toBe(false);
    expect(commitmentBinds('trust', 'regulator')).toBe(false);
    expect(commitmentBinds('institute', 'trust')).toBe(false);
    expect(commitmentBinds('institute', 'regulator')).toBe(false);
  });

  it('accepts the current and past months, not a future one', () => {
    expect(monthIsCheckable('2024-03', '2024-03')).toBe(true);
    expect(monthIsCheckable('2023-12', '2024-03')).toBe(true);
    expect(monthIsCheckable('2024-04', '2024-03')).toBe(false);
    expect(monthIsCheckable('2025-01', '2024-12')).toBe(false);
  });
});
