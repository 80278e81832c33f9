// The improvement demo data loads into the real schema and reads back through the API.
import { directorySeed, improvementSeed, seededRandom, type SeedContext } from '@app/demo';
import { todayIn } from '@app/domain';
import { bearer, createTestApp, seedWorld, TestApp, World } from './support/test-app';

describe('improvement demo data', () => {
  let t: TestApp;
  let w: World;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    w = await seedWorld(t);
    today = todayIn('Europe/London');
    await t.db.transaction(async (em) => {
      const ctx: SeedContext = {
        em,
        today,
        random: seededRandom(20150701),
        trusts: [],
        users: new Map(),
        log: () => undefined,
      };
      await directorySeed.run(ctx);
      await improvementSeed.run(ctx);
    });
  });
  afterAll(() => t.close());

  it('seeds maps, events and measures that read back with their figures', async () => {
    const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    expect(await count('value_streams')).toBe(10);
    expect(await count('value_stream_maps')).toBe(20);
    expect(await count('improvement_events')).toBe(40);
    expect(await count('measures')).toBe(15);
    expect(await count('measure_points')).toBe(360);

    const [rxw] = await t.db.query(`SELECT id FROM trusts WHERE code = 'RXW'`);
    const admin = bearer(w.users.admin);
    const streams = await t.http().get(`/api/value-streams?trustId=${rxw.id}`).set(admin).expect(200);
    expect(streams.body.items.map((v: { name: string }) => v.name).sort()).toEqual([
      'Emergency department to ward admission',
      'Outpatient referral to first appointment',
    ]);
    const ed = streams.body.items.find((v: { name: string }) => v.name.startsWith('Emergency'));
    const maps = await t.http().get(`/api/value-streams/${ed.id}/maps`).set(admin).expect(200);
    expect(maps.body.items.map((m: { state: string }) => m.state).sort()).toEqual(['current', 'future']);
    for (const map of maps.body.items) {
      expect(map.metrics.stepCount).toBeGreaterThanOrEqual(8);
      expect(map.metrics.stepCount).toBeLessThanOrEqual(12);
      expect(map.metrics.taktTimeMinutes).toBeCloseTo(1440 / ed.demandPerDay, 9);
    }
    const current = maps.body.items.find((m: { state: string }) => m.state === 'current');
    const future = maps.body.items.find((m: { state: string }) => m.state === 'future');
    const compare = await t.http().get(`/api/maps/${current.id}/compare/${future.id}`).set(admin).expect(200);
    expect(compare.body.change.leadTimeMinutes.absolute).toBeLessThan(0);

    const events = await t.http().get(`/api/improvement-events?trustId=${rxw.id}`).set(admin).expect(200);
    expect(events.body.items).toHaveLength(8);
    const followedUp = events.body.items.filter((e: { followUps: unknown[] }) => e.followUps.length > 0);
    expect(followedUp.length).toBeGreaterThan(0);
    for (const event of followedUp) {
      expect(event.metrics.every((m: { latest: number | null }) => m.latest !== null)).toBe(true);
      expect(event.followUps.every((f: { measuredOn: string }) => f.measuredOn <= today)).toBe(true);
    }

    const measures = await t.http().get(`/api/measures?trustId=${rxw.id}`).set(admin).expect(200);
    expect(measures.body.items).toHaveLength(3);
    for (const measure of measures.body.items) {
      const spc = await t.http().get(`/api/measures/${measure.id}/spc`).set(admin).expect(200);
      expect(spc.body.points).toHaveLength(24);
      expect(spc.body.warnings).toEqual([]);
    }

    // Every seeded event's start and end day is marked for the rollups.
    const unmarked = await t.db.query(
      `SELECT e.id FROM improvement_events e
        WHERE NOT EXISTS (SELECT 1 FROM rollup_marks r WHERE r.trust_id = e.trust_id AND r.day = e.start_date)
           OR (e.end_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_marks r WHERE r.trust_id = e.trust_id AND r.day = e.end_date))`,
    );
    expect(unmarked).toEqual([]);
  });
});
