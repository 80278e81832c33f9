// Dashboards without a worker running: who may read what (SPEC §1, §4), the request's validation,
// zeros for every period and waste type, freshness while changes wait, and the queue console's door.
import { addDays } from '@app/domain';
import { ALL_QUEUES } from '@app/queue';
import { RollupRepository } from '@app/rollups';
import { createTestApp, seedWorld, TestApp, World } from '../support/test-app';
import { bearer, TODAY } from './rollup-support';

describe('dashboards', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const get = (path: string, user?: { token: string }) => {
    const req = t.http().get(path);
    return user ? req.set('Authorization', `Bearer ${user.token}`) : req;
  };

  describe('who may read', () => {
    it('lets every role read the programme dashboard, and nobody without a token', async () => {
      const { A, B, admin, regulator } = world.users;
      for (const user of [A.team, A.kpo, A.ceo, B.team, regulator, admin]) {
        const res = await get('/api/dashboards/programme', user).expect(200);
        expect(res.body.trusts.map((r: { code: string }) => r.code)).toEqual(['AAA', 'BBB']);
      }
      await get('/api/dashboards/programme').expect(401);
      await get(`/api/dashboards/trusts/${world.trustA.id}`).expect(401);
    });

    it('lets trust roles read their own trust only (another trust is not found) and programme roles any', async () => {
      const { A, B, admin, regulator } = world.users;
      for (const user of [A.team, A.kpo, A.ceo]) {
        await get(`/api/dashboards/trusts/${world.trustA.id}`, user).expect(200);
        const other = await get(`/api/dashboards/trusts/${world.trustB.id}`, user).expect(404);
        expect(other.body.message).toBe('trust not found');
      }
      await get(`/api/dashboards/trusts/${world.trustA.id}`, B.ceo).expect(404);
      for (const user of [regulator, admin]) {
        await get(`/api/dashboards/trusts/${world.trustA.id}`, user).expect(200);
        await get(`/api/dashboards/trusts/${world.trustB.id}`, user).expect(200);
      }
      await get('/api/dashboards/trusts/6a1f2f5e-8d2b-4c1e-9a7d-2f8e1c3b4a5d', admin).expect(404);
      const malformed = await get('/api/dashboards/trusts/not-a-uuid', admin).expect(400);
      expect(malformed.body.message).toEqual(['trustId must be a UUID']);
    });
  });

  describe('the request', () => {
    const trustPath = () => `/api/dashboards/trusts/${world.trustA.id}`;

    it('defaults to a year up to today, by week', async () => {
      const res = await get(trustPath(), world.users.admin).expect(200);
      expect(res.body).toMatchObject({ trustId: world.trustA.id, to: TODAY, granularity: 'week' });
      expect(res.body.from).toBe(`${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`.replace(/-02-29$/, '-02-28'));
    });

    it('answers 400 naming the field for bad dates, granularity, inverted or oversized ranges and unknown fields', async () => {
      const admin = world.users.admin;
      const message = async (query: string) => (await get(`${trustPath()}?${query}`, admin).expect(400)).body.message;
      expect(await message('from=2024-02-30')).toEqual(['from must be a real calendar date as YYYY-MM-DD']);
      expect(await message('to=yesterday')).toEqual(['to must be a real calendar date as YYYY-MM-DD']);
      expect(await message('granularity=year')).toEqual(['granularity must be one of: day, week, month']);
      expect(await message('from=2024-03-01&to=2024-02-01')).toEqual([
        'from must be on or before to (from 2024-03-01, to 2024-02-01)',
      ]);
      expect((await message('from=2020-01-01&to=2024-01-01&granularity=day'))[0]).toMatch(
        /^granularity day gives 1462 periods/,
      );
      expect((await message('from=2000-01-01&to=2024-01-01&granularity=month'))[0]).toMatch(
        /^to must be at most 3660 days/,
      );
      expect((await message('trust=AAA'))[0]).toMatch(/property trust should not exist/);
      const programme = await get('/api/dashboards/programme?from=2024-03-01&to=2024-02-01', admin).expect(400);
      expect(programme.body.message[0]).toMatch(/^from must be on or before to/);
    });
  });

  describe('figures', () => {
    it('answers zeros for every period and all eight wastes when nothing is recorded', async () => {
      const res = await get(
        `/api/dashboards/trusts/${world.trustB.id}?from=2024-01-03&to=2024-02-14`,
        world.users.B.ceo,
      ).expect(200);
      expect(res.body.series.map((p: { periodStart: string }) => p.periodStart)).toEqual([
        '2024-01-01',
        '2024-01-08',
        '2024-01-15',
        '2024-01-22',
        '2024-01-29',
        '2024-02-05',
        '2024-02-12',
      ]);
      const zeros = {
        wasteRecords: 0,
        occurrences: 0,
        minutesLost: 0,
        minutesEliminated: 0,
        eventsCompleted: 0,
        eventsSustained: 0,
        ideas: 0,
      };
      expect(res.body.totals).toEqual(zeros);
      expect(
        res.body.series.every(
          (p: object) => JSON.stringify({ ...p, periodStart: undefined }) === JSON.stringify(zeros),
        ),
      ).toBe(true);
      expect(res.body.byWasteType).toHaveLength(8);
      expect(res.body.byWasteType.every((w: { minutesLost: number }) => w.minutesLost === 0)).toBe(true);
      expect(res.body.spc.minutesLost.points).toHaveLength(7);
      expect(res.body.spc.minutesLost.warnings.join(' ')).toMatch(/13/);
      expect(res.body.freshness).toEqual({ asOf: expect.any(String), pendingChanges: 0 });
    });

    it('reports pending changes until the rollups include them, and shows them once they do', async () => {
      const day = addDays(TODAY, -2);
      const before = Date.now();
      await t
        .http()
        .post('/api/waste-records')
        .set(bearer(world.users.A.team))
        .send({
          observedOn: day,
          wasteType: 'motion',
          description: 'walking to the store room',
          minutesLost: 12.5,
          occurrences: 4,
          patientImpact: 'none',
        })
        .expect(201);
      // no worker runs in this file: the change waits in rollup_marks
      const pending = await get(
        `/api/dashboards/trusts/${world.trustA.id}?from=${day}&to=${day}`,
        world.users.A.ceo,
      ).expect(200);
      expect(pending.body.freshness.pendingChanges).toBe(1);
      expect(Date.parse(pending.body.freshness.asOf)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(pending.body.freshness.asOf)).toBeLessThanOrEqual(Date.now());
      expect(pending.body.totals.wasteRecords).toBe(0);
      const otherTrust = await get(`/api/dashboards/trusts/${world.trustB.id}`, world.users.admin).expect(200);
      expect(otherTrust.body.freshness.pendingChanges).toBe(0);
      expect(
        (await get('/api/dashboards/programme', world.users.regulator).expect(200)).body.freshness.pendingChanges,
      ).toBe(1);

      // what a bucket job does, without the queue
      await new RollupRepository(t.db).recomputeBucket({ trustId: world.trustA.id, day });
      const done = await get(
        `/api/dashboards/trusts/${world.trustA.id}?from=${day}&to=${day}&granularity=day`,
        world.users.A.ceo,
      ).expect(200);
      expect(done.body.freshness.pendingChanges).toBe(0);
      expect(done.body.totals).toMatchObject({
        wasteRecords: 1,
        occurrences: 4,
        minutesLost: 50,
        minutesEliminated: 0,
      });
      expect(done.body.byWasteType.find((w: { wasteType: string }) => w.wasteType === 'motion')).toEqual({
        wasteType: 'motion',
        wasteRecords: 1,
        occurrences: 4,
        minutesLost: 50,
        minutesEliminated: 0,
      });
      const programme = await get(`/api/dashboards/programme?from=${day}&to=${day}`, world.users.B.team).expect(200);
      expect(programme.body.trusts.find((r: { code: string }) => r.code === 'AAA').totals.minutesLost).toBe(50);
      expect(programme.body.trusts.find((r: { code: string }) => r.code === 'BBB').totals.minutesLost).toBe(0);
    });

    it('never reads raw records: figures come from the rollup tables alone', async () => {
      const day = addDays(TODAY, -1);
      await t.db.query(
        `INSERT INTO rollup_daily (trust_id, day, waste_records, occurrences, minutes_lost, minutes_eliminated, events_completed, events_sustained, ideas)
         VALUES ($1, $2, 2, 5, 61.5, 10, 3, 1, 4)`,
        [world.trustA.id, day],
      );
      const res = await get(
        `/api/dashboards/programme?from=${day}&to=${day}&granularity=day`,
        world.users.admin,
      ).expect(200);
      expect(res.body.totals).toEqual({
        wasteRecords: 2,
        occurrences: 5,
        minutesLost: 61.5,
        minutesEliminated: 10,
        eventsCompleted: 3,
        eventsSustained: 1,
        ideas: 4,
      });
      expect(res.body.series).toEqual([{ periodStart: day, ...res.body.totals }]);
    });
  });

  describe('queue console', () => {
    it('is for admins only: 401 without a token, 403 for other roles', async () => {
      await t.http().get('/admin/queues').expect(401);
      await t.http().get('/admin/queues?token=forged.token.value').expect(401);
      for (const user of [world.users.regulator, world.users.A.kpo]) {
        await t.http().get('/admin/queues').set(bearer(user)).expect(403);
        await t.http().get(`/admin/queues?token=${user.token}`).expect(403);
        await t.http().get('/admin/queues/api/queues').set('Cookie', `kaizen_queues=${user.token}`).expect(403);
      }
    });

    it('opens for an admin by header, or by ?token= once and then by cookie', async () => {
      const admin = world.users.admin;
      const page = await t.http().get('/admin/queues').set(bearer(admin)).expect(200);
      expect(page.text).toMatch(/<div id="root">/);
      const link = await t.http().get(`/admin/queues?token=${admin.token}`).expect(303);
      expect(link.headers.location).toBe('/admin/queues');
      const cookie = String(link.headers['set-cookie']);
      expect(cookie).toMatch(
        /kaizen_queues=.+; Max-Age=\d+; Path=\/admin\/queues; Expires=.+; HttpOnly; SameSite=Strict/,
      );
      const api = await t.http().get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
      expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...ALL_QUEUES].sort());
    });
  });
});
