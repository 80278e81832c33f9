// The Compact (SPEC §1, §2, §4): admins keep the commitments, everyone signed in reads them, and each
// party checks in monthly on the commitments that bind it: trust CEOs and KPO leads for their own
// trust, the regulator for itself. One check-in per commitment, party and month (upsert), audited.
import { nextMonth, todayIn } from '@app/domain';
import { auditOf, messages } from './support/improvement';
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from './support/test-app';

const CURRENT_MONTH = todayIn(process.env.TZ ?? 'Europe/London').slice(0, 7);
const MONTH = '2024-03';

describe('the Compact', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  async function commitment(party: string, text = `A ${party} commitment`, category = 'behaviour') {
    const res = await t
      .http()
      .post('/api/compact/commitments')
      .set(bearer(world.users.admin))
      .send({ party, category, text })
      .expect(201);
    return res.body as { id: string; version: number };
  }

  const checkIn = (user: TestUser, body: Record<string, unknown>) =>
    t.http().put('/api/compact/check-ins').set(bearer(user)).send(body);

  describe('commitments', () => {
    it('lets an admin create and change a commitment, audited, and nobody else', async () => {
      const res = await t
        .http()
        .post('/api/compact/commitments')
        .set(bearer(world.users.admin))
        .send({ party: 'all', category: 'behaviour', text: 'We communicate openly and transparently.' })
        .expect(201);
      expect(res.body).toMatchObject({
        party: 'all',
        category: 'behaviour',
        active: true,
        version: 1,
        createdBy: world.users.admin.id,
      });

      const patched = await t
        .http()
        .patch(`/api/compact/commitments/${res.body.id}`)
        .set(bearer(world.users.admin))
        .send({ version: 1, active: false, text: 'We communicate openly, transparently and early.' })
        .expect(200);
      expect(patched.body).toMatchObject({
        version: 2,
        active: false,
        text: 'We communicate openly, transparently and early.',
      });

      const stale = await t
        .http()
        .patch(`/api/compact/commitments/${res.body.id}`)
        .set(bearer(world.users.admin))
        .send({ version: 1, active: true })
        .expect(409);
      expect(stale.body.message).toMatch(/version/);

      const { A, regulator } = world.users;
      for (const user of [A.team, A.kpo, A.ceo, regulator]) {
        await t
          .http()
          .post('/api/compact/commitments')
          .set(bearer(user))
          .send({ party: 'all', category: 'behaviour', text: 'x' })
          .expect(403);
        await t
          .http()
          .patch(`/api/compact/commitments/${res.body.id}`)
          .set(bearer(user))
          .send({ version: 2, active: true })
          .expect(403);
      }

      const audit = await auditOf(t, 'compact_commitment', res.body.id);
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
      expect(audit[0]).toMatchObject({ actorId: world.users.admin.id, trustId: null });
      expect(audit[1].changes).toEqual({
        active: { before: true, after: false },
        text: {
          before: 'We communicate openly and transparently.',
          after: 'We communicate openly, transparently and early.',
        },
      });
    });

    it('answers 400 naming each wrong field, and for unknown fields', async () => {
      const admin = world.users.admin;
      const res = await t
        .http()
        .post('/api/compact/commitments')
        .set(bearer(admin))
        .send({ party: 'everyone', category: 'mood', text: 'x'.repeat(1001), active: 'yes' })
        .expect(400);
      const text = messages(res.body);
      expect(text).toMatch(/party must be one of the following values: regulator, trust, institute, all/);
      expect(text).toMatch(/category must be one of the following values: behaviour, responsibility/);
      expect(text).toMatch(/text must be shorter than or equal to 1000 characters/);
      expect(text).toMatch(/active must be a boolean value/);

      const empty = await t
        .http()
        .post('/api/compact/commitments')
        .set(bearer(admin))
        .send({ party: 'all', category: 'behaviour', text: '' })
        .expect(400);
      expect(messages(empty.body)).toMatch(/text must be longer than or equal to 1 characters/);
      const unknown = await t
        .http()
        .post('/api/compact/commitments')
        .set(bearer(admin))
        .send({ party: 'all', category: 'behaviour', text: 'ok', weight: 3 })
        .expect(400);
      expect(messages(unknown.body)).toMatch(/property weight should not exist/);
      const noVersion = await t
        .http()
        .patch(`/api/compact/commitments/${(await commitment('all')).id}`)
        .set(bearer(admin))
        .send({ active: false })
        .expect(400);
      expect(messages(noVersion.body)).toMatch(/version must be an integer number/);
      await t
        .http()
        .patch('/api/compact/commitments/9d7c5a52-1b89-4b59-8f0a-3d1f6c2e7a10')
        .set(bearer(admin))
        .send({ version: 1 })
        .expect(404);
    });

    it('lets every signed-in role read the Compact, and nobody without a token', async () => {
      await commitment('trust', 'Trusts give protected time to the monthly meeting');
      await commitment('regulator', 'Proportionate oversight', 'responsibility');
      const { A, B, admin, regulator } = world.users;
      for (const user of [A.team, A.kpo, A.ceo, B.team, regulator, admin]) {
        const res = await t.http().get('/api/compact').set(bearer(user)).expect(200);
        expect(res.body.month).toBe(CURRENT_MONTH);
        expect(res.body.commitments.map((c: { text: string }) => c.text).sort()).toEqual([
          'Proportionate oversight',
          'Trusts give protected time to the monthly meeting',
        ]);
      }
      await t.http().get('/api/compact').expect(401);
    });
  });

  describe('check-ins', () => {
    it("creates a trust's check-in from the token's trust (201), replaces it on a second PUT (200), audited", async () => {
      const { id } = await commitment('trust');
      const ceo = world.users.A.ceo;
      const first = await checkIn(ceo, {
        commitmentId: id,
        month: MONTH,
        status: 'not_met',
        note: 'Phones out in the meeting',
      }).expect(201);
      expect(first.body).toMatchObject({
        commitmentId: id,
        month: MONTH,
        trustId: world.trustA.id,
        status: 'not_met',
        note: 'Phones out in the meeting',
        version: 1,
      });

      const second = await checkIn(world.users.A.kpo, {
        commitmentId: id,
        month: MONTH,
        trustId: world.trustA.id,
        status: 'met',
      }).expect(200);
      expect(second.body).toMatchObject({ id: first.body.id, status: 'met', note: null, version: 2 });
      const rows = await t.db.query(`SELECT count(*)::int AS n FROM compact_check_ins`);
      expect(rows[0].n).toBe(1);

      // the same again changes nothing and leaves no audit entry
      await checkIn(world.users.A.kpo, { commitmentId: id, month: MONTH, status: 'met' }).expect(200);
      const audit = await auditOf(t, 'compact_check_in', first.body.id);
      expect(audit.map((a) => [a.action, a.actorId, a.trustId])).toEqual([
        ['create', ceo.id, world.trustA.id],
        ['update', world.users.A.kpo.id, world.trustA.id],
      ]);
      expect(audit[1].changes.status).toEqual({ before: 'not_met', after: 'met' });
      expect(audit[1].changes.note).toEqual({ before: 'Phones out in the meeting', after: null });
    });

    it('keeps one check-in per party: two trusts and the regulator on one commitment of all', async () => {
      const { id } = await commitment('all');
      await checkIn(world.users.A.ceo, { commitmentId: id, month: MONTH, status: 'met' }).expect(201);
      await checkIn(world.users.B.ceo, { commitmentId: id, month: MONTH, status: 'partly_met' }).expect(201);
      const reg = await checkIn(world.users.regulator, { commitmentId: id, month: MONTH, status: 'not_met' }).expect(
        201,
      );
      expect(reg.body.trustId).toBeNull();
      await checkIn(world.users.regulator, { commitmentId: id, month: MONTH, status: 'met', trustId: null }).expect(
        200,
      );
      const rows: { trust_id: string | null; status: string }[] = await t.db.query(
        `SELECT trust_id, status FROM compact_check_ins ORDER BY status`,
      );
      expect(rows).toHaveLength(3);
      expect(rows.filter((r) => r.trust_id === null)).toEqual([{ trust_id: null, status: 'met' }]);
    });

    it('turns two simultaneous first check-ins of one slot into one record', async () => {
      const { id } = await commitment('trust');
      const results = await Promise.all(
        ['met', 'not_met', 'partly_met', 'met'].map((status) =>
          checkIn(world.users.A.ceo, { commitmentId: id, month: MONTH, status }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      const rows = await t.db.query(`SELECT count(*)::int AS n FROM compact_check_ins`);
      expect(rows[0].n).toBe(1);
    });

    it('refuses roles and parties the commitment does not bind (403)', async () => {
      const trustOnly = await commitment('trust');
      const regulatorOnly = await commitment('regulator');
      const institute = await commitment('institute');
      const { A, admin, regulator } = world.users;
      for (const user of [A.team, admin]) {
        await checkIn(user, { commitmentId: trustOnly.id, month: MONTH, status: 'met' }).expect(403);
      }
      const notTheirs = await checkIn(A.ceo, { commitmentId: regulatorOnly.id, month: MONTH, status: 'met' }).expect(
        403,
      );
      expect(notTheirs.body.message).toMatch(/commitmentId/);
      await checkIn(A.kpo, { commitmentId: institute.id, month: MONTH, status: 'met' }).expect(403);
      await checkIn(regulator, { commitmentId: trustOnly.id, month: MONTH, status: 'met' }).expect(403);
      const otherTrust = await checkIn(A.ceo, {
        commitmentId: trustOnly.id,
        month: MONTH,
        status: 'met',
        trustId: world.trustB.id,
      }).expect(403);
      expect(otherTrust.body.message).toMatch(/trustId/);
      await checkIn(regulator, {
        commitmentId: regulatorOnly.id,
        month: MONTH,
        status: 'met',
        trustId: world.trustA.id,
      }).expect(403);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM compact_check_ins`))[0].n).toBe(0);
    });

    it('answers 400 naming the field: month, status, note, commitment, a future month, an inactive commitment', async () => {
      const { id } = await commitment('trust');
      const ceo = world.users.A.ceo;
      const bad = await checkIn(ceo, {
        commitmentId: 'nope',
        month: '2024-13',
        status: 'fine',
        note: 'x'.repeat(2001),
        extra: 1,
      }).expect(400);
      const text = messages(bad.body);
      expect(text).toMatch(/commitmentId must be a UUID/);
      expect(text).toMatch(/month must be a month as YYYY-MM/);
      expect(text).toMatch(/status must be one of the following values: met, partly_met, not_met/);
      expect(text).toMatch(/note must be shorter than or equal to 2000 characters/);
      expect(text).toMatch(/property extra should not exist/);

      const future = await checkIn(ceo, { commitmentId: id, month: nextMonth(CURRENT_MONTH), status: 'met' }).expect(
        400,
      );
      expect(messages(future.body)).toMatch(/month must not be after the current month/);
      await checkIn(ceo, { commitmentId: id, month: CURRENT_MONTH, status: 'met' }).expect(201);

      const missing = await checkIn(ceo, {
        commitmentId: '9d7c5a52-1b89-4b59-8f0a-3d1f6c2e7a10',
        month: MONTH,
        status: 'met',
      }).expect(400);
      expect(messages(missing.body)).toMatch(/commitmentId: no Compact commitment/);

      await t
        .http()
        .patch(`/api/compact/commitments/${id}`)
        .set(bearer(world.users.admin))
        .send({ version: 1, active: false })
        .expect(200);
      const inactive = await checkIn(ceo, { commitmentId: id, month: MONTH, status: 'met' }).expect(400);
      expect(messages(inactive.body)).toMatch(/commitmentId: the commitment is no longer active/);
    });

    it("shows trust roles their trust's check-ins and the regulator's, programme roles every party's", async () => {
      const { id } = await commitment('all');
      const a = (await checkIn(world.users.A.ceo, { commitmentId: id, month: MONTH, status: 'met' })).body;
      const b = (await checkIn(world.users.B.kpo, { commitmentId: id, month: MONTH, status: 'not_met' })).body;
      const r = (await checkIn(world.users.regulator, { commitmentId: id, month: MONTH, status: 'partly_met' })).body;
      const later = (await checkIn(world.users.A.ceo, { commitmentId: id, month: '2024-04', status: 'met' })).body;
      const ids = async (user: TestUser, query = '') =>
        (
          (await t.http().get(`/api/compact/check-ins${query}`).set(bearer(user)).expect(200)).body.items as {
            id: string;
          }[]
        )
          .map((c) => c.id)
          .sort();

      for (const user of [world.users.A.team, world.users.A.kpo, world.users.A.ceo]) {
        expect(await ids(user, `?month=${MONTH}`)).toEqual([a.id, r.id].sort());
        expect(await ids(user)).toEqual([a.id, r.id, later.id].sort());
        expect(await ids(user, `?trustId=${world.trustA.id}&month=${MONTH}`)).toEqual([a.id]);
        expect(await ids(user, `?trustId=${world.trustB.id}`)).toEqual([]);
      }
      for (const user of [world.users.admin, world.users.regulator]) {
        expect(await ids(user, `?month=${MONTH}`)).toEqual([a.id, b.id, r.id].sort());
        expect(await ids(user, `?month=${MONTH}&trustId=${world.trustB.id}`)).toEqual([b.id]);
      }
      const page = await t.http().get(`/api/compact/check-ins?limit=2`).set(bearer(world.users.admin)).expect(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.items[0].month).toBe('2024-04');
      const rest = await t
        .http()
        .get(`/api/compact/check-ins?limit=2&cursor=${page.body.nextCursor}`)
        .set(bearer(world.users.admin))
        .expect(200);
      expect(rest.body.items).toHaveLength(2);
      expect(rest.body.nextCursor).toBeNull();
      const badQuery = await t
        .http()
        .get('/api/compact/check-ins?month=March')
        .set(bearer(world.users.admin))
        .expect(400);
      expect(messages(badQuery.body)).toMatch(/month must be a month as YYYY-MM/);
    });

    it("answers GET /api/compact with the caller's check-ins of the current month only", async () => {
      const { id } = await commitment('all');
      const mine = (await checkIn(world.users.A.ceo, { commitmentId: id, month: CURRENT_MONTH, status: 'met' })).body;
      await checkIn(world.users.A.ceo, { commitmentId: id, month: MONTH, status: 'met' }).expect(201);
      const theirs = (await checkIn(world.users.B.ceo, { commitmentId: id, month: CURRENT_MONTH, status: 'not_met' }))
        .body;
      const regulators = (
        await checkIn(world.users.regulator, { commitmentId: id, month: CURRENT_MONTH, status: 'met' })
      ).body;
      const idsFor = async (user: TestUser) =>
        ((await t.http().get('/api/compact').set(bearer(user)).expect(200)).body.checkIns as { id: string }[])
          .map((c) => c.id)
          .sort();
      expect(await idsFor(world.users.A.team)).toEqual([mine.id]);
      expect(await idsFor(world.users.B.ceo)).toEqual([theirs.id]);
      expect(await idsFor(world.users.regulator)).toEqual([regulators.id]);
      expect(await idsFor(world.users.admin)).toEqual([mine.id, theirs.id, regulators.id].sort());
    });
  });
});
