// Roles and trust isolation on the foundation routes (SPEC §1, §4), two trusts, every role:
// trusts readable by all and created by admins; users managed by admins, and by a KPO lead
// for the own trust only; the audit log for admins only.
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from '../support/test-app';

describe('roles and trust isolation', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const everyone = (w: World): [string, TestUser][] => [
    ['admin', w.users.admin],
    ['regulator', w.users.regulator],
    ['A.team', w.users.A.team],
    ['A.kpo', w.users.A.kpo],
    ['A.ceo', w.users.A.ceo],
    ['B.team', w.users.B.team],
    ['B.kpo', w.users.B.kpo],
    ['B.ceo', w.users.B.ceo],
  ];
  let seq = 0;
  const newUser = (role: string, trustId: string | null) => ({
    email: `new${++seq}@test.nhs.uk`,
    name: `New ${seq}`,
    role,
    trustId,
    password: 'a-long-enough-password',
  });
  const userCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM users`))[0].n);
  const allItems = async (user: TestUser, query = '') => {
    const res = await t.http().get(`/api/users?limit=200${query}`).set(bearer(user)).expect(200);
    return res.body.items as { id: string; trustId: string | null; role: string }[];
  };

  describe('trusts', () => {
    it('every role lists both trusts and reads each one', async () => {
      for (const [, user] of everyone(world)) {
        const res = await t.http().get('/api/trusts').set(bearer(user)).expect(200);
        expect(res.body.map((x: { code: string }) => x.code)).toEqual(['AAA', 'BBB']);
        await t.http().get(`/api/trusts/${world.trustB.id}`).set(bearer(user)).expect(200);
      }
    });

    it('only an admin creates a trust; every other role gets 403 and nothing is stored', async () => {
      for (const [label, user] of everyone(world)) {
        if (label === 'admin') continue;
        await t.http().post('/api/trusts').set(bearer(user)).send({ code: 'CCC', name: 'Gamma' }).expect(403);
      }
      expect((await t.db.query(`SELECT count(*) AS n FROM trusts`))[0].n).toBe('2');
      const res = await t
        .http()
        .post('/api/trusts')
        .set(bearer(world.users.admin))
        .send({ code: 'ccc', name: 'Gamma' })
        .expect(201);
      expect(res.body).toMatchObject({ code: 'CCC', name: 'Gamma', version: 1 });
      await t.http().get(`/api/trusts/${res.body.id}`).set(bearer(world.users.A.team)).expect(200);
    });

    it('answers 409 for a code that exists in any case, and 404 for an unknown id', async () => {
      await t
        .http()
        .post('/api/trusts')
        .set(bearer(world.users.admin))
        .send({ code: 'aaa', name: 'Again' })
        .expect(409);
      await t.http().get('/api/trusts/6f1c1b8e-0000-4000-8000-000000000000').set(bearer(world.users.admin)).expect(404);
    });
  });

  describe('users', () => {
    it('an admin lists every user, and narrows to one trust with trustId', async () => {
      const all = await allItems(world.users.admin);
      expect(all.map((u) => u.id).sort()).toEqual(
        everyone(world)
          .map(([, u]) => u.id)
          .sort(),
      );
      const b = await allItems(world.users.admin, `&trustId=${world.trustB.id}`);
      expect(b.map((u) => u.id).sort()).toEqual(
        [world.users.B.team.id, world.users.B.kpo.id, world.users.B.ceo.id].sort(),
      );
    });

    it('a KPO lead lists the own trust only, whatever trustId it asks for', async () => {
      const own = await allItems(world.users.A.kpo);
      expect(own.map((u) => u.id).sort()).toEqual(
        [world.users.A.team.id, world.users.A.kpo.id, world.users.A.ceo.id].sort(),
      );
      expect(await allItems(world.users.A.kpo, `&trustId=${world.trustB.id}`)).toEqual([]);
    });

    it('never answers a password hash', async () => {
      const res = await t.http().get('/api/users').set(bearer(world.users.admin)).expect(200);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/);
    });

    it('an admin creates any account, including admin and regulator', async () => {
      for (const input of [newUser('admin', null), newUser('regulator', null), newUser('kpo_lead', world.trustB.id)]) {
        const res = await t.http().post('/api/users').set(bearer(world.users.admin)).send(input).expect(201);
        expect(res.body).toMatchObject({ email: input.email, role: input.role, trustId: input.trustId, version: 1 });
        expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|a-long-enough-password/);
      }
    });

    it('a KPO lead creates improvement_team and kpo_lead accounts of the own trust, not its CEO', async () => {
      await t
        .http()
        .post('/api/users')
        .set(bearer(world.users.A.kpo))
        .send(newUser('trust_ceo', world.trustA.id))
        .expect(403);
      for (const role of ['improvement_team', 'kpo_lead']) {
        const res = await t
          .http()
          .post('/api/users')
          .set(bearer(world.users.A.kpo))
          .send(newUser(role, world.trustA.id))
          .expect(201);
        expect(res.body).toMatchObject({ role, trustId: world.trustA.id });
      }
    });

    it('a KPO lead gets 403 creating admin or regulator accounts or users of another trust', async () => {
      const before = await userCount();
      const kpo = world.users.A.kpo;
      await t.http().post('/api/users').set(bearer(kpo)).send(newUser('admin', null)).expect(403);
      await t.http().post('/api/users').set(bearer(kpo)).send(newUser('regulator', null)).expect(403);
      await t.http().post('/api/users').set(bearer(kpo)).send(newUser('improvement_team', world.trustB.id)).expect(403);
      await t.http().post('/api/users').set(bearer(kpo)).send(newUser('kpo_lead', world.trustB.id)).expect(403);
      expect(await userCount()).toBe(before);
    });

    it("a KPO lead gets 404 patching another trust's user or a programme account, and nothing changes", async () => {
      const kpo = world.users.A.kpo;
      for (const target of [world.users.B.team, world.users.B.kpo, world.users.admin, world.users.regulator]) {
        await t
          .http()
          .patch(`/api/users/${target.id}`)
          .set(bearer(kpo))
          .send({ version: 1, name: 'Hijacked' })
          .expect(404);
      }
      const names: { name: string }[] = await t.db.query(`SELECT name FROM users WHERE name = 'Hijacked'`);
      expect(names).toEqual([]);
    });

    it('a KPO lead patches the own trust, but may not promote to admin or move a user to another trust', async () => {
      const kpo = world.users.A.kpo;
      const team = world.users.A.team;
      const ok = await t
        .http()
        .patch(`/api/users/${team.id}`)
        .set(bearer(kpo))
        .send({ version: 1, name: 'Renamed' })
        .expect(200);
      expect(ok.body).toMatchObject({ name: 'Renamed', version: 2 });
      await t
        .http()
        .patch(`/api/users/${team.id}`)
        .set(bearer(kpo))
        .send({ version: 2, role: 'admin', trustId: null })
        .expect(403);
      await t
        .http()
        .patch(`/api/users/${team.id}`)
        .set(bearer(kpo))
        .send({ version: 2, role: 'regulator', trustId: null })
        .expect(403);
      await t
        .http()
        .patch(`/api/users/${team.id}`)
        .set(bearer(kpo))
        .send({ version: 2, trustId: world.trustB.id })
        .expect(403);
      const [row] = await t.db.query(`SELECT role, trust_id, version FROM users WHERE id = $1`, [team.id]);
      expect(row).toEqual({ role: 'improvement_team', trust_id: world.trustA.id, version: 2 });
    });

    it('an admin patches any user', async () => {
      const res = await t
        .http()
        .patch(`/api/users/${world.users.B.ceo.id}`)
        .set(bearer(world.users.admin))
        .send({ version: 1, role: 'kpo_lead' })
        .expect(200);
      expect(res.body).toMatchObject({ role: 'kpo_lead', trustId: world.trustB.id, version: 2 });
    });

    it('team, CEO and regulator get 403 on every users route', async () => {
      const before = await userCount();
      for (const user of [
        world.users.A.team,
        world.users.A.ceo,
        world.users.B.team,
        world.users.B.ceo,
        world.users.regulator,
      ]) {
        await t.http().get('/api/users').set(bearer(user)).expect(403);
        await t
          .http()
          .post('/api/users')
          .set(bearer(user))
          .send(newUser('improvement_team', user.trustId ?? world.trustA.id))
          .expect(403);
        await t
          .http()
          .patch(`/api/users/${world.users.A.team.id}`)
          .set(bearer(user))
          .send({ version: 1, name: 'X' })
          .expect(403);
      }
      expect(await userCount()).toBe(before);
      const [row] = await t.db.query(`SELECT name, version FROM users WHERE id = $1`, [world.users.A.team.id]);
      expect(row.version).toBe(1);
    });
  });

  describe('audit', () => {
    it('only an admin reads the audit log', async () => {
      await t
        .http()
        .post('/api/trusts')
        .set(bearer(world.users.admin))
        .send({ code: 'DDD', name: 'Delta' })
        .expect(201);
      const res = await t.http().get('/api/audit').set(bearer(world.users.admin)).expect(200);
      expect(res.body.items.length).toBe(1);
      for (const [label, user] of everyone(world)) {
        if (label === 'admin') continue;
        await t.http().get('/api/audit').set(bearer(user)).expect(403);
        await t
          .http()
          .get(`/api/audit?trustId=${user.trustId ?? world.trustA.id}`)
          .set(bearer(user))
          .expect(403);
      }
    });
  });
});
