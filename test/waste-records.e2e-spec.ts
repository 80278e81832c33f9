import { addDays, todayIn } from '@app/domain';
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from './support/test-app';

// The API's calendar is Europe/London unless TZ says otherwise (the test environment does not).
const today = () => todayIn(process.env.TZ || 'Europe/London');

// Jest ignores testTimeout inside `projects`; give slow, shared machines some room.
jest.setTimeout(30000);

describe('waste records', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    observedOn: addDays(today(), -10),
    wasteType: 'waiting',
    description: 'Patients wait for a porter before every scan',
    minutesLost: 12.5,
    occurrences: 4,
    patientImpact: 'medium',
    ...overrides,
  });
  const create = (user: TestUser, overrides: Record<string, unknown> = {}) =>
    t.http().post('/api/waste-records').set(bearer(user)).send(body(overrides));

  /** A value stream with one current map of one step, straight into the tables (another feature's API). */
  async function valueStreamOf(trustId: string, name = 'Emergency admissions') {
    const [stream] = await t.db.query(`INSERT INTO value_streams (trust_id, name) VALUES ($1, $2) RETURNING id`, [
      trustId,
      name,
    ]);
    const [map] = await t.db.query(
      `INSERT INTO value_stream_maps (trust_id, value_stream_id, state, title, mapped_on) VALUES ($1, $2, 'current', 'Now', '2025-01-01') RETURNING id`,
      [trustId, stream.id],
    );
    const [step] = await t.db.query(
      `INSERT INTO map_steps (map_id, position, name, cycle_time_minutes, wait_time_minutes, classification)
       VALUES ($1, 1, 'Triage', 10, 30, 'value_added') RETURNING id`,
      [map.id],
    );
    const [event] = await t.db.query(
      `INSERT INTO improvement_events (trust_id, value_stream_id, kind, title, start_date, status)
       VALUES ($1, $2, 'rpiw', 'Triage RPIW', '2025-02-03', 'follow_up') RETURNING id`,
      [trustId, stream.id],
    );
    return { valueStreamId: stream.id as string, mapStepId: step.id as string, improvementEventId: event.id as string };
  }

  const marksOf = async (trustId: string): Promise<string[]> =>
    (
      await t.db.query(`SELECT DISTINCT day::text AS day FROM rollup_marks WHERE trust_id = $1 ORDER BY 1`, [trustId])
    ).map((r: { day: string }) => r.day);

  describe('happy path', () => {
    it('creates with defaults, reads, lists, updates and deletes', async () => {
      const created = await t
        .http()
        .post('/api/waste-records')
        .set(bearer(world.users.A.team))
        .send(body({ occurrences: undefined }))
        .expect(201);
      expect(created.body).toMatchObject({
        trustId: world.trustA.id,
        wasteType: 'waiting',
        observedOn: addDays(today(), -10),
        minutesLost: 12.5,
        occurrences: 1,
        patientImpact: 'medium',
        status: 'identified',
        eliminatedOn: null,
        valueStreamId: null,
        mapStepId: null,
        improvementEventId: null,
        version: 1,
        createdBy: world.users.A.team.id,
      });
      const id = created.body.id;

      const read = await t.http().get(`/api/waste-records/${id}`).set(bearer(world.users.A.ceo)).expect(200);
      expect(read.body).toMatchObject({ id, minutesLost: 12.5, occurrences: 1, observedOn: addDays(today(), -10) });

      const list = await t.http().get('/api/waste-records').set(bearer(world.users.A.kpo)).expect(200);
      expect(list.body).toEqual({ items: [expect.objectContaining({ id })], nextCursor: null });

      const patched = await t
        .http()
        .patch(`/api/waste-records/${id}`)
        .set(bearer(world.users.A.team))
        .send({ version: 1, minutesLost: 30, occurrences: 2, status: 'in_progress' })
        .expect(200);
      expect(patched.body).toMatchObject({ id, version: 2, minutesLost: 30, occurrences: 2, status: 'in_progress' });

      await t.http().delete(`/api/waste-records/${id}`).set(bearer(world.users.A.kpo)).expect(204);
      await t.http().get(`/api/waste-records/${id}`).set(bearer(world.users.A.kpo)).expect(404);
    });

    it('links a value stream, a map step and an event of the same trust', async () => {
      const links = await valueStreamOf(world.trustA.id);
      const res = await create(world.users.A.team, links).expect(201);
      expect(res.body).toMatchObject(links);
    });

    it('lets an admin write into a named trust and asks for one', async () => {
      const res = await create(world.users.admin, { trustId: world.trustB.id }).expect(201);
      expect(res.body.trustId).toBe(world.trustB.id);
      const missing = await create(world.users.admin).expect(400);
      expect(missing.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^trustId/)]));
      const unknown = await create(world.users.admin, { trustId: '7d1f6c52-9a3e-4b8f-8c2d-5e6f7a8b9c0d' }).expect(400);
      expect(unknown.body.message.join(' ')).toMatch(/^trustId/);
    });

    it('keeps SQL and HTML in the description verbatim', async () => {
      const description = `Robert'); DROP TABLE waste_records;-- <script>alert("x")</script> & <b>bold</b> \u00e9\u{1F3E5}`;
      const res = await create(world.users.A.team, { description }).expect(201);
      const read = await t.http().get(`/api/waste-records/${res.body.id}`).set(bearer(world.users.A.team)).expect(200);
      expect(read.body.description).toBe(description);
      expect(read.headers['content-type']).toMatch(/application\/json/);
    });
  });

  describe('field rules (SPEC §2): 400 naming the field', () => {
    const tomorrow = () => addDays(today(), 1);
    const cases: [string, Record<string, unknown>, string][] = [
      ['observedOn not a calendar day', { observedOn: '2025-02-29' }, 'observedOn must be a real calendar date'],
      ['observedOn not ISO', { observedOn: '03/02/2025' }, 'observedOn must be a real calendar date'],
      ['observedOn before 2000', { observedOn: '1999-12-31' }, 'observedOn must not be before 2000-01-01'],
      ['observedOn missing', { observedOn: undefined }, 'observedOn must be a real calendar date'],
      ['wasteType unknown', { wasteType: 'muda' }, 'wasteType must be one of the following values'],
      ['description empty', { description: '' }, 'description must be longer than or equal to 1 characters'],
      [
        'description of 2001',
        { description: 'x'.repeat(2001) },
        'description must be shorter than or equal to 2000 characters',
      ],
      ['description with NUL', { description: 'nul\u0000byte' }, 'description must not contain NUL characters'],
      ['minutesLost below 0', { minutesLost: -0.5 }, 'minutesLost must not be less than 0'],
      ['minutesLost above 10080', { minutesLost: 10080.5 }, 'minutesLost must not be greater than 10080'],
      ['minutesLost a string', { minutesLost: '12' }, 'minutesLost must be a number'],
      ['occurrences 0', { occurrences: 0 }, 'occurrences must not be less than 1'],
      ['occurrences above 100000', { occurrences: 100001 }, 'occurrences must not be greater than 100000'],
      ['occurrences a fraction', { occurrences: 1.5 }, 'occurrences must be an integer number'],
      ['patientImpact unknown', { patientImpact: 'catastrophic' }, 'patientImpact must be one of the following values'],
      ['status unknown', { status: 'done' }, 'status must be one of the following values'],
      ['valueStreamId not a uuid', { valueStreamId: 'stream-1' }, 'valueStreamId must be a UUID'],
      ['mapStepId not a uuid', { mapStepId: 'step-1' }, 'mapStepId must be a UUID'],
      ['improvementEventId not a uuid', { improvementEventId: 'rpiw-1' }, 'improvementEventId must be a UUID'],
      ['an unknown field', { colour: 'red' }, 'property colour should not exist'],
    ];
    it.each(cases)('refuses %s', async (_label, overrides, message) => {
      const res = await create(world.users.A.team, overrides).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
      expect(await t.db.query(`SELECT 1 FROM waste_records`)).toHaveLength(0);
    });

    it('refuses an observedOn in the future of the platform calendar, and accepts today', async () => {
      const res = await create(world.users.A.team, { observedOn: tomorrow() }).expect(400);
      expect(res.body.message).toEqual([`observedOn must not be in the future (today is ${today()})`]);
      await create(world.users.A.team, { observedOn: today() }).expect(201);
    });

    it('accepts every limit itself', async () => {
      const res = await create(world.users.A.team, {
        observedOn: '2000-01-01',
        minutesLost: 10080,
        occurrences: 100000,
        description: 'd'.repeat(2000),
      }).expect(201);
      expect(res.body).toMatchObject({ minutesLost: 10080, occurrences: 100000, observedOn: '2000-01-01' });
      await create(world.users.A.team, { minutesLost: 0, occurrences: 1, description: 'x' }).expect(201);
      // hundredths of a minute (numeric(7,2)); a third decimal place is refused, naming the field
      await create(world.users.A.team, { minutesLost: 0.12 }).expect(201);
      const precise = await create(world.users.A.team, { minutesLost: 0.125 }).expect(400);
      expect(precise.body.message).toEqual(['minutesLost must have at most 2 decimal places']);
      // 2000 characters as Postgres counts them, though 4000 UTF-16 code units.
      await create(world.users.A.team, { description: '\u{1F3E5}'.repeat(2000) }).expect(201);
      const lone = await create(world.users.A.team, { description: 'half \uD83C of an emoji' }).expect(400);
      expect(lone.body.message).toEqual(['description must be valid Unicode text (it holds an unpaired surrogate)']);
    });

    it('applies the same rules to a PATCH', async () => {
      const { body: record } = await create(world.users.A.team).expect(201);
      const patch = (changes: Record<string, unknown>) =>
        t
          .http()
          .patch(`/api/waste-records/${record.id}`)
          .set(bearer(world.users.A.team))
          .send({ version: 1, ...changes });
      for (const [changes, field] of [
        [{ minutesLost: 10081 }, 'minutesLost'],
        [{ occurrences: 0 }, 'occurrences'],
        [{ description: '' }, 'description'],
        [{ observedOn: tomorrow() }, 'observedOn'],
        [{ status: null }, 'status'],
        [{ trustId: world.trustB.id }, 'property trustId'],
      ] as const) {
        const res = await patch(changes).expect(400);
        expect(res.body.message.join('\n')).toMatch(new RegExp(`^${field}`, 'm'));
      }
      const res = await t.http().get(`/api/waste-records/${record.id}`).set(bearer(world.users.A.team)).expect(200);
      expect(res.body.version).toBe(1);
    });
  });

  describe('eliminatedOn', () => {
    it('is today when a record becomes eliminated without a date, or the date given', async () => {
      const dated = await create(world.users.A.team, {
        status: 'eliminated',
        eliminatedOn: addDays(today(), -2),
      }).expect(201);
      expect(dated.body.eliminatedOn).toBe(addDays(today(), -2));
      const undated = await create(world.users.A.team, { status: 'eliminated' }).expect(201);
      expect(undated.body.eliminatedOn).toBe(today());

      const { body: open } = await create(world.users.A.team, { status: 'in_progress' }).expect(201);
      const closed = await t
        .http()
        .patch(`/api/waste-records/${open.id}`)
        .set(bearer(world.users.A.team))
        .send({ version: 1, status: 'eliminated' })
        .expect(200);
      expect(closed.body).toMatchObject({ status: 'eliminated', eliminatedOn: today() });
    });

    it('is cleared when the status leaves eliminated', async () => {
      const { body: record } = await create(world.users.A.team, {
        status: 'eliminated',
        eliminatedOn: addDays(today(), -1),
      }).expect(201);
      const reopened = await t
        .http()
        .patch(`/api/waste-records/${record.id}`)
        .set(bearer(world.users.A.team))
        .send({ version: 1, status: 'in_progress' })
        .expect(200);
      expect(reopened.body).toMatchObject({ status: 'in_progress', eliminatedOn: null, version: 2 });
    });

    it('is refused with any other status, naming eliminatedOn', async () => {
      const res = await create(world.users.A.team, { status: 'accepted', eliminatedOn: addDays(today(), -1) }).expect(
        400,
      );
      expect(res.body.message).toEqual(['eliminatedOn may only be given when status is eliminated']);
      const defaulted = await create(world.users.A.team, { eliminatedOn: addDays(today(), -1) }).expect(400);
      expect(defaulted.body.message).toEqual(['eliminatedOn may only be given when status is eliminated']);

      const { body: open } = await create(world.users.A.team).expect(201);
      const patched = await t
        .http()
        .patch(`/api/waste-records/${open.id}`)
        .set(bearer(world.users.A.team))
        .send({ version: 1, eliminatedOn: addDays(today(), -1) })
        .expect(400);
      expect(patched.body.message).toEqual(['eliminatedOn may only be given when status is eliminated']);
    });

    it('may not precede observedOn nor lie in the future', async () => {
      const before = await create(world.users.A.team, {
        status: 'eliminated',
        eliminatedOn: addDays(today(), -11),
      }).expect(400);
      expect(before.body.message).toEqual(['eliminatedOn must not be before observedOn']);
      const future = await create(world.users.A.team, {
        status: 'eliminated',
        eliminatedOn: addDays(today(), 1),
      }).expect(400);
      expect(future.body.message).toEqual([`eliminatedOn must not be in the future (today is ${today()})`]);
    });
  });

  describe('links within the trust', () => {
    it("refuses another trust's value stream, step and event, naming each", async () => {
      const theirs = await valueStreamOf(world.trustB.id);
      for (const field of ['valueStreamId', 'mapStepId', 'improvementEventId'] as const) {
        const res = await create(world.users.A.team, { [field]: theirs[field] }).expect(400);
        expect(res.body.message).toEqual([expect.stringMatching(new RegExp(`^${field}: `))]);
      }
      const ghost = await create(world.users.A.team, { valueStreamId: '5b0a8f1e-3c2d-4e6f-9a7b-8c9d0e1f2a3b' }).expect(
        400,
      );
      expect(ghost.body.message).toEqual([expect.stringMatching(/^valueStreamId: /)]);
    });

    it("refuses a step of another value stream's map", async () => {
      const first = await valueStreamOf(world.trustA.id, 'Outpatients');
      const second = await valueStreamOf(world.trustA.id, 'Theatres');
      const res = await create(world.users.A.team, {
        valueStreamId: first.valueStreamId,
        mapStepId: second.mapStepId,
      }).expect(400);
      expect(res.body.message).toEqual([expect.stringMatching(/^mapStepId: /)]);

      const { body: record } = await create(world.users.A.team, {
        valueStreamId: first.valueStreamId,
        mapStepId: first.mapStepId,
      }).expect(201);
      const moved = await t
        .http()
        .patch(`/api/waste-records/${record.id}`)
        .set(bearer(world.users.A.team))
        .send({ version: 1, valueStreamId: second.valueStreamId })
        .expect(400);
      expect(moved.body.message).toEqual([expect.stringMatching(/^mapStepId: /)]);
      await t
        .http()
        .patch(`/api/waste-records/${record.id}`)
        .set(bearer(world.users.A.team))
        .send({ version: 1, valueStreamId: second.valueStreamId, mapStepId: second.mapStepId })
        .expect(200);
    });
  });

  describe('roles and trust isolation', () => {
    let recordId: string;
    beforeEach(async () => {
      recordId = (await create(world.users.A.team).expect(201)).body.id;
    });

    it("lets every role of trust A and the admin read it; trust B's roles get 404", async () => {
      for (const user of [world.users.A.team, world.users.A.kpo, world.users.A.ceo, world.users.admin]) {
        await t.http().get(`/api/waste-records/${recordId}`).set(bearer(user)).expect(200);
      }
      for (const user of [world.users.B.team, world.users.B.kpo, world.users.B.ceo]) {
        await t.http().get(`/api/waste-records/${recordId}`).set(bearer(user)).expect(404);
        const list = await t.http().get('/api/waste-records').set(bearer(user)).expect(200);
        expect(list.body.items).toEqual([]);
        const asked = await t.http().get(`/api/waste-records?trustId=${world.trustA.id}`).set(bearer(user)).expect(200);
        expect(asked.body.items).toEqual([]);
        await t
          .http()
          .patch(`/api/waste-records/${recordId}`)
          .set(bearer(user))
          .send({ version: 1, minutesLost: 1 })
          .expect(user === world.users.B.ceo ? 403 : 404);
        await t
          .http()
          .delete(`/api/waste-records/${recordId}`)
          .set(bearer(user))
          .expect(user === world.users.B.kpo ? 404 : 403);
      }
    });

    it('never shows raw records to the regulator', async () => {
      const regulator = world.users.regulator;
      await t.http().get('/api/waste-records').set(bearer(regulator)).expect(403);
      await t.http().get(`/api/waste-records/${recordId}`).set(bearer(regulator)).expect(403);
      await t.http().get('/api/waste-records/export').set(bearer(regulator)).expect(403);
      await create(regulator, { trustId: world.trustA.id }).expect(403);
      await t.http().patch(`/api/waste-records/${recordId}`).set(bearer(regulator)).send({ version: 1 }).expect(403);
      await t.http().delete(`/api/waste-records/${recordId}`).set(bearer(regulator)).expect(403);
    });

    it('lets the CEO read but not write, and only the KPO lead and admin delete', async () => {
      await create(world.users.A.ceo).expect(403);
      await t
        .http()
        .patch(`/api/waste-records/${recordId}`)
        .set(bearer(world.users.A.ceo))
        .send({ version: 1, minutesLost: 1 })
        .expect(403);
      await t.http().delete(`/api/waste-records/${recordId}`).set(bearer(world.users.A.ceo)).expect(403);
      await t.http().delete(`/api/waste-records/${recordId}`).set(bearer(world.users.A.team)).expect(403);
      await t
        .http()
        .patch(`/api/waste-records/${recordId}`)
        .set(bearer(world.users.A.kpo))
        .send({ version: 1, minutesLost: 1 })
        .expect(200);
      await t
        .http()
        .patch(`/api/waste-records/${recordId}`)
        .set(bearer(world.users.admin))
        .send({ version: 2, minutesLost: 2 })
        .expect(200);
      await t.http().delete(`/api/waste-records/${recordId}`).set(bearer(world.users.A.kpo)).expect(204);
      const other = (await create(world.users.A.team).expect(201)).body.id;
      await t.http().delete(`/api/waste-records/${other}`).set(bearer(world.users.admin)).expect(204);
    });

    it('forbids writing into another trust', async () => {
      const res = await create(world.users.A.team, { trustId: world.trustB.id }).expect(403);
      expect(res.body.message).toMatch(/^trustId/);
      await create(world.users.A.kpo, { trustId: world.trustA.id }).expect(201);
    });

    it('lets the admin list across trusts or narrow to one', async () => {
      await create(world.users.B.team).expect(201);
      const all = await t.http().get('/api/waste-records').set(bearer(world.users.admin)).expect(200);
      expect(all.body.items.map((r: { trustId: string }) => r.trustId).sort()).toEqual(
        [world.trustA.id, world.trustB.id].sort(),
      );
      const onlyB = await t
        .http()
        .get(`/api/waste-records?trustId=${world.trustB.id}`)
        .set(bearer(world.users.admin))
        .expect(200);
      expect(onlyB.body.items.map((r: { trustId: string }) => r.trustId)).toEqual([world.trustB.id]);
    });
  });

  it('answers 409 for a stale version and changes nothing', async () => {
    const { body: record } = await create(world.users.A.team).expect(201);
    const url = `/api/waste-records/${record.id}`;
    await t.http().patch(url).set(bearer(world.users.A.team)).send({ version: 1, description: 'first' }).expect(200);
    const stale = await t
      .http()
      .patch(url)
      .set(bearer(world.users.A.kpo))
      .send({ version: 1, description: 'second' })
      .expect(409);
    expect(stale.body.message).toMatch(/^version/);
    const read = await t.http().get(url).set(bearer(world.users.A.team)).expect(200);
    expect(read.body).toMatchObject({ description: 'first', version: 2 });
  });

  it('writes an audit entry for every create, update and delete', async () => {
    const { body: record } = await create(world.users.A.team).expect(201);
    await t
      .http()
      .patch(`/api/waste-records/${record.id}`)
      .set(bearer(world.users.A.kpo))
      .send({ version: 1, minutesLost: 45 })
      .expect(200);
    await t.http().delete(`/api/waste-records/${record.id}`).set(bearer(world.users.A.kpo)).expect(204);
    const entries = await t.db.query(
      `SELECT action, actor_id AS "actorId", trust_id AS "trustId", changes FROM audit_entries
        WHERE entity = 'waste_record' AND entity_id = $1 ORDER BY at`,
      [record.id],
    );
    expect(entries).toEqual([
      expect.objectContaining({ action: 'create', actorId: world.users.A.team.id, trustId: world.trustA.id }),
      {
        action: 'update',
        actorId: world.users.A.kpo.id,
        trustId: world.trustA.id,
        changes: { minutesLost: { before: 12.5, after: 45 } },
      },
      expect.objectContaining({ action: 'delete', actorId: world.users.A.kpo.id }),
    ]);
    expect(entries[0].changes).toMatchObject({
      description: { before: null, after: record.description },
      observedOn: { before: null, after: record.observedOn },
    });
  });

  it('marks the rollup days a write touches, old and new', async () => {
    const observed = addDays(today(), -20);
    const eliminated = addDays(today(), -5);
    const { body: record } = await create(world.users.A.team, {
      observedOn: observed,
      status: 'eliminated',
      eliminatedOn: eliminated,
    }).expect(201);
    expect(await marksOf(world.trustA.id)).toEqual([observed, eliminated]);

    await t.db.query(`DELETE FROM rollup_marks`);
    const movedTo = addDays(today(), -15);
    await t
      .http()
      .patch(`/api/waste-records/${record.id}`)
      .set(bearer(world.users.A.team))
      .send({ version: 1, observedOn: movedTo, status: 'in_progress' })
      .expect(200);
    expect(await marksOf(world.trustA.id)).toEqual([observed, movedTo, eliminated].sort());

    await t.db.query(`DELETE FROM rollup_marks`);
    await t.http().delete(`/api/waste-records/${record.id}`).set(bearer(world.users.A.kpo)).expect(204);
    expect(await marksOf(world.trustA.id)).toEqual([movedTo]);
    expect(await marksOf(world.trustB.id)).toEqual([]);
  });

  it('leaves no mark and no audit entry when a write is refused', async () => {
    await create(world.users.A.team, { minutesLost: -1 }).expect(400);
    await create(world.users.A.team, { valueStreamId: '5b0a8f1e-3c2d-4e6f-9a7b-8c9d0e1f2a3b' }).expect(400);
    expect(await t.db.query(`SELECT 1 FROM rollup_marks`)).toHaveLength(0);
    expect(await t.db.query(`SELECT 1 FROM audit_entries WHERE entity = 'waste_record'`)).toHaveLength(0);
  });

  describe('list', () => {
    it('filters by value stream, waste type, status and observedOn range', async () => {
      const { valueStreamId } = await valueStreamOf(world.trustA.id);
      const d = (n: number) => addDays(today(), -n);
      const made = {
        linked: (await create(world.users.A.team, { valueStreamId, observedOn: d(30) }).expect(201)).body.id,
        motion: (await create(world.users.A.team, { wasteType: 'motion', observedOn: d(20) }).expect(201)).body.id,
        done: (await create(world.users.A.team, { status: 'eliminated', observedOn: d(10) }).expect(201)).body.id,
      };
      const ids = async (query: string) =>
        (await t.http().get(`/api/waste-records?${query}`).set(bearer(world.users.A.team)).expect(200)).body.items.map(
          (r: { id: string }) => r.id,
        );
      expect(await ids(`valueStreamId=${valueStreamId}`)).toEqual([made.linked]);
      expect(await ids('wasteType=motion')).toEqual([made.motion]);
      expect(await ids('status=eliminated')).toEqual([made.done]);
      expect(await ids(`from=${d(20)}&to=${d(10)}`)).toEqual([made.done, made.motion]);
      expect(await ids(`from=${d(25)}`)).toEqual([made.done, made.motion]);
      expect(await ids(`to=${d(25)}`)).toEqual([made.linked]);
      for (const bad of [
        'wasteType=muda',
        'status=x',
        'from=2025-13-01',
        'valueStreamId=1',
        `from=${d(1)}&to=${d(2)}`,
      ]) {
        await t.http().get(`/api/waste-records?${bad}`).set(bearer(world.users.A.team)).expect(400);
      }
    });

    it('pages newest observedOn first without overlap', async () => {
      for (let i = 0; i < 5; i++)
        await create(world.users.A.team, { observedOn: addDays(today(), -i % 3) }).expect(201);
      const seen: { id: string; observedOn: string }[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
        const res = await t.http().get(`/api/waste-records?${query}`).set(bearer(world.users.A.team)).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen.map((r) => r.id)).size).toBe(5);
      const days = seen.map((r) => r.observedOn);
      expect(days).toEqual([...days].sort().reverse());
    });
  });
});
