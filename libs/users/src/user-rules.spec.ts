import type { Actor } from '@app/auth';
import { checkAccountShape, checkManage, sessionEndReason } from './user-rules';

const kpo: Actor = { id: 'k', email: 'k@x', name: 'K', role: 'kpo_lead', trustId: 'T1' };
const team: Actor = { id: 't', email: 't@x', name: 'T', role: 'improvement_team', trustId: 'T1' };
const admin: Actor = { id: 'a', email: 'a@x', name: 'A', role: 'admin', trustId: null };

describe('user rules', () => {
  it('ties trust roles to a trust and programme roles to none', () => {
    expect(checkAccountShape('improvement_team', null)?.status).toBe(400);
    expect(checkAccountShape('regulator', 'T1')?.status).toBe(400);
    expect(checkAccountShape('trust_ceo', 'T1')).toBeNull();
  });

  it('lets a KPO lead manage trust roles of the own trust only', () => {
    expect(checkManage(kpo, 'improvement_team', 'T1')).toBeNull();
    expect(checkManage(kpo, 'admin', null)?.status).toBe(403);
    expect(checkManage(kpo, 'regulator', null)?.status).toBe(403);
    expect(checkManage(kpo, 'kpo_lead', 'T2')?.status).toBe(403);
    expect(checkManage(kpo, 'kpo_lead', 'T1')).toBeNull();
    expect(checkManage(kpo, 'trust_ceo', 'T1')?.status).toBe(403);
    expect(checkManage(kpo, 'trust_ceo', 'T1')?.message).toMatch(/^role: a KPO lead manages only/);
    expect(checkManage(admin, 'trust_ceo', 'T1')).toBeNull();
    expect(checkManage(admin, 'regulator', null)).toBeNull();
  });

  it('lets no other role manage users', () => {
    expect(checkManage(team, 'improvement_team', 'T1')?.status).toBe(403);
  });

  it('ends sessions on deactivation and on a change of role or trust, and on nothing else', () => {
    const user = { active: true, role: 'kpo_lead' as const, trustId: 'T1' };
    expect(sessionEndReason(user, { ...user, active: false })).toBe('deactivated');
    expect(sessionEndReason(user, { ...user, role: 'improvement_team' })).toBe('role_changed');
    expect(sessionEndReason(user, { ...user, trustId: 'T2' })).toBe('trust_changed');
    expect(sessionEndReason(user, { ...user })).toBeNull();
    expect(sessionEndReason({ ...user, active: false }, { ...user, active: true })).toBeNull();
  });
});
