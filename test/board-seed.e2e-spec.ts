// The board's demo data loads into the real schema after the other demo steps and reads back through
// the API: the Compact, six months of check-ins, three published packs (frozen with the rollups'
// figures) with a report from every trust, and this month's draft. No seedWorld here: the demo's
// five trusts are the only ones.
import { boardSeed, directorySeed, improvementSeed, seededRandom, type SeedContext } from '@app/demo';
import { todayIn } from '@app/domain';
import { bearer, createTestApp, TestApp, TestUser, tokenFor, truncateAll } from './support/test-app';

describe('board demo data', () => {
  let t: TestApp;
  let regulatorUser: TestUser;
  let teamUser: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    await t.db.transaction(async (em) => {
      const ctx: SeedContext = {
        em,
        today: todayIn('Europe/London'),
        random: seededRandom(20150701),
        trusts: [],
        users: new Map(),
        log: () => undefined,
      };
      await directorySeed.run(ctx);
      await improvementSeed.run(ctx);
      await boardSeed.run(ctx);
    });
    // Demo accounts, signed in with tokens (the seed's password hash is slow on purpose).
    const user = async (email: string): Promise<TestUser> => {
      const [row] = await t.db.query(`SELECT id, email, role, trust_id AS "trustId" FROM users WHERE email = $1`, [
        email,
      ]);
      return { ...row, token: await tokenFor(t, row) };
    };
    regulatorUser = await user('regulator@example.nhs.uk');
    teamUser = await user('team.rxw@example.nhs.uk');
  });
  afterAll(() => t.close());

  it('seeds the Compact and six months of check-ins, some not met', async () => {
    const compact = (await t.http().get('/api/compact').set(bearer(teamUser)).expect(200)).body;
    expect(compact.commitments.length).toBeGreaterThanOrEqual(10);
    const [{ months, notMet }] = await t.db.query(
      `SELECT count(DISTINCT month)::int AS months, count(*) FILTER (WHERE status <> 'met')::int AS "notMet" FROM compact_check_ins`,
    );
    expect(months).toBe(6);
    expect(notMet).toBeGreaterThan(0);
  });

  it('publishes three meetings whose packs carry every trust, its report and the rollups of the month', async () => {
    const regulator = bearer(regulatorUser);
    const meetings = (await t.http().get('/api/board-meetings').set(regulator).expect(200)).body.items;
    expect(meetings.map((m: { status: string }) => m.status)).toEqual(['draft', 'published', 'published', 'published']);
    const [{ ideas }] = await t.db.query(`SELECT coalesce(sum(ideas), 0)::int AS ideas FROM rollup_daily`);
    expect(ideas).toBeGreaterThan(0); // the seed brought the rollups up to date
    const [{ pending }] = await t.db.query(`SELECT count(*)::int AS pending FROM rollup_marks`);
    expect(pending).toBe(0);

    for (const meeting of meetings.filter((m: { status: string }) => m.status === 'published')) {
      const res = await t.http().get(`/api/board-meetings/${meeting.id}/pack`).set(regulator).expect(200);
      const [stored] = await t.db.query(`SELECT pack FROM board_pack_snapshots WHERE meeting_id = $1`, [meeting.id]);
      expect(res.text).toBe(stored.pack);
      const pack = res.body;
      expect(pack).toMatchObject({ published: true, month: meeting.month });
      expect(new Date(pack.publishedAt).getTime()).toBe(new Date(meeting.publishedAt).getTime());
      expect(pack.trusts).toHaveLength(5);
      expect(pack.trusts.every((tr: { report: unknown }) => tr.report !== null)).toBe(true);
      expect(pack.trusts.every((tr: { measures: unknown[] }) => tr.measures.length > 0)).toBe(true);
      expect(pack.compactDiscussion.length).toBeGreaterThan(0);
      const { from, to } = pack.periods.month;
      const dashboard = (
        await t
          .http()
          .get(`/api/dashboards/programme?from=${from}&to=${to}&granularity=month`)
          .set(regulator)
          .expect(200)
      ).body;
      expect(pack.programme.figures.month).toEqual(dashboard.totals);
      const html = await t
        .http()
        .get(`/api/board-meetings/${meeting.id}/pack`)
        .set(regulator)
        .set('Accept', 'text/html')
        .expect(200);
      expect(html.text).toContain('The Shrewsbury and Telford Hospital NHS Trust (RXW)');
    }
    const draft = meetings[0];
    expect((await t.http().get(`/api/board-meetings/${draft.id}/pack`).set(regulator).expect(200)).body.published).toBe(
      false,
    );
  });
});
