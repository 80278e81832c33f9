import type { Actor } from '@app/auth';
import { checkAccountShape, checkManage } from './user-rules';

const kpo: Actor = { id: 'k', email: 'k@x', name: 'K', role: 'kpo_lead', trustId: 'T1' };
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
    expect(checkManage(admin, 'regulator', null)).toBeNull();
  });
});
