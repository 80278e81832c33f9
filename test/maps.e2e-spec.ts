import {
  auditOf,
  createMap,
  createValueStream,
  ED_CURRENT_STEPS,
  ED_FUTURE_STEPS,
  HOSTILE_TEXT,
  messages,
} from './support/improvement';
import { bearer, createTestApp, seedWorld, TestApp, World } from './support/test-app';

// Figures of ED_CURRENT_STEPS on a stream of 30 patients a day in 450 available minutes, by hand:
//   lead time  = (10+5) + (30+15) + (45+20) + (60+10) = 195
//   value added = 5 + 20 = 25 (cycle times of the value_added steps); non-value-added = 170
//   process cycle efficiency = 25 / 195;  rolled %C&A = 100 × 0.90 × 0.95 × 0.80 × 1.00 = 68.4
//   takt = 450 / 30 = 15
// and of ED_FUTURE_STEPS: lead = 10 + 35 + 15 = 60, value added = 25, non-value-added = 35,
//   efficiency = 25 / 60, rolled %C&A = 100 × 0.95 × 0.90 × 1.00 = 85.5.
const CURRENT_METRICS = {
  leadTimeMinutes: 195,
  valueAddedMinutes: 25,
  nonValueAddedMinutes: 170,
  processCycleEfficiency: 25 / 195,
  rolledPercentCompleteAccurate: 68.4,
  taktTimeMinutes: 15,
  stepCount: 4,
};

function expectMetrics(actual: Record<string, number | null>, expected: Record<string, number | null>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [figure, value] of Object.entries(expected)) {
    if (value === null) expect(actual[figure]).toBeNull();
    else expect(actual[figure]).toBeCloseTo(value, 9);
  }
}

