import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditOf, createMeasure, HOSTILE_TEXT, messages } from './support/improvement';
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from './support/test-app';

const months = (values: number[], from = 2024) =>
  values.map((value, i) => ({
    periodStart: `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
    value,
  }));

// Thirteen months of ED 4-hour performance, the last one after the RPIW's new flow went live.
const SERIES = [50, 52, 48, 51, 49, 50, 52, 48, 50, 51, 49, 50, 70];

describe('measures', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    w = await seedWorld(t);
  });
  afterAll(() => t.close());

  const putPoints = (user: TestUser, id: string, body: unknown) =>
    t
      .http()
      .put(`/api/measures/${id}/points`)
      .set(bearer(user))
      .send(body as object);

  it('a KPO lead creates a measure with default run lengths; points upsert, one per period, in period order', async () => {
    const created = await t
      .http()
      .post('/api/measures')
      .set(bearer(w.users.A.kpo))
      .send({ name: 'ED 4-hour performance', unit: '%', improvementDirection: 'up', target: 95 })
      .expect(201);
    expect(created.body).toMatchObject({
      trustId: w.trustA.id,
      name: 'ED 4-hour performance',
      unit: '%',
      improvementDirection: 'up',
      target: 95,
      trendLength: 7,
      shiftLength: 7,
      version: 1,
      points: [],
    });
    const id = created.body.id;

    const first = await putPoints(w.users.A.team, id, [
      { periodStart: '2025-02-01', value: 74.2 },
      { periodStart: '2025-01-01', value: 71.5 },
    ]).expect(200);
    expect(first.body.points).toEqual([
      { periodStart: '2025-01-01', value: 71.5 },
      { periodStart: '2025-02-01', value: 74.2 },
    ]);
    // A second write for a period replaces the first; the measure's version is not a points counter.
    const second = await putPoints(w.users.A.kpo, id, [
      { periodStart: '2025-02-01', value: 75 },
      { periodStart: '2025-01-01', value: 71.5 },
      { periodStart: '2025-03-01', value: 77.25 },
    ]).expect(200);
    expect(second.body.points).toEqual([
      { periodStart: '2025-01-01', value: 71.5 },
      { periodStart: '2025-02-01', value: 75 },
      { periodStart: '2025-03-01', value: 77.25 },
    ]);
    expect(second.body.version).toBe(1);
    const read = await t.http().get(`/api/measures/${id}`).set(bearer(w.users.A.ceo)).expect(200);
    expect(read.body).toEqual(second.body);
    const list = await t.http().get('/api/measures').set(bearer(w.users.A.ceo)).expect(200);
    expect(list.body).toEqual({ items: [read.body], nextCursor: null });

    const audit = await auditOf(t, 'measure', id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['create', w.users.A.kpo.id],
      ['update', w.users.A.team.id],
      ['update', w.users.A.kpo.id],
    ]);
    expect(audit[1].changes.points).toEqual({
      before: [
        { periodStart: '2025-01-01', value: null },
        { periodStart: '2025-02-01', value: null },
      ],
      after: [
        { periodStart: '2025-01-01', value: 71.5 },
        { periodStart: '2025-02-01', value: 74.2 },
      ],
    });
    // Only the changed points: January was written again with the same value.
    expect(audit[2].changes.points).toEqual({
      before: [
        { periodStart: '2025-02-01', value: 74.2 },
        { periodStart: '2025-03-01', value: null },
      ],
      after: [
        { periodStart: '2025-02-01', value: 75 },
        { periodStart: '2025-03-01', value: 77.25 },
      ],
    });

    const patched = await t
      .http()
      .patch(`/api/measures/${id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, target: null, trendLength: 6, improvementDirection: 'neither' })
      .expect(200);
    expect(patched.body).toMatchObject({
      version: 2,
      target: null,
      trendLength: 6,
      shiftLength: 7,
      improvementDirection: 'neither',
    });
    expect(patched.body.points).toHaveLength(3);
    await t
      .http()
      .patch(`/api/measures/${id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, name: 'stale' })
      .expect(409);
    await t.http().delete(`/api/measures/${id}`).set(bearer(w.users.A.kpo)).expect(204);
    await t.http().get(`/api/measures/${id}`).set(bearer(w.users.A.kpo)).expect(404);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM measure_points WHERE measure_id = $1`, [
      id,
    ]);
    expect(count).toBe(0);
    const deleted = (await auditOf(t, 'measure', id)).pop();
    expect(deleted?.action).toBe('delete');
    expect((deleted?.changes.points.before as unknown[]).length).toBe(3);
  });

  it('answers SPC of the points with hand-computed limits', async () => {
    const measure = await createMeasure(t, w.users.A.kpo, { target: 60 });
    await putPoints(w.users.A.team, measure.id, months(SERIES)).expect(200);
    const spc = await t.http().get(`/api/measures/${measure.id}/spc`).set(bearer(w.users.A.ceo)).expect(200);
    // mean = 670 / 13. Moving ranges 2,4,3,2,1,2,4,2,1,2,1,20: MR̄ = 44/12; 20 ≥ 3.267 × 44/12 is screened out,
    // leaving 24/11. Limits = mean ± 2.66 × 24/11.
    const mean = 670 / 13;
    const mr = 24 / 11;
    expect(Object.keys(spc.body).sort()).toEqual(['assurance', 'measureId', 'points', 'variation', 'warnings']);
    expect(spc.body.measureId).toBe(measure.id);
    expect(spc.body.points).toHaveLength(13);
    for (const point of spc.body.points) {
      expect(Object.keys(point).sort()).toEqual([
        'lowerProcessLimit',
        'mean',
        'periodStart',
        'pointType',
        'rule',
        'upperProcessLimit',
        'value',
      ]);
      expect(point.mean).toBeCloseTo(mean, 9);
      expect(point.upperProcessLimit).toBeCloseTo(mean + 2.66 * mr, 9);
      expect(point.lowerProcessLimit).toBeCloseTo(mean - 2.66 * mr, 9);
    }
    // 70 is above the upper limit (57.34): special cause, and improvement for a measure that should go up.
    expect(spc.body.points.slice(0, 12).every((p: { pointType: string }) => p.pointType === 'common_cause')).toBe(true);
    expect(spc.body.points[12]).toMatchObject({
      periodStart: '2025-01-01',
      value: 70,
      pointType: 'special_cause_improvement',
      rule: 'outside',
    });
    expect(spc.body.variation).toBe('improvement_high');
    // The target of 60 lies above the upper limit: the process will not reliably reach it.
    expect(spc.body.assurance).toBe('fail');
    expect(spc.body.warnings).toEqual([]);

    // Baseline of the first 12 months: mean 600/12 = 50, MR̄ 24/11 with nothing screened.
    const fixed = await t
      .http()
      .get(`/api/measures/${measure.id}/spc?baselinePoints=12`)
      .set(bearer(w.users.A.team))
      .expect(200);
    expect(fixed.body.points[0].mean).toBeCloseTo(50, 9);
    expect(fixed.body.points[0].upperProcessLimit).toBeCloseTo(50 + 2.66 * mr, 9);
    for (const [query, message] of [
      ['baselinePoints=11', /baselinePoints must not be less than 12/],
      ['baselinePoints=twelve', /baselinePoints must be an integer/],
      ['baselinePoints=12.5', /baselinePoints must be an integer/],
    ] as const) {
      const res = await t
        .http()
        .get(`/api/measures/${measure.id}/spc?${query}`)
        .set(bearer(w.users.A.team))
        .expect(400);
      expect(messages(res.body)).toMatch(message);
    }

    // For a measure that should go down the same point is a concern, and a target above the upper limit is always met.
    await t
      .http()
      .patch(`/api/measures/${measure.id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, improvementDirection: 'down' })
      .expect(200);
    const down = await t.http().get(`/api/measures/${measure.id}/spc`).set(bearer(w.users.A.team)).expect(200);
    expect(down.body.points[12].pointType).toBe('special_cause_concern');
    expect(down.body.variation).toBe('concern_high');
    expect(down.body.assurance).toBe('pass');
  });

  it('warns below 13 points and answers an empty analysis without points', async () => {
    const measure = await createMeasure(t, w.users.A.kpo);
    const empty = await t.http().get(`/api/measures/${measure.id}/spc`).set(bearer(w.users.A.team)).expect(200);
    expect(empty.body).toMatchObject({ measureId: measure.id, points: [], variation: null });
    expect(empty.body.warnings.length).toBeGreaterThan(0);
    await putPoints(w.users.A.team, measure.id, months(SERIES.slice(0, 5))).expect(200);
    const few = await t.http().get(`/api/measures/${measure.id}/spc`).set(bearer(w.users.A.team)).expect(200);
    expect(few.body.points).toHaveLength(5);
    expect(few.body.warnings.join(' ')).toMatch(/13/);
  });

  it('uses the run lengths of the measure for trends and shifts', async () => {
    // Mean 185/13 ≈ 14.23; MR̄ = 70/12, so the limits (≈ −1.3 and 29.7) and the near-limit band hold every point.
    // Points 6-11 (10, 11, 12, 13, 14, 15) rise five times in a row: six points. Points 6-10 sit below the mean: five.
    const values = [20, 10, 20, 10, 20, 10, 11, 12, 13, 14, 15, 10, 20];
    const rulesOf = async (settings: Record<string, number>) => {
      const measure = await createMeasure(t, w.users.A.kpo, { target: null, ...settings });
      await putPoints(w.users.A.team, measure.id, months(values)).expect(200);
      const spc = await t.http().get(`/api/measures/${measure.id}/spc`).set(bearer(w.users.A.team)).expect(200);
      return spc.body.points.map((p: { rule: string | null }) => p.rule ?? '-').join(' ');
    };
    expect(await rulesOf({})).toBe('- - - - - - - - - - - - -');
    expect(await rulesOf({ trendLength: 6 })).toBe('- - - - - trend trend trend trend trend trend - -');
    expect(await rulesOf({ shiftLength: 5 })).toBe('- - - - - shift shift shift shift shift - - -');
  });

  it('matches the reference package on a worked example', async () => {
    const examples = JSON.parse(readFileSync(join(__dirname, 'fixtures/spc/spc-examples.json'), 'utf8'));
    const example = examples.cases.find((c: { name: string }) => c.name === 'fixed_baseline_12_then_shift_up_increase');
    const measure = await createMeasure(t, w.users.A.kpo, {
      improvementDirection: example.improvementDirection,
      target: example.target,
    });
    await putPoints(
      w.users.A.team,
      measure.id,
      example.points.map((p: { periodStart: string; value: number }) => ({
        periodStart: p.periodStart,
        value: p.value,
      })),
    ).expect(200);
    const spc = await t
      .http()
      .get(`/api/measures/${measure.id}/spc?baselinePoints=${example.baselinePoints}`)
      .set(bearer(w.users.A.team))
      .expect(200);
    expect(spc.body.variation).toBe(example.variation);
    expect(spc.body.assurance).toBe(example.assurance);
    example.points.forEach((expected: Record<string, number | string>, i: number) => {
      const actual = spc.body.points[i];
      expect(actual.periodStart).toBe(expected.periodStart);
      expect(actual.pointType).toBe(expected.pointType);
      for (const figure of ['mean', 'upperProcessLimit', 'lowerProcessLimit'])
        expect(actual[figure]).toBeCloseTo(expected[figure] as number, 5);
    });
  });

  it('refuses every value outside the SPEC limits, naming the field', async () => {
    const post = (body: Record<string, unknown>) =>
      t
        .http()
        .post('/api/measures')
        .set(bearer(w.users.A.kpo))
        .send({ name: 'm', unit: '%', improvementDirection: 'up', ...body });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: '' }, /name must be longer than or equal to 1/],
      [{ name: 'n'.repeat(201) }, /name must be shorter than or equal to 200/],
      [{ unit: undefined }, /unit must be a string/],
      [{ improvementDirection: 'sideways' }, /improvementDirection must be one of the following values/],
      [{ target: 'high' }, /target must be a number/],
      [{ trendLength: 4 }, /trendLength must not be less than 5/],
      [{ trendLength: 11 }, /trendLength must not be greater than 10/],
      [{ shiftLength: 4 }, /shiftLength must not be less than 5/],
      [{ shiftLength: 11 }, /shiftLength must not be greater than 10/],
      [{ shiftLength: 7.5 }, /shiftLength must be an integer/],
      [{ owner: 'CEO' }, /property owner should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body).expect(400);
      expect(messages(res.body)).toMatch(message);
    }
    const edge = await post({ name: 'n'.repeat(200), trendLength: 5, shiftLength: 10 }).expect(201);
    await post({ trendLength: 10, shiftLength: 5 }).expect(201);
    const id = edge.body.id;
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/measures/${id}`).set(bearer(w.users.A.kpo)).send(body);
    expect(messages((await patch({ name: 'x' }).expect(400)).body)).toMatch(/version must be an integer/);
    expect(messages((await patch({ version: 1, trendLength: 11 }).expect(400)).body)).toMatch(
      /trendLength must not be greater than 10/,
    );
    expect(messages((await patch({ version: 1, trendLength: null }).expect(400)).body)).toMatch(
      /trendLength must be an integer/,
    );

    const pointCases: Array<[unknown, RegExp]> = [
      [[{ periodStart: '2025-02-30', value: 1 }], /points\.0\.periodStart must be a real calendar date/],
      [
        [
          { periodStart: '2025-01-01', value: 1 },
          { periodStart: '2025-02-01', value: '2' },
        ],
        /points\.1\.value must be a number/,
      ],
      [[{ periodStart: '2025-01-01' }], /points\.0\.value must be a number/],
      [[{ periodStart: '2025-01-01', value: 1, note: 'x' }], /points\.0\.property note should not exist/],
      [[], /points must contain at least 1 elements/],
      [{ periodStart: '2025-01-01', value: 1 }, /points must be an array/],
      [
        [
          { periodStart: '2025-01-01', value: 1 },
          { periodStart: '2025-01-01', value: 2 },
        ],
        /points\.1\.periodStart/,
      ],
    ];
    for (const [body, message] of pointCases) {
      const res = await putPoints(w.users.A.team, id, body).expect(400);
      expect(messages(res.body)).toMatch(message);
    }
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM measure_points`);
    expect(count).toBe(0);
  });

  it('stores SQL and HTML verbatim', async () => {
    const measure = await createMeasure(t, w.users.A.kpo, { name: HOSTILE_TEXT, unit: '<sup>%</sup>' });
    const read = await t.http().get(`/api/measures/${measure.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(read.body).toMatchObject({ name: HOSTILE_TEXT, unit: '<sup>%</sup>' });
  });

  it('lets KPO leads and admins manage measures, the team write points, hides other trusts and refuses the regulator', async () => {
    const measure = await createMeasure(t, w.users.A.kpo);
    const measureB = await createMeasure(t, w.users.B.kpo);
    const body = { name: 'x', unit: '%', improvementDirection: 'up' };
    const points = [{ periodStart: '2025-01-01', value: 80 }];

    for (const user of [w.users.A.team, w.users.A.ceo, w.users.regulator]) {
      await t.http().post('/api/measures').set(bearer(user)).send(body).expect(403);
      await t.http().patch(`/api/measures/${measure.id}`).set(bearer(user)).send({ version: 1, name: 'x' }).expect(403);
      await t.http().delete(`/api/measures/${measure.id}`).set(bearer(user)).expect(403);
    }
    for (const user of [w.users.A.ceo, w.users.regulator]) await putPoints(user, measure.id, points).expect(403);
    for (const path of ['/api/measures', `/api/measures/${measure.id}`, `/api/measures/${measure.id}/spc`]) {
      await t.http().get(path).set(bearer(w.users.regulator)).expect(403);
    }
    await putPoints(w.users.A.team, measure.id, points).expect(200);

    await t
      .http()
      .post('/api/measures')
      .set(bearer(w.users.A.kpo))
      .send({ ...body, trustId: w.trustB.id })
      .expect(403);
    for (const user of [w.users.A.team, w.users.A.kpo, w.users.A.ceo]) {
      await t.http().get(`/api/measures/${measureB.id}`).set(bearer(user)).expect(404);
      await t.http().get(`/api/measures/${measureB.id}/spc`).set(bearer(user)).expect(404);
      const list = await t.http().get('/api/measures').set(bearer(user)).expect(200);
      expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([measure.id]);
    }
    await putPoints(w.users.A.team, measureB.id, points).expect(404);
    await t
      .http()
      .patch(`/api/measures/${measureB.id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, name: 'x' })
      .expect(404);
    await t.http().delete(`/api/measures/${measureB.id}`).set(bearer(w.users.A.kpo)).expect(404);
    const untouched = await t.http().get(`/api/measures/${measureB.id}`).set(bearer(w.users.B.ceo)).expect(200);
    expect(untouched.body).toMatchObject({ name: 'ED 4-hour performance', version: 1, points: [] });

    await t.http().post('/api/measures').set(bearer(w.users.admin)).send(body).expect(400);
    const byAdmin = await t
      .http()
      .post('/api/measures')
      .set(bearer(w.users.admin))
      .send({ ...body, trustId: w.trustB.id })
      .expect(201);
    expect(byAdmin.body.trustId).toBe(w.trustB.id);
    await putPoints(w.users.admin, measureB.id, points).expect(200);
    const onlyB = await t.http().get(`/api/measures?trustId=${w.trustB.id}`).set(bearer(w.users.admin)).expect(200);
    expect(onlyB.body.items).toHaveLength(2);
  });
});
