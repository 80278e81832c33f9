// The audit trail: every write through the API leaves one entry in the same transaction
// (actor, action, entity, entityId, trustId, before/after of the changed fields), never a
// password or hash; a failed write leaves no entry; a stale version changes nothing.
import { AuditedWriter } from '@app/audit';
import type { Actor } from '@app/auth';
import { TRUST_AUDIT } from '@app/trusts';
import { USER_AUDIT } from '@app/users';
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';

interface AuditRow {
  id: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  trustId: string | null;
  changes: Record<string, { before: unknown; after: unknown } | 'set'>;
  at: string;
}

const SECRET = 'a-very-secret-password-1';

describe('audit trail', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const audit = async (query = ''): Promise<AuditRow[]> => {
    const res = await t.http().get(`/api/audit?limit=200${query}`).set(bearer(world.users.admin)).expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    return res.body.items;
  };
  const auditRowCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM audit_entries`))[0].n);
  const actorOf = (w: World): Actor => ({
    id: w.users.admin.id,
    email: w.users.admin.email,
    name: 'admin',
    role: 'admin',
    trustId: null,
  });

  it('records a trust create with its actor, entity, id, trust and fields', async () => {
    const res = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .send({ code: 'CCC', name: 'Gamma' })
      .expect(201);
    const entries = await audit();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: world.users.admin.id,
      action: 'create',
      entity: 'trust',
      entityId: res.body.id,
      trustId: res.body.id,
    });
    expect(entries[0].changes.code).toEqual({ before: null, after: 'CCC' });
    expect(entries[0].changes.name).toEqual({ before: null, after: 'Gamma' });
    expect(new Date(entries[0].at).toISOString()).toBe(entries[0].at);
  });

  it('records a user create without the password or its hash', async () => {
    const input = {
      email: 'Nurse.Lead@Test.nhs.uk',
      name: 'Nurse Lead',
      role: 'improvement_team',
      trustId: world.trustA.id,
      password: SECRET,
    };
    const res = await t.http().post('/api/users').set(bearer(world.users.A.kpo)).send(input).expect(201);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    const entries = await audit(`&entity=user&entityId=${res.body.id}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: world.users.A.kpo.id,
      action: 'create',
      entity: 'user',
      entityId: res.body.id,
      trustId: world.trustA.id,
    });
    expect(entries[0].changes).toMatchObject({
      email: { before: null, after: 'nurse.lead@test.nhs.uk' },
      name: { before: null, after: 'Nurse Lead' },
      role: { before: null, after: 'improvement_team' },
      trustId: { before: null, after: world.trustA.id },
    });
    const raw: { changes: object }[] = await t.db.query(`SELECT changes FROM audit_entries`);
    expect(JSON.stringify(raw)).not.toMatch(/argon2|passwordHash|password/i);
  });

  it('records a user patch with only the changed fields, before and after', async () => {
    const target = world.users.B.team;
    await t
      .http()
      .patch(`/api/users/${target.id}`)
      .set(bearer(world.users.admin))
      .send({ version: 1, name: 'Beta Team Lead', role: 'kpo_lead', password: SECRET })
      .expect(200);
    const entries = await audit(`&entityId=${target.id}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: world.users.admin.id,
      action: 'update',
      entity: 'user',
      entityId: target.id,
      trustId: world.trustB.id,
    });
    // A new password is recorded as set (SPEC §6), never as a value.
    expect(entries[0].changes).toEqual({
      name: { before: target.email.split('@')[0], after: 'Beta Team Lead' },
      role: { before: 'improvement_team', after: 'kpo_lead' },
      password: 'set',
    });
    // The new password works, and was never written to the audit trail.
    await t.http().post('/api/auth/login').send({ email: target.email, password: SECRET }).expect(200);
  });

  it('filters entries by entity, entity id and trust', async () => {
    const c = await t
      .http()
      .post('/api/trusts')
      .set(bearer(world.users.admin))
      .send({ code: 'CCC', name: 'Gamma' })
      .expect(201);
    await t
      .http()
      .patch(`/api/users/${world.users.A.ceo.id}`)
      .set(bearer(world.users.admin))
      .send({ version: 1, name: 'Alpha CEO' })
      .expect(200);
    await t
      .http()
      .patch(`/api/users/${world.users.B.ceo.id}`)
      .set(bearer(world.users.admin))
      .send({ version: 1, name: 'Beta CEO' })
      .expect(200);
    expect((await audit()).length).toBe(3);
    expect((await audit('&entity=trust')).map((e) => e.entityId)).toEqual([c.body.id]);
    expect((await audit(`&trustId=${world.trustA.id}`)).map((e) => e.entityId)).toEqual([world.users.A.ceo.id]);
    expect(
      (await audit(`&entity=user&entityId=${world.users.B.ceo.id}`)).map(
        (e) => (e.changes.name as { after: unknown }).after,
      ),
    ).toEqual(['Beta CEO']);
  });

  it('leaves no entry when the write fails: duplicate email, unknown trust', async () => {
    const dup = {
      email: 'TEAM.AAA@test.nhs.uk',
      name: 'Dup',
      role: 'improvement_team',
      trustId: world.trustA.id,
      password: SECRET,
    };
    await t.http().post('/api/users').set(bearer(world.users.admin)).send(dup).expect(409);
    const ghostTrust = { ...dup, email: 'new@test.nhs.uk', trustId: '6f1c1b8e-0000-4000-8000-000000000000' };
    await t.http().post('/api/users').set(bearer(world.users.admin)).send(ghostTrust).expect(400);
    await t.http().post('/api/trusts').set(bearer(world.users.admin)).send({ code: 'Aaa', name: 'Again' }).expect(409);
    expect(await auditRowCount()).toBe(0);
    expect((await t.db.query(`SELECT count(*) AS n FROM users`))[0].n).toBe('8');
  });

  it('creates one account when the same email is posted concurrently', async () => {
    const input = {
      email: 'race@test.nhs.uk',
      name: 'Race',
      role: 'trust_ceo',
      trustId: world.trustB.id,
      password: SECRET,
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => t.http().post('/api/users').set(bearer(world.users.admin)).send(input)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await t.db.query(`SELECT count(*) AS n FROM users WHERE email = 'race@test.nhs.uk'`))[0].n).toBe('1');
    expect(await auditRowCount()).toBe(1);
  });

  it('rolls the entry back with its transaction when a later step fails', async () => {
    const writer = t.app.get(AuditedWriter);
    const actor = actorOf(world);
    let createdId: string | undefined;
    await expect(
      t.db.transaction(async (em) => {
        const trust = await writer.create(em, actor, TRUST_AUDIT, { code: 'RBK', name: 'Rolled Back' });
        createdId = trust.id;
        // Inside the transaction the entry exists ...
        expect(
          Number((await em.query(`SELECT count(*) AS n FROM audit_entries WHERE entity_id = $1`, [trust.id]))[0].n),
        ).toBe(1);
        throw new Error('a later step of the same change failed');
      }),
    ).rejects.toThrow('a later step');
    // ... and after the rollback neither the trust nor its entry does.
    expect(createdId).toBeDefined();
    expect(await t.db.query(`SELECT id FROM trusts WHERE id = $1`, [createdId])).toEqual([]);
    expect(await auditRowCount()).toBe(0);
  });

  it('rolls an update entry back with its transaction', async () => {
    const writer = t.app.get(AuditedWriter);
    const target = world.users.A.team;
    await expect(
      t.db.transaction(async (em) => {
        const current = await em.getRepository(USER_AUDIT.target).findOneByOrFail({ id: target.id });
        await writer.update(em, actorOf(world), USER_AUDIT, current, 1, { name: 'Never committed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [row] = await t.db.query(`SELECT name, version FROM users WHERE id = $1`, [target.id]);
    expect(row).toEqual({ name: 'team.aaa', version: 1 });
    expect(await auditRowCount()).toBe(0);
  });

  describe('PATCH with a stale version', () => {
    it('answers 409 and changes nothing', async () => {
      const target = world.users.A.team;
      await t
        .http()
        .patch(`/api/users/${target.id}`)
        .set(bearer(world.users.admin))
        .send({ version: 1, name: 'First' })
        .expect(200);
      const before = (await t.db.query(`SELECT * FROM users WHERE id = $1`, [target.id]))[0];
      const entriesBefore = await auditRowCount();

      const res = await t
        .http()
        .patch(`/api/users/${target.id}`)
        .set(bearer(world.users.A.kpo))
        .send({ version: 1, name: 'Second', role: 'kpo_lead', password: SECRET })
        .expect(409);
      expect(JSON.stringify(res.body.message)).toMatch(/version/);

      const after = (await t.db.query(`SELECT * FROM users WHERE id = $1`, [target.id]))[0];
      expect(after).toEqual(before);
      expect(after).toMatchObject({ name: 'First', role: 'improvement_team', version: 2 });
      expect(await auditRowCount()).toBe(entriesBefore);
      // The old password still signs in; the new one does not.
      await t.http().post('/api/auth/login').send({ email: target.email, password: SECRET }).expect(401);
    });

    it('lets exactly one of several concurrent PATCHes of one version win', async () => {
      const target = world.users.A.ceo;
      const results = await Promise.all(
        ['One', 'Two', 'Three', 'Four'].map((name) =>
          t.http().patch(`/api/users/${target.id}`).set(bearer(world.users.admin)).send({ version: 1, name }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409]);
      const winner = results.find((r) => r.status === 200)!.body.name;
      expect((await t.db.query(`SELECT name, version FROM users WHERE id = $1`, [target.id]))[0]).toEqual({
        name: winner,
        version: 2,
      });
      const entries = await audit(`&entityId=${target.id}`);
      expect(entries.map((e) => (e.changes.name as { after: unknown }).after)).toEqual([winner]);
    });

    it('answers 409 for a version from the future too', async () => {
      const target = world.users.B.kpo;
      await t
        .http()
        .patch(`/api/users/${target.id}`)
        .set(bearer(world.users.admin))
        .send({ version: 7, name: 'Later' })
        .expect(409);
      expect((await t.db.query(`SELECT version, name FROM users WHERE id = $1`, [target.id]))[0]).toEqual({
        version: 1,
        name: 'kpo.bbb',
      });
    });

    it('requires the version', async () => {
      const res = await t
        .http()
        .patch(`/api/users/${world.users.B.kpo.id}`)
        .set(bearer(world.users.admin))
        .send({ name: 'No version' })
        .expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/version/);
    });
  });
});