describe('value-stream maps', () => {
  let t: TestApp;
  let w: World;
  let stream: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    w = await seedWorld(t);
    stream = await createValueStream(t, w.users.A.kpo);
  });
  afterAll(() => t.close());

  it('creates a map with its steps in order and answers the SPEC figures on every read', async () => {
    const created = await t
      .http()
      .post(`/api/value-streams/${stream.id}/maps`)
      .set(bearer(w.users.A.team))
      .send({ state: 'current', title: 'ED current state', mappedOn: '2025-03-14', steps: ED_CURRENT_STEPS })
      .expect(201);
    expect(created.body).toMatchObject({
      trustId: w.trustA.id,
      valueStreamId: stream.id,
      state: 'current',
      title: 'ED current state',
      mappedOn: '2025-03-14',
      version: 1,
      createdBy: w.users.A.team.id,
    });
    expect(created.body.steps.map((s: { name: string; position: number }) => [s.position, s.name])).toEqual([
      [1, 'Triage'],
      [2, 'Bloods'],
      [3, 'Consultant review'],
      [4, 'Re-key discharge notes'],
    ]);
    expect(created.body.steps[0]).toMatchObject({
      cycleTimeMinutes: 5,
      waitTimeMinutes: 10,
      classification: 'value_added',
      percentCompleteAccurate: 90,
      staff: 1,
    });
    // %C&A defaults to 100 and staff to null.
    expect(created.body.steps[3]).toMatchObject({ percentCompleteAccurate: 100, staff: null });
    expect(new Set(created.body.steps.map((s: { id: string }) => s.id)).size).toBe(4);
    expectMetrics(created.body.metrics, CURRENT_METRICS);

    const read = await t.http().get(`/api/maps/${created.body.id}`).set(bearer(w.users.A.ceo)).expect(200);
    expect(read.body).toEqual(created.body);
    const list = await t.http().get(`/api/value-streams/${stream.id}/maps`).set(bearer(w.users.A.ceo)).expect(200);
    expect(list.body).toEqual({ items: [created.body], nextCursor: null });
    const futureOnly = await t
      .http()
      .get(`/api/value-streams/${stream.id}/maps?state=future`)
      .set(bearer(w.users.A.ceo))
      .expect(200);
    expect(futureOnly.body.items).toEqual([]);
  });

  it('takes takt from the value stream: null without demand, and following its edits', async () => {
    const bare = await createValueStream(t, w.users.A.kpo, {
      name: 'No demand yet',
      demandPerDay: null,
      availableMinutesPerDay: null,
    });
    const map = await createMap(t, w.users.A.team, bare.id);
    expect(map.metrics.taktTimeMinutes).toBeNull();
    await t
      .http()
      .patch(`/api/value-streams/${bare.id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, demandPerDay: 96, availableMinutesPerDay: 1440 })
      .expect(200);
    const read = await t.http().get(`/api/maps/${map.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(read.body.metrics.taktTimeMinutes).toBe(15); // 1440 / 96
  });

  it('replaces the steps with the map version, keeping the ids of the steps given back', async () => {
    const map = await createMap(t, w.users.A.team, stream.id);
    const [triage, bloods, review, rekey] = map.steps;
    // A waste record on the step that stays and one on the step that goes.
    const waste = async (stepId: string) =>
      (
        await t.db.query(
          `INSERT INTO waste_records (trust_id, value_stream_id, map_step_id, waste_type, observed_on, description, minutes_lost, patient_impact)
           VALUES ($1, $2, $3, 'waiting', '2025-03-10', 'queue', 20, 'low') RETURNING id`,
          [w.trustA.id, stream.id, stepId],
        )
      )[0].id;
    const onReview = await waste(review.id);
    const onRekey = await waste(rekey.id);

    const res = await t
      .http()
      .put(`/api/maps/${map.id}/steps`)
      .set(bearer(w.users.A.team))
      .send({
        version: 1,
        steps: [
          { ...ED_CURRENT_STEPS[2], id: review.id, waitTimeMinutes: 15 },
          { ...ED_CURRENT_STEPS[0], id: triage.id },
          {
            name: 'Electronic discharge summary',
            waitTimeMinutes: 0,
            cycleTimeMinutes: 4,
            classification: 'necessary_non_value_added',
            percentCompleteAccurate: 50,
          },
        ],
      })
      .expect(200);
    expect(res.body.version).toBe(2);
    expect(res.body.steps.map((s: { id: string; position: number; name: string }) => [s.position, s.name])).toEqual([
      [1, 'Consultant review'],
      [2, 'Triage'],
      [3, 'Electronic discharge summary'],
    ]);
    expect(res.body.steps[0].id).toBe(review.id);
    expect(res.body.steps[1].id).toBe(triage.id);
    expect([review.id, triage.id, bloods.id, rekey.id]).not.toContain(res.body.steps[2].id);
    // lead = (15+20) + (10+5) + (0+4) = 54; value added = 20 + 5 = 25; rolled = 100 × 0.8 × 0.9 × 0.5 = 36
    expectMetrics(res.body.metrics, {
      leadTimeMinutes: 54,
      valueAddedMinutes: 25,
      nonValueAddedMinutes: 29,
      processCycleEfficiency: 25 / 54,
      rolledPercentCompleteAccurate: 36,
      taktTimeMinutes: 15,
      stepCount: 3,
    });
    const links = await t.db.query(`SELECT id, map_step_id AS "stepId" FROM waste_records ORDER BY id`);
    expect(Object.fromEntries(links.map((l: { id: string; stepId: string | null }) => [l.id, l.stepId]))).toEqual({
      [onReview]: review.id,
      [onRekey]: null,
    });

    // A stale version changes nothing.
    await t
      .http()
      .put(`/api/maps/${map.id}/steps`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, steps: ED_CURRENT_STEPS })
      .expect(409);
    const after = await t.http().get(`/api/maps/${map.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(after.body).toEqual(res.body);

    // An id that is not one of this map's steps is named.
    const other = await createMap(t, w.users.A.team, stream.id);
    const foreign = await t
      .http()
      .put(`/api/maps/${map.id}/steps`)
      .set(bearer(w.users.A.team))
      .send({ version: 2, steps: [{ ...ED_CURRENT_STEPS[0], id: other.steps[0].id }] })
      .expect(400);
    expect(messages(foreign.body)).toMatch(/steps\.0\.id/);

    const audit = await auditOf(t, 'map', map.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[0].changes.steps.after).toHaveLength(4);
    const { before, after: afterSteps } = audit[1].changes.steps as {
      before: Array<{ name: string }>;
      after: Array<{ name: string }>;
    };
    expect(before.map((s) => s.name)).toEqual(['Triage', 'Bloods', 'Consultant review', 'Re-key discharge notes']);
    expect(afterSteps.map((s) => s.name)).toEqual(['Consultant review', 'Triage', 'Electronic discharge summary']);
  });

  it('edits the title, state and date with the version and answers 409 when stale', async () => {
    const map = await createMap(t, w.users.A.team, stream.id);
    const res = await t
      .http()
      .patch(`/api/maps/${map.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, title: 'ED map (validated)', state: 'future', mappedOn: '2025-04-01' })
      .expect(200);
    expect(res.body).toMatchObject({
      version: 2,
      title: 'ED map (validated)',
      state: 'future',
      mappedOn: '2025-04-01',
    });
    expectMetrics(res.body.metrics, CURRENT_METRICS);
    await t
      .http()
      .patch(`/api/maps/${map.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, title: 'late' })
      .expect(409);
    const audit = await auditOf(t, 'map', map.id);
    expect(audit[1].changes).toEqual({
      title: { before: 'ED current state', after: 'ED map (validated)' },
      state: { before: 'current', after: 'future' },
      mappedOn: { before: '2025-03-14', after: '2025-04-01' },
    });
  });

  it('compares two maps of one value stream figure by figure', async () => {
    const current = await createMap(t, w.users.A.team, stream.id);
    const future = await createMap(t, w.users.A.team, stream.id, {
      state: 'future',
      title: 'ED future state',
      steps: ED_FUTURE_STEPS,
    });
    const res = await t
      .http()
      .get(`/api/maps/${current.id}/compare/${future.id}`)
      .set(bearer(w.users.A.ceo))
      .expect(200);
    expectMetrics(res.body.from, CURRENT_METRICS);
    expectMetrics(res.body.to, {
      leadTimeMinutes: 60,
      valueAddedMinutes: 25,
      nonValueAddedMinutes: 35,
      processCycleEfficiency: 25 / 60,
      rolledPercentCompleteAccurate: 85.5,
      taktTimeMinutes: 15,
      stepCount: 3,
    });
    const expected: Record<string, [number, number]> = {
      leadTimeMinutes: [-135, (100 * -135) / 195],
      valueAddedMinutes: [0, 0],
      nonValueAddedMinutes: [-135, (100 * -135) / 170],
      processCycleEfficiency: [25 / 60 - 25 / 195, 225], // (25/60 − 25/195) / (25/195) = 195/60 − 1 = 2.25
      rolledPercentCompleteAccurate: [17.1, 25], // 17.1 / 68.4 = 0.25
      taktTimeMinutes: [0, 0],
      stepCount: [-1, -25],
    };
    expect(Object.keys(res.body.change).sort()).toEqual(Object.keys(expected).sort());
    for (const [figure, [absolute, percent]] of Object.entries(expected)) {
      expect(res.body.change[figure].absolute).toBeCloseTo(absolute, 9);
      expect(res.body.change[figure].percent).toBeCloseTo(percent, 9);
    }

    // Without takt, its change is null; a zero "from" figure gives a null percent.
    const bare = await createValueStream(t, w.users.A.kpo, { name: 'bare', demandPerDay: null });
    const zero = await createMap(t, w.users.A.team, bare.id, {
      steps: [{ name: 'Instant', waitTimeMinutes: 0, cycleTimeMinutes: 0, classification: 'waste' }],
    });
    const some = await createMap(t, w.users.A.team, bare.id, { steps: ED_FUTURE_STEPS });
    const fromZero = await t
      .http()
      .get(`/api/maps/${zero.id}/compare/${some.id}`)
      .set(bearer(w.users.A.team))
      .expect(200);
    expect(fromZero.body.from.processCycleEfficiency).toBeNull();
    expect(fromZero.body.change.leadTimeMinutes).toEqual({ absolute: 60, percent: null });
    expect(fromZero.body.change.taktTimeMinutes).toEqual({ absolute: null, percent: null });
    expect(fromZero.body.change.processCycleEfficiency).toEqual({ absolute: null, percent: null });

    // Maps of two value streams cannot be compared.
    const across = await t
      .http()
      .get(`/api/maps/${current.id}/compare/${some.id}`)
      .set(bearer(w.users.A.team))
      .expect(400);
    expect(messages(across.body)).toMatch(/otherId/);
  });

  it('refuses every value outside the SPEC limits, naming the field', async () => {
    const step = ED_CURRENT_STEPS[0];
    const post = (body: Record<string, unknown>) =>
      t
        .http()
        .post(`/api/value-streams/${stream.id}/maps`)
        .set(bearer(w.users.A.team))
        .send({ state: 'current', title: 'ED', mappedOn: '2025-03-14', steps: [step], ...body });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ state: 'ideal' }, /state must be one of the following values/],
      [{ title: '' }, /title must be longer than or equal to 1/],
      [{ title: 't'.repeat(201) }, /title must be shorter than or equal to 200/],
      [{ mappedOn: '2023-02-29' }, /mappedOn must be a real calendar date/],
      [{ mappedOn: '14/03/2025' }, /mappedOn must be a real calendar date/],
      [{ steps: [] }, /steps must contain at least 1 elements/],
      [{ steps: Array.from({ length: 201 }, () => step) }, /steps must contain no more than 200 elements/],
      [{ steps: 'Triage' }, /steps must be an array/],
      [{ steps: [{ ...step, name: 'n'.repeat(121) }] }, /steps\.0\.name must be shorter than or equal to 120/],
      [{ steps: [{ ...step, name: '' }] }, /steps\.0\.name must be longer than or equal to 1/],
      [{ steps: [step, { ...step, cycleTimeMinutes: -1 }] }, /steps\.1\.cycleTimeMinutes must not be less than 0/],
      [{ steps: [{ ...step, waitTimeMinutes: -0.5 }] }, /steps\.0\.waitTimeMinutes must not be less than 0/],
      [{ steps: [{ ...step, waitTimeMinutes: '5' }] }, /steps\.0\.waitTimeMinutes must be a number/],
      [
        { steps: [{ ...step, classification: 'muda' }] },
        /steps\.0\.classification must be one of the following values/,
      ],
      [
        { steps: [{ ...step, percentCompleteAccurate: 101 }] },
        /steps\.0\.percentCompleteAccurate must not be greater than 100/,
      ],
      [
        { steps: [{ ...step, percentCompleteAccurate: -1 }] },
        /steps\.0\.percentCompleteAccurate must not be less than 0/,
      ],
      [{ steps: [{ ...step, staff: -1 }] }, /steps\.0\.staff must not be less than 0/],
      [{ steps: [{ ...step, staff: 1.5 }] }, /steps\.0\.staff must be an integer/],
      [{ steps: [{ ...step, id: '6f0c2a8e-1a7b-4b9c-8d3e-2f1a0b9c8d7e' }] }, /steps\.0\.property id should not exist/],
      [{ steps: [{ ...step, colour: 'red' }] }, /steps\.0\.property colour should not exist/],
      [{ trustId: w.trustB.id }, /property trustId should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body).expect(400);
      expect(messages(res.body)).toMatch(message);
    }
    // The limits themselves are allowed: 200 steps, %C&A 0 and 100, zero minutes.
    const edge = await post({
      title: 't'.repeat(200),
      steps: Array.from({ length: 200 }, (_, i) => ({
        name: 'n'.repeat(120),
        waitTimeMinutes: 0,
        cycleTimeMinutes: 0,
        classification: 'waste',
        percentCompleteAccurate: i === 0 ? 0 : 100,
        staff: 0,
      })),
    }).expect(201);
    expect(edge.body.steps).toHaveLength(200);
    expect(edge.body.steps[199].position).toBe(200);
    expect(edge.body.metrics).toMatchObject({
      leadTimeMinutes: 0,
      processCycleEfficiency: null,
      rolledPercentCompleteAccurate: 0,
      stepCount: 200,
    });

    const put = (body: Record<string, unknown>) =>
      t.http().put(`/api/maps/${edge.body.id}/steps`).set(bearer(w.users.A.team)).send(body);
    expect(messages((await put({ steps: [step] }).expect(400)).body)).toMatch(/version must be an integer/);
    expect(messages((await put({ version: 1, steps: [] }).expect(400)).body)).toMatch(
      /steps must contain at least 1 elements/,
    );
    expect(messages((await put({ version: 1, steps: [{ ...step, id: 'x' }] }).expect(400)).body)).toMatch(
      /steps\.0\.id must be a UUID/,
    );
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/maps/${edge.body.id}`).set(bearer(w.users.A.team)).send(body);
    expect(messages((await patch({ version: 1, title: null }).expect(400)).body)).toMatch(/title must be a string/);
    expect(messages((await patch({ version: 1, steps: [step] }).expect(400)).body)).toMatch(
      /property steps should not exist/,
    );
  });

  it('stores SQL and HTML verbatim', async () => {
    const map = await createMap(t, w.users.A.team, stream.id, {
      title: HOSTILE_TEXT,
      steps: [{ ...ED_CURRENT_STEPS[0], name: HOSTILE_TEXT.slice(0, 120) }],
    });
    const read = await t.http().get(`/api/maps/${map.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(read.body.title).toBe(HOSTILE_TEXT);
    expect(read.body.steps[0].name).toBe(HOSTILE_TEXT.slice(0, 120));
  });

  it('lets the improvement team map but only KPO leads and admins delete; hides other trusts; refuses the regulator', async () => {
    const map = await createMap(t, w.users.A.team, stream.id);
    const streamB = await createValueStream(t, w.users.B.kpo);
    const mapB = await createMap(t, w.users.B.team, streamB.id);
    const newMap = { state: 'future', title: 'x', mappedOn: '2025-01-01', steps: ED_FUTURE_STEPS };

    // Roles that may not write maps at all.
    for (const user of [w.users.A.ceo, w.users.regulator]) {
      await t.http().post(`/api/value-streams/${stream.id}/maps`).set(bearer(user)).send(newMap).expect(403);
      await t.http().patch(`/api/maps/${map.id}`).set(bearer(user)).send({ version: 1, title: 'x' }).expect(403);
      await t
        .http()
        .put(`/api/maps/${map.id}/steps`)
        .set(bearer(user))
        .send({ version: 1, steps: ED_FUTURE_STEPS })
        .expect(403);
      await t.http().delete(`/api/maps/${map.id}`).set(bearer(user)).expect(403);
    }
    await t.http().delete(`/api/maps/${map.id}`).set(bearer(w.users.A.team)).expect(403);
    for (const path of [
      `/api/maps/${map.id}`,
      `/api/value-streams/${stream.id}/maps`,
      `/api/maps/${map.id}/compare/${map.id}`,
    ]) {
      await t.http().get(path).set(bearer(w.users.regulator)).expect(403);
    }

    // Another trust's maps and value streams do not exist for trust roles.
    for (const user of [w.users.A.team, w.users.A.kpo, w.users.A.ceo]) {
      await t.http().get(`/api/maps/${mapB.id}`).set(bearer(user)).expect(404);
      await t.http().get(`/api/value-streams/${streamB.id}/maps`).set(bearer(user)).expect(404);
      await t.http().get(`/api/maps/${map.id}/compare/${mapB.id}`).set(bearer(user)).expect(404);
    }
    for (const user of [w.users.A.team, w.users.A.kpo]) {
      await t.http().post(`/api/value-streams/${streamB.id}/maps`).set(bearer(user)).send(newMap).expect(404);
      await t.http().patch(`/api/maps/${mapB.id}`).set(bearer(user)).send({ version: 1, title: 'x' }).expect(404);
      await t
        .http()
        .put(`/api/maps/${mapB.id}/steps`)
        .set(bearer(user))
        .send({ version: 1, steps: ED_FUTURE_STEPS })
        .expect(404);
    }
    await t.http().delete(`/api/maps/${mapB.id}`).set(bearer(w.users.A.kpo)).expect(404);
    const untouched = await t.http().get(`/api/maps/${mapB.id}`).set(bearer(w.users.B.team)).expect(200);
    expect(untouched.body).toEqual(mapB);

    // Admin works in every trust; a KPO lead deletes maps of the own trust.
    await t.http().post(`/api/value-streams/${streamB.id}/maps`).set(bearer(w.users.admin)).send(newMap).expect(201);
    await t.http().get(`/api/maps/${mapB.id}`).set(bearer(w.users.admin)).expect(200);
    await t.http().delete(`/api/maps/${map.id}`).set(bearer(w.users.A.kpo)).expect(204);
    await t.http().get(`/api/maps/${map.id}`).set(bearer(w.users.A.kpo)).expect(404);
    const audit = await auditOf(t, 'map', map.id);
    expect(audit.map((a) => [a.action, a.actorId, a.trustId])).toEqual([
      ['create', w.users.A.team.id, w.trustA.id],
      ['delete', w.users.A.kpo.id, w.trustA.id],
    ]);
    expect(audit[1].changes.title).toEqual({ before: 'ED current state', after: null });
  });
});
