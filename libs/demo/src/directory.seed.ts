// The five trusts of the 2015 partnership and a demo account of every role.
import { hashPassword } from '@app/auth';
import type { Role } from '@app/domain';
import type { SeedContext, SeedStep } from './seed-context';

export const DEMO_PASSWORD = 'improve-together';

export const DEMO_TRUSTS = [
  { code: 'RXW', name: 'The Shrewsbury and Telford Hospital NHS Trust' },
  { code: 'RTP', name: 'Surrey and Sussex Healthcare NHS Trust' },
  { code: 'RF4', name: 'Barking, Havering and Redbridge University Hospitals NHS Trust' },
  { code: 'RR8', name: 'Leeds Teaching Hospitals NHS Trust' },
  { code: 'RKB', name: 'University Hospitals Coventry and Warwickshire NHS Trust' },
] as const;

const TRUST_ACCOUNTS: { prefix: string; role: Role; title: string }[] = [
  { prefix: 'ceo', role: 'trust_ceo', title: 'Chief Executive' },
  { prefix: 'kpo', role: 'kpo_lead', title: 'KPO Lead' },
  { prefix: 'team', role: 'improvement_team', title: 'Improvement Team' },
];

export const directorySeed: SeedStep = {
  name: 'trusts and users',
  async run(ctx: SeedContext) {
    const hash = await hashPassword(DEMO_PASSWORD);
    const addUser = async (email: string, name: string, role: Role, trustId: string | null) => {
      const [row] = await ctx.em.query(
        `INSERT INTO users (email, name, role, trust_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [email, name, role, trustId, hash],
      );
      ctx.users.set(email, row.id);
    };
    await addUser('admin@example.nhs.uk', 'Programme Administrator', 'admin', null);
    await addUser('regulator@example.nhs.uk', 'NHS England Improvement Director', 'regulator', null);
    for (const trust of DEMO_TRUSTS) {
      const [row] = await ctx.em.query(`INSERT INTO trusts (code, name) VALUES ($1, $2) RETURNING id`, [
        trust.code,
        trust.name,
      ]);
      ctx.trusts.push({ id: row.id, ...trust });
      for (const account of TRUST_ACCOUNTS) {
        const email = `${account.prefix}.${trust.code.toLowerCase()}@example.nhs.uk`;
        await addUser(email, `${trust.code} ${account.title}`, account.role, row.id);
      }
    }
    ctx.log(`${ctx.trusts.length} trusts, ${ctx.users.size} users`);
  },
};
