import { auditOf, createEvent, createValueStream, HOSTILE_TEXT, messages } from './support/improvement';
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from './support/test-app';

const METRICS = [
  { name: 'Arrival to ward bed', unit: 'minutes', direction: 'lower_is_better', baseline: 320, target: 240 },
  { name: 'Discharges before noon', unit: '%', direction: 'higher_is_better', baseline: 15, target: 33 },
];

describe('improvement events', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    w = await seedWorld(t);
  });
  afterAll(() => t.close());

  const followUp = (user: TestUser, eventId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/improvement-events/${eventId}/follow-ups`).set(bearer(user)).send(body);
  const marksSince = async (id: number) =>
    (
      await t.db.query(`SELECT trust_id AS "trustId", day::text AS day FROM rollup_marks WHERE id > $1 ORDER BY day`, [
        id,
      ])
    ).map((m: { trustId: string; day: string }) => `${m.trustId === w.trustA.id ? 'A' : m.trustId}:${m.day}`);
  const lastMark = async (): Promise<number> =>
    Number((await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM rollup_marks`))[0].id);

  it('creates an event with metrics and reports each metric from the latest follow-up', async () => {
    const stream = await createValueStream(t, w.users.A.kpo);
    const created = await t
      .http()
      .post('/api/improvement-events')
      .set(bearer(w.users.A.team))
      .send({
        valueStreamId: stream.id,
        kind: 'rpiw',
        title: 'RPIW: ED to ward handover',
        problemStatement: 'Patients wait five hours for a bed',
        startDate: '2025-03-03',
        endDate: '2025-03-07',
        status: 'follow_up',
        metrics: METRICS,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      trustId: w.trustA.id,
      valueStreamId: stream.id,
      kind: 'rpiw',
      status: 'follow_up',
      startDate: '2025-03-03',
      endDate: '2025-03-07',
      version: 1,
      followUps: [],
      wasteRecords: [],
      progress: { metrics: 2, reported: 0, targetsMet: 0, latestCheckpointDay: null },
    });
    const [los, noon] = created.body.metrics;
    expect(los).toEqual({ id: los.id, ...METRICS[0], latest: null, progressToTarget: null, targetMet: null });
    expect(noon.id).not.toBe(los.id);

    const eventId = created.body.id;
    const day30 = await followUp(w.users.A.team, eventId, {
      checkpointDay: 30,
      measuredOn: '2025-04-07',
      results: [
        { metricId: los.id, value: 290 },
        { metricId: noon.id, value: 20 },
      ],
      notes: 'first check',
    }).expect(201);
    expect(day30.body).toMatchObject({
      eventId,
      trustId: w.trustA.id,
      checkpointDay: 30,
      measuredOn: '2025-04-07',
      notes: 'first check',
      version: 1,
    });
    // The 90-day follow-up is entered before the 60-day one: the highest checkpoint wins, not the last entry.
    await followUp(w.users.A.kpo, eventId, {
      checkpointDay: 90,
      measuredOn: '2025-06-06',
      results: [{ metricId: los.id, value: 236 }],
    }).expect(201);
    await followUp(w.users.A.team, eventId, {
      checkpointDay: 60,
      measuredOn: '2025-05-06',
      results: [
        { metricId: los.id, value: 260 },
        { metricId: noon.id, value: 27 },
      ],
    }).expect(201);

    const read = await t.http().get(`/api/improvement-events/${eventId}`).set(bearer(w.users.A.ceo)).expect(200);
    // Arrival to ward bed: latest = 236 (day 90); progress = (236 − 320) / (240 − 320) = 1.05; 236 ≤ 240 meets it.
    // Discharges before noon: latest = 27 (day 60, the highest reporting it); progress = 12 / 18; 27 < 33 misses.
    expect(read.body.metrics[0]).toMatchObject({ id: los.id, latest: 236, targetMet: true });
    expect(read.body.metrics[0].progressToTarget).toBeCloseTo(1.05, 12);
    expect(read.body.metrics[1]).toMatchObject({ id: noon.id, latest: 27, targetMet: false });
    expect(read.body.metrics[1].progressToTarget).toBeCloseTo(12 / 18, 12);
    expect(read.body.progress).toEqual({ metrics: 2, reported: 2, targetsMet: 1, latestCheckpointDay: 90 });
    expect(read.body.followUps.map((f: { checkpointDay: number }) => f.checkpointDay)).toEqual([30, 60, 90]);

    // A second day-90 follow-up measured later wins the tie.
    await followUp(w.users.A.team, eventId, {
      checkpointDay: 90,
      measuredOn: '2025-06-10',
      results: [
        { metricId: los.id, value: 238 },
        { metricId: noon.id, value: 34 },
      ],
    }).expect(201);
    const tie = await t.http().get(`/api/improvement-events/${eventId}`).set(bearer(w.users.A.team)).expect(200);
    expect(tie.body.metrics[0]).toMatchObject({ latest: 238, targetMet: true });
    expect(tie.body.metrics[0].progressToTarget).toBeCloseTo(82 / 80, 12);
    expect(tie.body.metrics[1]).toMatchObject({ latest: 34, targetMet: true });
    expect(tie.body.metrics[1].progressToTarget).toBeCloseTo(19 / 18, 12);
    expect(tie.body.progress).toEqual({ metrics: 2, reported: 2, targetsMet: 2, latestCheckpointDay: 90 });

    const list = await t.http().get('/api/improvement-events').set(bearer(w.users.A.team)).expect(200);
    expect(list.body).toEqual({ items: [tie.body], nextCursor: null });
  });

  it('answers a null progress when target equals baseline', async () => {
    const event = await createEvent(t, w.users.A.team, {
      metrics: [{ name: 'Falls', unit: 'count', direction: 'lower_is_better', baseline: 4, target: 4 }],
    });
    await followUp(w.users.A.team, event.id, {
      checkpointDay: 30,
      measuredOn: '2025-04-07',
      results: [{ metricId: event.metrics[0].id, value: 3 }],
    }).expect(201);
    const read = await t.http().get(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(read.body.metrics[0]).toMatchObject({ latest: 3, progressToTarget: null, targetMet: true });
  });

  it('refuses follow-up results that are not metrics of the event', async () => {
    const event = await createEvent(t, w.users.A.team, { metrics: METRICS });
    const other = await createEvent(t, w.users.A.team, { metrics: METRICS });
    const foreign = await followUp(w.users.A.team, event.id, {
      checkpointDay: 30,
      measuredOn: '2025-04-07',
      results: [
        { metricId: event.metrics[0].id, value: 1 },
        { metricId: other.metrics[0].id, value: 2 },
      ],
    }).expect(400);
    expect(messages(foreign.body)).toMatch(/results\.1\.metricId/);
    const twice = await followUp(w.users.A.team, event.id, {
      checkpointDay: 30,
      measuredOn: '2025-04-07',
      results: [
        { metricId: event.metrics[0].id, value: 1 },
        { metricId: event.metrics[0].id, value: 2 },
      ],
    }).expect(400);
    expect(messages(twice.body)).toMatch(/results\.1\.metricId/);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM follow_ups`);
    expect(count).toBe(0);
  });

  it('replaces metrics as a whole list, keeping the ids given back (and their follow-up results)', async () => {
    const event = await createEvent(t, w.users.A.team, { metrics: METRICS });
    const [los, noon] = event.metrics;
    await followUp(w.users.A.team, event.id, {
      checkpointDay: 30,
      measuredOn: '2025-04-07',
      results: [{ metricId: los.id, value: 250 }],
    }).expect(201);
    const res = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({
        version: 1,
        status: 'sustained',
        metrics: [
          { name: 'Bed waits', unit: 'hours', direction: 'higher_is_better', baseline: 2, target: 8 },
          { ...METRICS[0], id: los.id, target: 250 },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({ version: 2, status: 'sustained' });
    expect(res.body.metrics.map((m: { name: string }) => m.name)).toEqual(['Bed waits', 'Arrival to ward bed']);
    expect(res.body.metrics[1]).toMatchObject({
      id: los.id,
      target: 250,
      latest: 250,
      progressToTarget: 1,
      targetMet: true,
    });
    expect([los.id, noon.id]).not.toContain(res.body.metrics[0].id);
    expect(res.body.metrics[0]).toMatchObject({ latest: null, targetMet: null });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM event_metrics WHERE id = $1`, [noon.id]);
    expect(count).toBe(0);

    // Leaving metrics out keeps them; an empty list removes them all.
    const kept = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 2, title: 'Renamed' })
      .expect(200);
    expect(kept.body.metrics).toHaveLength(2);
    const cleared = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 3, metrics: [] })
      .expect(200);
    expect(cleared.body.metrics).toEqual([]);

    const unknown = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 4, metrics: [{ ...METRICS[0], id: noon.id }] })
      .expect(400);
    expect(messages(unknown.body)).toMatch(/metrics\.0\.id/);

    const audit = await auditOf(t, 'improvement_event', event.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
    expect((audit[0].changes.metrics.after as unknown[]).length).toBe(2);
    expect(audit[1].changes.status).toEqual({ before: 'follow_up', after: 'sustained' });
    const after = audit[1].changes.metrics.after as Array<{ id: string; target: number }>;
    expect(after[1]).toMatchObject({ id: los.id, target: 250 });
    expect(audit[2].changes).toEqual({ title: { before: 'RPIW: ED to ward', after: 'Renamed' } });
  });

  it('refuses an end before the start, naming endDate, on create and on update', async () => {
    const post = await t
      .http()
      .post('/api/improvement-events')
      .set(bearer(w.users.A.team))
      .send({ kind: 'kaizen', title: 'x', startDate: '2025-03-07', endDate: '2025-03-06' })
      .expect(400);
    expect(messages(post.body)).toMatch(/endDate/);
    const event = await createEvent(t, w.users.A.team, {
      startDate: '2025-03-03',
      endDate: null,
      status: 'in_progress',
    });
    expect(event.endDate).toBeNull();
    const patch = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, endDate: '2025-03-02' })
      .expect(400);
    expect(messages(patch.body)).toMatch(/endDate/);
    const moveStart = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, endDate: '2025-03-03' })
      .expect(200);
    expect(moveStart.body.endDate).toBe('2025-03-03'); // the same day is allowed
    const late = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 2, startDate: '2025-03-04' })
      .expect(400);
    expect(messages(late.body)).toMatch(/endDate/);
  });

  it('defaults the status to planned and refuses every value outside the SPEC limits, naming the field', async () => {
    const planned = await createEvent(t, w.users.A.team, { status: undefined, endDate: undefined });
    expect(planned).toMatchObject({
      status: 'planned',
      endDate: null,
      metrics: [],
      problemStatement: null,
      valueStreamId: null,
    });

    const metric = METRICS[0];
    const post = (body: Record<string, unknown>) =>
      t
        .http()
        .post('/api/improvement-events')
        .set(bearer(w.users.A.team))
        .send({ kind: 'pdsa', title: 'PDSA', startDate: '2025-01-06', ...body });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ kind: 'hackathon' }, /kind must be one of the following values/],
      [{ kind: undefined }, /kind must be one of the following values/],
      [{ status: 'done' }, /status must be one of the following values/],
      [{ title: '' }, /title must be longer than or equal to 1/],
      [{ title: 't'.repeat(201) }, /title must be shorter than or equal to 200/],
      [{ problemStatement: 'p'.repeat(4001) }, /problemStatement must be shorter than or equal to 4000/],
      [{ startDate: undefined }, /startDate must be a real calendar date/],
      [{ startDate: '2025-13-01' }, /startDate must be a real calendar date/],
      [{ endDate: '2025-1-9' }, /endDate must be a real calendar date/],
      [{ valueStreamId: 'vs-1' }, /valueStreamId must be a UUID/],
      [{ metrics: Array.from({ length: 21 }, () => metric) }, /metrics must contain no more than 20 elements/],
      [{ metrics: [{ ...metric, name: '' }] }, /metrics\.0\.name must be longer than or equal to 1/],
      [{ metrics: [{ ...metric, unit: 'u'.repeat(41) }] }, /metrics\.0\.unit must be shorter than or equal to 40/],
      [{ metrics: [{ ...metric, direction: 'up' }] }, /metrics\.0\.direction must be one of the following values/],
      [{ metrics: [{ ...metric, baseline: '320' }] }, /metrics\.0\.baseline must be a number/],
      [{ metrics: [{ ...metric, target: undefined }] }, /metrics\.0\.target must be a number/],
      [
        { metrics: [{ ...metric, id: '6f0c2a8e-1a7b-4b9c-8d3e-2f1a0b9c8d7e' }] },
        /metrics\.0\.property id should not exist/,
      ],
      [{ sponsor: 'CEO' }, /property sponsor should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body).expect(400);
      expect(messages(res.body)).toMatch(message);
    }
    const twenty = await post({
      title: 't'.repeat(200),
      problemStatement: 'p'.repeat(4000),
      metrics: Array.from({ length: 20 }, () => metric),
    }).expect(201);
    expect(twenty.body.metrics).toHaveLength(20);
    expect(new Set(twenty.body.metrics.map((m: { id: string }) => m.id)).size).toBe(20);

    const event = twenty.body;
    const fu = (body: Record<string, unknown>) =>
      followUp(w.users.A.team, event.id, { checkpointDay: 30, measuredOn: '2025-02-05', results: [], ...body });
    const followUpCases: Array<[Record<string, unknown>, RegExp]> = [
      [{ checkpointDay: 0 }, /checkpointDay must not be less than 1/],
      [{ checkpointDay: 30.5 }, /checkpointDay must be an integer/],
      [{ measuredOn: '2025-02-30' }, /measuredOn must be a real calendar date/],
      [{ results: undefined }, /results must be an array/],
      [{ results: [{ metricId: event.metrics[0].id }] }, /results\.0\.value must be a number/],
      [{ results: [{ metricId: 'm1', value: 1 }] }, /results\.0\.metricId must be a UUID/],
      [{ notes: 'n'.repeat(4001) }, /notes must be shorter than or equal to 4000/],
      [{ eventId: event.id }, /property eventId should not exist/],
    ];
    for (const [body, message] of followUpCases) {
      const res = await fu(body).expect(400);
      expect(messages(res.body)).toMatch(message);
    }
    await fu({ checkpointDay: 1, notes: 'n'.repeat(4000) }).expect(201);

    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.team)).send(body);
    expect(messages((await patch({ title: 'x' }).expect(400)).body)).toMatch(/version must be an integer/);
    expect(messages((await patch({ version: 1, kind: null }).expect(400)).body)).toMatch(/kind must be one of/);
    expect(
      messages((await patch({ version: 1, metrics: Array.from({ length: 21 }, () => metric) }).expect(400)).body),
    ).toMatch(/metrics must contain no more than 20 elements/);
    expect(messages((await patch({ version: 1, trustId: w.trustB.id }).expect(400)).body)).toMatch(
      /property trustId should not exist/,
    );
  });

  it('marks the start and end buckets of the event, old and new, in the same transaction', async () => {
    let mark = await lastMark();
    const event = await createEvent(t, w.users.A.team, {
      kind: 'everyday_lean_idea',
      startDate: '2025-03-03',
      endDate: '2025-03-07',
    });
    expect(await marksSince(mark)).toEqual(['A:2025-03-03', 'A:2025-03-07']);

    mark = await lastMark();
    await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, endDate: '2025-03-10' })
      .expect(200);
    expect(await marksSince(mark)).toEqual(['A:2025-03-03', 'A:2025-03-07', 'A:2025-03-10']);

    // A refused write marks nothing.
    mark = await lastMark();
    await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, endDate: '2025-03-11' })
      .expect(409);
    expect(await marksSince(mark)).toEqual([]);

    await t.http().delete(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.kpo)).expect(204);
    expect(await marksSince(mark)).toEqual(['A:2025-03-03', 'A:2025-03-10']);
  });

  it('lists the waste records linked to the event', async () => {
    const event = await createEvent(t, w.users.A.team);
    const other = await createEvent(t, w.users.A.team);
    const insert = (eventId: string, observedOn: string, minutes: number, occurrences: number, status: string) =>
      t.db.query(
        `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status,
                                    eliminated_on, improvement_event_id)
         VALUES ($1, 'waiting', $2, 'bed wait', $3, $4, 'medium', $5, CASE WHEN $5 = 'eliminated' THEN $2::date END, $6) RETURNING id`,
        [w.trustA.id, observedOn, minutes, occurrences, status, eventId],
      );
    const [[later], [earlier]] = [
      await insert(event.id, '2025-03-05', 42.5, 3, 'eliminated'),
      await insert(event.id, '2025-02-20', 15, 1, 'identified'),
    ];
    await insert(other.id, '2025-02-21', 5, 1, 'identified');
    const read = await t.http().get(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(read.body.wasteRecords).toEqual([
      {
        id: earlier.id,
        wasteType: 'waiting',
        observedOn: '2025-02-20',
        minutesLost: 15,
        occurrences: 1,
        status: 'identified',
      },
      {
        id: later.id,
        wasteType: 'waiting',
        observedOn: '2025-03-05',
        minutesLost: 42.5,
        occurrences: 3,
        status: 'eliminated',
      },
    ]);
    // Deleting the event unlinks its waste records rather than deleting them.
    await t.http().delete(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.kpo)).expect(204);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM waste_records WHERE improvement_event_id IS NULL`,
    );
    expect(count).toBe(2);
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const event = await createEvent(t, w.users.A.team, { metrics: METRICS });
    await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, status: 'sustained' })
      .expect(200);
    const stale = await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, status: 'closed', metrics: [] })
      .expect(409);
    expect(stale.body.message).toMatch(/version/);
    const now = await t.http().get(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(now.body).toMatchObject({ status: 'sustained', version: 2 });
    expect(now.body.metrics).toHaveLength(2);
  });

  it('stores SQL and HTML verbatim', async () => {
    const event = await createEvent(t, w.users.A.team, {
      title: HOSTILE_TEXT,
      problemStatement: HOSTILE_TEXT,
      metrics: [{ ...METRICS[0], name: HOSTILE_TEXT.slice(0, 100), unit: '<i>%</i>' }],
    });
    await followUp(w.users.A.team, event.id, {
      checkpointDay: 30,
      measuredOn: '2025-04-01',
      results: [],
      notes: HOSTILE_TEXT,
    }).expect(201);
    const read = await t.http().get(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.team)).expect(200);
    expect(read.body.title).toBe(HOSTILE_TEXT);
    expect(read.body.problemStatement).toBe(HOSTILE_TEXT);
    expect(read.body.metrics[0]).toMatchObject({ name: HOSTILE_TEXT.slice(0, 100), unit: '<i>%</i>' });
    expect(read.body.followUps[0].notes).toBe(HOSTILE_TEXT);
  });

  it('lets the improvement team run events, KPO leads delete them, hides other trusts and refuses the regulator', async () => {
    const event = await createEvent(t, w.users.A.team, { metrics: METRICS });
    const eventB = await createEvent(t, w.users.B.team, { metrics: METRICS });
    const streamB = await createValueStream(t, w.users.B.kpo);
    const body = { kind: 'kaizen', title: 'x', startDate: '2025-01-06' };
    const fuBody = { checkpointDay: 30, measuredOn: '2025-04-01', results: [] };

    for (const user of [w.users.A.ceo, w.users.regulator]) {
      await t.http().post('/api/improvement-events').set(bearer(user)).send(body).expect(403);
      await t
        .http()
        .patch(`/api/improvement-events/${event.id}`)
        .set(bearer(user))
        .send({ version: 1, title: 'x' })
        .expect(403);
      await t.http().delete(`/api/improvement-events/${event.id}`).set(bearer(user)).expect(403);
      await followUp(user, event.id, fuBody).expect(403);
    }
    await t.http().delete(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.team)).expect(403);
    await t.http().get('/api/improvement-events').set(bearer(w.users.regulator)).expect(403);
    await t.http().get(`/api/improvement-events/${event.id}`).set(bearer(w.users.regulator)).expect(403);

    // Writing into another trust is forbidden; its value streams cannot be named; its events do not exist.
    await t
      .http()
      .post('/api/improvement-events')
      .set(bearer(w.users.A.team))
      .send({ ...body, trustId: w.trustB.id })
      .expect(403);
    const foreignStream = await t
      .http()
      .post('/api/improvement-events')
      .set(bearer(w.users.A.team))
      .send({ ...body, valueStreamId: streamB.id })
      .expect(400);
    expect(messages(foreignStream.body)).toMatch(/valueStreamId/);
    const adminMismatch = await t
      .http()
      .post('/api/improvement-events')
      .set(bearer(w.users.admin))
      .send({ ...body, trustId: w.trustA.id, valueStreamId: streamB.id })
      .expect(400);
    expect(messages(adminMismatch.body)).toMatch(/valueStreamId/);
    for (const user of [w.users.A.team, w.users.A.kpo, w.users.A.ceo]) {
      await t.http().get(`/api/improvement-events/${eventB.id}`).set(bearer(user)).expect(404);
      const list = await t.http().get('/api/improvement-events').set(bearer(user)).expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([event.id]);
    }
    for (const user of [w.users.A.team, w.users.A.kpo]) {
      await t
        .http()
        .patch(`/api/improvement-events/${eventB.id}`)
        .set(bearer(user))
        .send({ version: 1, title: 'x' })
        .expect(404);
      await followUp(user, eventB.id, fuBody).expect(404);
    }
    await t.http().delete(`/api/improvement-events/${eventB.id}`).set(bearer(w.users.A.kpo)).expect(404);
    await t
      .http()
      .patch(`/api/improvement-events/${event.id}`)
      .set(bearer(w.users.A.team))
      .send({ version: 1, valueStreamId: streamB.id })
      .expect(400);

    // Admin sees both trusts and can narrow to one.
    const all = await t.http().get('/api/improvement-events').set(bearer(w.users.admin)).expect(200);
    expect(all.body.items).toHaveLength(2);
    const onlyB = await t
      .http()
      .get(`/api/improvement-events?trustId=${w.trustB.id}`)
      .set(bearer(w.users.admin))
      .expect(200);
    expect(onlyB.body.items.map((e: { id: string }) => e.id)).toEqual([eventB.id]);
    await followUp(w.users.admin, eventB.id, fuBody).expect(201);

    // The KPO lead deletes the event with its follow-ups, all audited.
    const fu = await followUp(w.users.A.team, event.id, {
      ...fuBody,
      results: [{ metricId: event.metrics[0].id, value: 300 }],
    }).expect(201);
    await t.http().delete(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.kpo)).expect(204);
    await t.http().get(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.kpo)).expect(404);
    const eventAudit = await auditOf(t, 'improvement_event', event.id);
    expect(eventAudit.map((a) => [a.action, a.actorId, a.trustId])).toEqual([
      ['create', w.users.A.team.id, w.trustA.id],
      ['delete', w.users.A.kpo.id, w.trustA.id],
    ]);
    expect((eventAudit[1].changes.metrics.before as unknown[]).length).toBe(2);
    const fuAudit = await auditOf(t, 'follow_up', fu.body.id);
    expect(fuAudit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(fuAudit[0].changes.results.after).toEqual([{ metricId: event.metrics[0].id, value: 300 }]);
  });

  it('filters lists by value stream, kind and status, latest start first', async () => {
    const stream = await createValueStream(t, w.users.A.kpo);
    const a = await createEvent(t, w.users.A.team, {
      kind: 'rpiw',
      startDate: '2025-01-06',
      endDate: '2025-01-10',
      status: 'sustained',
      valueStreamId: stream.id,
    });
    const b = await createEvent(t, w.users.A.team, {
      kind: 'kaizen',
      startDate: '2025-02-03',
      endDate: null,
      status: 'in_progress',
    });
    const c = await createEvent(t, w.users.A.team, {
      kind: 'rpiw',
      startDate: '2025-03-03',
      endDate: null,
      status: 'planned',
    });
    const ids = async (query: string) =>
      (await t.http().get(`/api/improvement-events${query}`).set(bearer(w.users.A.team)).expect(200)).body.items.map(
        (e: { id: string }) => e.id,
      );
    expect(await ids('')).toEqual([c.id, b.id, a.id]);
    expect(await ids('?kind=rpiw')).toEqual([c.id, a.id]);
    expect(await ids('?status=in_progress')).toEqual([b.id]);
    expect(await ids(`?valueStreamId=${stream.id}`)).toEqual([a.id]);
    const page = await t.http().get('/api/improvement-events?limit=2').set(bearer(w.users.A.team)).expect(200);
    expect(page.body.items.map((e: { id: string }) => e.id)).toEqual([c.id, b.id]);
    const next = await t
      .http()
      .get(`/api/improvement-events?limit=2&cursor=${page.body.nextCursor}`)
      .set(bearer(w.users.A.team))
      .expect(200);
    expect(next.body.items.map((e: { id: string }) => e.id)).toEqual([a.id]);
    await t.http().get('/api/improvement-events?kind=hackathon').set(bearer(w.users.A.team)).expect(400);
  });
});
