import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Actor } from './actor';
import { assertVisible, listScope, readScope, rowScopeOf, writeTrust } from './trust-scope';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const team: Actor = { id: 'u1', email: 't@x', name: 'T', role: 'improvement_team', trustId: A };
const admin: Actor = { id: 'u2', email: 'a@x', name: 'A', role: 'admin', trustId: null };

describe('trust scope', () => {
  it('confines trust roles to their own trust and lets programme roles read across', () => {
    expect(readScope(team)).toBe(A);
    expect(readScope(admin)).toBeNull();
    expect(listScope(admin, B)).toBe(B);
    expect(listScope(team, A)).toBe(A);
    expect(listScope(team, B)).not.toBe(B);
  });

  it("answers 404 for another trust's record", () => {
    expect(() => assertVisible(team, { trustId: B }, 'waste record')).toThrow(NotFoundException);
    expect(assertVisible(team, { trustId: A }, 'waste record')).toEqual({ trustId: A });
    expect(assertVisible(admin, { trustId: B }, 'waste record')).toEqual({ trustId: B });
    expect(() => assertVisible(admin, null, 'waste record')).toThrow(NotFoundException);
  });

  it('answers 403 for writing into another trust and asks programme roles to name one', () => {
    expect(() => writeTrust(team, B)).toThrow(ForbiddenException);
    expect(writeTrust(team, undefined)).toBe(A);
    expect(writeTrust(admin, B)).toBe(B);
    expect(() => writeTrust(admin, undefined)).toThrow(BadRequestException);
  });
});

describe('rowScopeOf', () => {
  const base = { id: 'u', email: 'e', name: 'n' };
  it('gives a trust role its trust, a programme role every trust, and no caller nothing', () => {
    expect(rowScopeOf({ ...base, role: 'kpo_lead', trustId: 't1' })).toEqual({ kind: 'trust', trustId: 't1' });
    expect(rowScopeOf({ ...base, role: 'regulator', trustId: null })).toEqual({ kind: 'programme' });
    expect(rowScopeOf({ ...base, role: 'admin', trustId: null })).toEqual({ kind: 'programme' });
    expect(rowScopeOf(undefined)).toEqual({ kind: 'none' });
  });

  it('fails closed for a trust role without a trust', () => {
    expect(rowScopeOf({ ...base, role: 'trust_ceo', trustId: null })).toEqual({ kind: 'none' });
  });
});
