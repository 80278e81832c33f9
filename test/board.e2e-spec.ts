// Board meetings, trust reports and the live board pack (SPEC §1, §2, §4): board material is for
// trust CEOs, the regulator and admins only; a CEO files their own trust's report; the pack carries
// each trust's report, its figures from the rollups (the same as the dashboards'), its measures' SPC,
// its value streams' process cycle efficiency, the programme totals and the Compact items not met.
import { RollupRepository } from '@app/rollups';
import { auditOf, messages } from './support/improvement';
import {
  createMeeting,
  day,
  fileReports,
  HOSTILE_REPORT,
  MONTH,
  PREVIOUS,
  writeCheckIns,
  writeMeasure,
  writeRecords,
  writeValueStream,
  YEAR,
} from './support/board';
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from './support/test-app';

/** The month's last day, from the calendar (day 0 of the next month), not from the code under test. */
function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, '0')}`;
}

describe('board meetings and the board pack', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const get = (user: TestUser, path: string) => t.http().get(path).set(bearer(user));
  const putReport = (user: TestUser, meetingId: string, trustId: string, body: object) =>
    t.http().put(`/api/board-meetings/${meetingId}/reports/${trustId}`).set(bearer(user)).send(body);

  describe('who may see and write board material', () => {
    it('refuses improvement teams and KPO leads everything: meetings, reports and packs (403)', async () => {
      const meeting = await createMeeting(t, world);
      for (const user of [world.users.A.team, world.users.A.kpo, world.users.B.team, world.users.B.kpo]) {
        await get(user, '/api/board-meetings').expect(403);
        await get(user, `/api/board-meetings/${meeting.id}`).expect(403);
        await get(user, `/api/board-meetings/${meeting.id}/pack`).expect(403);
        await get(user, `/api/board-meetings/${meeting.id}/pack`).set('Accept', 'text/html').expect(403);
        await putReport(user, meeting.id, user.trustId as string, { progress: 'p', challenges: 'c' }).expect(403);
        await t.http().post(`/api/board-meetings/${meeting.id}/publish`).set(bearer(user)).expect(403);
        await t.http().post('/api/board-meetings').set(bearer(user)).send({ month: '2020-01' }).expect(403);
      }
      await t.http().get(`/api/board-meetings/${meeting.id}/pack`).expect(401);
    });

    it('lets trust CEOs, the regulator and admins read meetings and packs; only admins create and publish', async () => {
      const meeting = await createMeeting(t, world);
      for (const user of [world.users.A.ceo, world.users.B.ceo, world.users.regulator, world.users.admin]) {
        const list = await get(user, '/api/board-meetings').expect(200);
        expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([meeting.id]);
        await get(user, `/api/board-meetings/${meeting.id}`).expect(200);
        await get(user, `/api/board-meetings/${meeting.id}/pack`).expect(200);
      }
      for (const user of [world.users.A.ceo, world.users.regulator]) {
        await t.http().post('/api/board-meetings').set(bearer(user)).send({ month: '2020-01' }).expect(403);
        await t.http().post(`/api/board-meetings/${meeting.id}/publish`).set(bearer(user)).expect(403);
      }
      await get(world.users.admin, '/api/board-meetings/5b0c6e1a-2f3d-4c5b-8a9e-0123456789ab').expect(404);
      await get(world.users.admin, '/api/board-meetings/5b0c6e1a-2f3d-4c5b-8a9e-0123456789ab/pack').expect(404);
    });

    it("lets a CEO file their own trust's report (201, then 200), never another trust's (403); admins any; the regulator none", async () => {
      const meeting = await createMeeting(t, world);
      const { A, B, admin, regulator } = world.users;
      const created = await putReport(A.ceo, meeting.id, world.trustA.id, {
        progress: 'Theatre flow',
        challenges: 'Beds',
      }).expect(201);
      expect(created.body).toMatchObject({
        meetingId: meeting.id,
        trustId: world.trustA.id,
        progress: 'Theatre flow',
        asks: null,
        version: 1,
      });
      const replaced = await putReport(A.ceo, meeting.id, world.trustA.id, {
        progress: 'Theatre flow',
        challenges: 'Beds',
        asks: 'Coaching',
      }).expect(200);
      expect(replaced.body).toMatchObject({ id: created.body.id, asks: 'Coaching', version: 2 });

      const other = await putReport(A.ceo, meeting.id, world.trustB.id, { progress: 'x', challenges: 'y' }).expect(403);
      expect(other.body.message).toMatch(/trustId/);
      await putReport(B.ceo, meeting.id, world.trustA.id, { progress: 'x', challenges: 'y' }).expect(403);
      await putReport(regulator, meeting.id, world.trustA.id, { progress: 'x', challenges: 'y' }).expect(403);
      await putReport(admin, meeting.id, world.trustB.id, { progress: 'Filed for B', challenges: 'y' }).expect(201);

      const stale = await putReport(A.ceo, meeting.id, world.trustA.id, {
        progress: 'p',
        challenges: 'c',
        version: 1,
      }).expect(409);
      expect(stale.body.message).toMatch(/version/);
      await putReport(admin, meeting.id, '5b0c6e1a-2f3d-4c5b-8a9e-0123456789ab', {
        progress: 'x',
        challenges: 'y',
      }).expect(404);
      await putReport(admin, '5b0c6e1a-2f3d-4c5b-8a9e-0123456789ab', world.trustA.id, {
        progress: 'x',
        challenges: 'y',
      }).expect(404);

      const read = await get(B.ceo, `/api/board-meetings/${meeting.id}`).expect(200);
      expect(read.body.status).toBe('draft');
      expect(read.body.reports.map((r: { trustCode: string; progress: string }) => [r.trustCode, r.progress])).toEqual([
        ['AAA', 'Theatre flow'],
        ['BBB', 'Filed for B'],
      ]);

      const audit = await auditOf(t, 'trust_report', created.body.id);
      expect(audit.map((a) => [a.action, a.actorId, a.trustId])).toEqual([
        ['create', A.ceo.id, world.trustA.id],
        ['update', A.ceo.id, world.trustA.id],
      ]);
      expect(audit[1].changes.asks).toEqual({ before: null, after: 'Coaching' });
    });
  });

  describe('validation', () => {
    it('answers 400 naming each wrong field of a meeting, 409 for a second meeting of a month; audits the create', async () => {
      const admin = world.users.admin;
      const bad = await t
        .http()
        .post('/api/board-meetings')
        .set(bearer(admin))
        .send({ month: '2024-13', heldOn: '2024-02-30', venue: 'x' })
        .expect(400);
      const text = messages(bad.body);
      expect(text).toMatch(/month must be a month as YYYY-MM/);
      expect(text).toMatch(/heldOn must be a real calendar date as YYYY-MM-DD/);
      expect(text).toMatch(/property venue should not exist/);
      const meeting = await createMeeting(t, world);
      const again = await t.http().post('/api/board-meetings').set(bearer(admin)).send({ month: MONTH }).expect(409);
      expect(again.body.message).toBe(`month: a board meeting for ${MONTH} already exists`);
      const audit = await auditOf(t, 'board_meeting', meeting.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'create', actorId: admin.id, trustId: null });
      expect(audit[0].changes.month).toEqual({ before: null, after: MONTH });
    });

    it('answers 400 naming each wrong field of a report', async () => {
      const meeting = await createMeeting(t, world);
      const ceo = world.users.A.ceo;
      const bad = await putReport(ceo, meeting.id, world.trustA.id, {
        progress: 'x'.repeat(8001),
        asks: 7,
        mood: 'good',
      }).expect(400);
      const text = messages(bad.body);
      expect(text).toMatch(/progress must be shorter than or equal to 8000 characters/);
      expect(text).toMatch(/challenges must be a string/);
      expect(text).toMatch(/asks must be a string/);
      expect(text).toMatch(/property mood should not exist/);
      const empty = await putReport(ceo, meeting.id, world.trustA.id, {
        progress: '',
        challenges: 'c',
        asks: 'y'.repeat(8001),
      }).expect(400);
      expect(messages(empty.body)).toMatch(/progress must be longer than or equal to 1 characters/);
      expect(messages(empty.body)).toMatch(/asks must be shorter than or equal to 8000 characters/);
      await putReport(ceo, meeting.id, 'not-a-uuid', { progress: 'p', challenges: 'c' }).expect(400);
      await putReport(ceo, meeting.id, world.trustA.id, { progress: 'x'.repeat(8000), challenges: 'c' }).expect(201);
    });
  });

  describe('the pack', () => {
    async function fullMonth() {
      await writeRecords(t, world);
      const measure = await writeMeasure(t, world);
      const stream = await writeValueStream(t, world);
      const checkIns = await writeCheckIns(t, world);
      // No worker runs in this spec: bring the rollups up to date the way the pipeline does.
      await new RollupRepository(t.db).rebuildAll();
      const meeting = await createMeeting(t, world);
      const reports = await fileReports(t, world, meeting.id);
      return { measure, stream, checkIns, meeting, reports };
    }

    it("puts the month's not-met and partly-met check-ins into the discussion, never a met one or another month's", async () => {
      const { meeting, checkIns } = await fullMonth();
      const pack = (await get(world.users.regulator, `/api/board-meetings/${meeting.id}/pack`).expect(200)).body;
      const ids = pack.compactDiscussion.map((c: { checkInId: string }) => c.checkInId);
      expect(ids).toEqual([checkIns.partly.id, checkIns.notMet.id]);
      expect(ids).not.toContain(checkIns.met.id);
      expect(ids).not.toContain(checkIns.lastMonth.id);
      expect(pack.compactDiscussion[0]).toEqual({
        checkInId: checkIns.partly.id,
        commitmentId: checkIns.oversight.id,
        commitmentText: 'Proportionate oversight that leaves room to improve',
        party: 'regulator',
        category: 'responsibility',
        trustId: null,
        trustCode: null,
        trustName: null,
        status: 'partly_met',
        note: 'Two extra data requests',
      });
      expect(pack.compactDiscussion[1]).toMatchObject({
        trustId: world.trustA.id,
        trustCode: 'AAA',
        trustName: 'Alpha Hospitals',
        status: 'not_met',
        note: 'Laptops open during the CEO reports',
        commitmentText: 'Protected time for the monthly meeting, without phones or laptops',
      });

      // a met check-in turned not met enters the discussion on the next read of a draft
      await t
        .http()
        .put('/api/compact/check-ins')
        .set(bearer(world.users.B.ceo))
        .send({ commitmentId: checkIns.phones.id, month: MONTH, status: 'not_met' })
        .expect(200);
      const again = (await get(world.users.admin, `/api/board-meetings/${meeting.id}/pack`).expect(200)).body;
      expect(again.compactDiscussion.map((c: { checkInId: string }) => c.checkInId)).toContain(checkIns.met.id);
    });

    it('gives each trust its report and its month, previous month and year-to-date figures from the rollups', async () => {
      const { meeting } = await fullMonth();
      const pack = (await get(world.users.A.ceo, `/api/board-meetings/${meeting.id}/pack`).expect(200)).body;
      expect(pack).toMatchObject({
        meetingId: meeting.id,
        month: MONTH,
        heldOn: day(MONTH, 20),
        published: false,
        publishedAt: null,
        pendingChanges: 0,
      });
      expect(pack.periods.month).toEqual({ month: MONTH, from: `${MONTH}-01`, to: lastDayOf(MONTH) });
      expect(pack.periods.previousMonth).toEqual({ month: PREVIOUS, from: `${PREVIOUS}-01`, to: lastDayOf(PREVIOUS) });
      expect(pack.periods.yearToDate).toEqual({ from: `${YEAR}-01-01`, to: lastDayOf(MONTH) });
      expect(pack.trusts.map((tr: { code: string }) => tr.code)).toEqual(['AAA', 'BBB']);
      const [a, b] = pack.trusts;
      expect(a.report).toMatchObject({
        progress: HOSTILE_REPORT,
        challenges: 'Winter pressure on beds',
        asks: 'Coaching for ward leaders',
      });
      expect(b.report).toMatchObject({ progress: 'Outpatient letters now sent same day', asks: null });

      // worked by hand from the records written (see test/support/board.ts)
      expect(a.figures.month).toEqual({
        wasteRecords: 2,
        occurrences: 5,
        minutesLost: 45,
        minutesEliminated: 30,
        eventsCompleted: 1,
        eventsSustained: 1,
        ideas: 1,
      });
      expect(a.figures.previousMonth).toMatchObject({
        wasteRecords: 1,
        occurrences: 1,
        minutesLost: 20,
        minutesEliminated: 0,
      });
      expect(b.figures.month).toMatchObject({ wasteRecords: 1, occurrences: 3, minutesLost: 1234.5 });
      expect(pack.programme.figures.month).toMatchObject({
        wasteRecords: 3,
        occurrences: 8,
        minutesLost: 1279.5,
        minutesEliminated: 30,
        ideas: 1,
      });

      // and exactly the programme dashboard's figures for each period
      for (const period of ['month', 'previousMonth', 'yearToDate'] as const) {
        const { from, to } = pack.periods[period];
        const dashboard = (
          await get(world.users.admin, `/api/dashboards/programme?from=${from}&to=${to}&granularity=month`).expect(200)
        ).body;
        expect(pack.programme.figures[period]).toEqual(dashboard.totals);
        for (const trust of pack.trusts) {
          expect(trust.figures[period]).toEqual(
            dashboard.trusts.find((d: { trustId: string }) => d.trustId === trust.trustId).totals,
          );
        }
      }
    });

    it('reads the figures from the rollups, not the raw records: a record not yet rolled up is not counted', async () => {
      const { meeting } = await fullMonth();
      await t
        .http()
        .post('/api/waste-records')
        .set(bearer(world.users.B.team))
        .send({
          observedOn: day(MONTH, 9),
          wasteType: 'motion',
          description: 'Searching for equipment',
          minutesLost: 100,
          patientImpact: 'low',
        })
        .expect(201);
      const before = (await get(world.users.admin, `/api/board-meetings/${meeting.id}/pack`).expect(200)).body;
      expect(before.trusts[1].figures.month.minutesLost).toBe(1234.5);
      expect(before.pendingChanges).toBeGreaterThan(0);
      await new RollupRepository(t.db).rebuildAll();
      const after = (await get(world.users.admin, `/api/board-meetings/${meeting.id}/pack`).expect(200)).body;
      expect(after.trusts[1].figures.month.minutesLost).toBe(1334.5);
      expect(after.pendingChanges).toBe(0);
    });

    it("gives each measure its SPC up to the month's end, and each value stream its current and future PCE", async () => {
      const { measure, stream } = await fullMonth();
      const meeting = (await get(world.users.admin, '/api/board-meetings').expect(200)).body.items[0];
      const pack = (await get(world.users.admin, `/api/board-meetings/${meeting.id}/pack`).expect(200)).body;
      const [a, b] = pack.trusts;
      expect(b.measures).toEqual([]);
      expect(a.measures).toHaveLength(1);
      // Worked by hand: the points are 23 21 24 22 20 23 21 24 22 20 23 31 34 32 30 (test/support/board.ts);
      // mean 370/15, mean moving range 39/14, limits mean ± 2.66 × 39/14 (XmR). The last three points
      // (34, 32, 30) are all beyond two thirds of the way to the upper limit (29.61): special cause,
      // high, an improvement for an "up" measure. The target 40 is above the upper limit: it will fail.
      expect(a.measures[0]).toMatchObject({
        measureId: measure.measure.id,
        name: 'Discharges before noon',
        target: 40,
        pointCount: 15,
        latest: measure.points[14],
        variation: 'improvement_high',
        assurance: 'fail',
      });
      expect(a.measures[0].mean).toBeCloseTo(24.6667, 4);
      expect(a.measures[0].upperProcessLimit).toBeCloseTo(32.0767, 4);
      expect(a.measures[0].lowerProcessLimit).toBeCloseTo(17.2567, 4);
      expect(a.measures[0].recentPoints).toHaveLength(15);

      // Worked by hand from test/support/improvement.ts: value-added cycle time over total lead time.
      // Current: (5 + 20) / (15 + 45 + 65 + 70) = 25/195; future: (5 + 20) / (10 + 35 + 15) = 25/60.
      const current = 25 / 195;
      const future = 25 / 60;
      expect(a.valueStreams).toHaveLength(1);
      expect(a.valueStreams[0]).toMatchObject({
        valueStreamId: stream.stream.id,
        name: 'ED to ward admission',
        current: { mapId: stream.current.id, processCycleEfficiency: expect.closeTo(current, 10) },
        future: { mapId: stream.future.id, processCycleEfficiency: expect.closeTo(future, 10) },
      });
      // the maps' own metrics agree
      const mapRead = (await get(world.users.admin, `/api/maps/${stream.current.id}`).expect(200)).body;
      expect(a.valueStreams[0].current.processCycleEfficiency).toBe(mapRead.metrics.processCycleEfficiency);
      expect(a.valueStreams[0].processCycleEfficiencyChange.absolute).toBeCloseTo(future - current, 12);
      expect(b.valueStreams).toEqual([]);
    });

    it('prints as an A4 page with the trust names, their figures and reports escaped', async () => {
      const { meeting } = await fullMonth();
      const res = await get(world.users.B.ceo, `/api/board-meetings/${meeting.id}/pack`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const html = res.text;
      expect(html).toContain('@page { size: A4; margin: 15mm }');
      expect(html).toContain('Alpha Hospitals (AAA)');
      expect(html).toContain('Beta Hospitals (BBB)');
      expect(html).toContain('1,234.5'); // BBB's minutes lost
      expect(html).toContain('1,279.5'); // the programme's
      expect(html).toContain('Discharges before noon');
      expect(html).toContain('Laptops open during the CEO reports');
      expect(html).toContain(
        'Flow &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; improved',
      );
      expect(html).not.toContain('<script>');
      expect(html).toMatch(/<svg[^>]*class="chart bar-chart"/);

      const json = await get(world.users.B.ceo, `/api/board-meetings/${meeting.id}/pack`)
        .set('Accept', 'application/json')
        .expect(200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      expect(json.body.trusts[0].report.progress).toBe(HOSTILE_REPORT);
    });
  });
});
