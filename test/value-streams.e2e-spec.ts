import { auditOf, createEvent, createMap, createValueStream, HOSTILE_TEXT, messages } from './support/improvement';
import { bearer, createTestApp, seedWorld, TestApp, World } from './support/test-app';

describe('value streams', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    w = await seedWorld(t);
  });
  afterAll(() => t.close());

  it('a KPO lead creates, reads, lists, edits and deletes a value stream of the own trust', async () => {
    const kpo = w.users.A.kpo;
    const created = await t
      .http()
      .post('/api/value-streams')
      .set(bearer(kpo))
      .send({
        name: 'ED to ward admission',
        description: 'From arrival to a ward bed',
        demandPerDay: 120,
        availableMinutesPerDay: 1440,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      trustId: w.trustA.id,
      name: 'ED to ward admission',
      description: 'From arrival to a ward bed',
      demandPerDay: 120,
      availableMinutesPerDay: 1440,
      version: 1,
      createdBy: kpo.id,
    });
    const id = created.body.id;

    const read = await t.http().get(`/api/value-streams/${id}`).set(bearer(w.users.A.ceo)).expect(200);
    expect(read.body).toEqual(created.body);

    const list = await t.http().get('/api/value-streams').set(bearer(w.users.A.team)).expect(200);
    expect(list.body).toEqual({ items: [created.body], nextCursor: null });

    const patched = await t
      .http()
      .patch(`/api/value-streams/${id}`)
      .set(bearer(kpo))
      .send({ version: 1, demandPerDay: 96, description: null })
      .expect(200);
    expect(patched.body).toMatchObject({
      version: 2,
      demandPerDay: 96,
      description: null,
      name: 'ED to ward admission',
    });

    await t.http().delete(`/api/value-streams/${id}`).set(bearer(kpo)).expect(204);
    await t.http().get(`/api/value-streams/${id}`).set(bearer(kpo)).expect(404);

    const audit = await auditOf(t, 'value_stream', id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit.every((a) => a.actorId === kpo.id && a.trustId === w.trustA.id)).toBe(true);
    expect(audit[0].changes.name).toEqual({ before: null, after: 'ED to ward admission' });
    expect(audit[1].changes).toEqual({
      demandPerDay: { before: 120, after: 96 },
      description: { before: 'From arrival to a ward bed', after: null },
    });
    expect(audit[2].changes.name).toEqual({ before: 'ED to ward admission', after: null });
  });

  it('admin writes into a named trust and filters lists by trustId', async () => {
    await t.http().post('/api/value-streams').set(bearer(w.users.admin)).send({ name: 'No trust named' }).expect(400);
    const unknownTrust = await t
      .http()
      .post('/api/value-streams')
      .set(bearer(w.users.admin))
      .send({ name: 'x', trustId: '9d1c7a43-4c63-4bb4-9a55-000000000000' })
      .expect(400);
    expect(messages(unknownTrust.body)).toMatch(/trustId/);
    const inB = await createValueStream(t, w.users.admin, { trustId: w.trustB.id, name: 'Outpatient referral' });
    expect(inB.trustId).toBe(w.trustB.id);
    const inA = await createValueStream(t, w.users.A.kpo);

    const all = await t.http().get('/api/value-streams').set(bearer(w.users.admin)).expect(200);
    expect(all.body.items.map((v: { id: string }) => v.id).sort()).toEqual([inA.id, inB.id].sort());
    const onlyB = await t
      .http()
      .get(`/api/value-streams?trustId=${w.trustB.id}`)
      .set(bearer(w.users.admin))
      .expect(200);
    expect(onlyB.body.items.map((v: { id: string }) => v.id)).toEqual([inB.id]);
    // A trust role asking for another trust's list simply finds nothing of it.
    const aAsksB = await t
      .http()
      .get(`/api/value-streams?trustId=${w.trustB.id}`)
      .set(bearer(w.users.A.kpo))
      .expect(200);
    expect(aAsksB.body.items).toEqual([]);
  });

  it('pages newest first with limit and cursor', async () => {
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) ids.push((await createValueStream(t, w.users.A.kpo, { name })).id);
    const first = await t.http().get('/api/value-streams?limit=2').set(bearer(w.users.A.kpo)).expect(200);
    expect(first.body.items.map((v: { name: string }) => v.name)).toEqual(['three', 'two']);
    const second = await t
      .http()
      .get(`/api/value-streams?limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(w.users.A.kpo))
      .expect(200);
    expect(second.body).toMatchObject({ items: [{ name: 'one' }], nextCursor: null });
    await t.http().get('/api/value-streams?limit=201').set(bearer(w.users.A.kpo)).expect(400);
    await t.http().get('/api/value-streams?limit=0').set(bearer(w.users.A.kpo)).expect(400);
  });

  it('refuses every value outside the SPEC limits, naming the field', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http().post('/api/value-streams').set(bearer(w.users.A.kpo)).send(body);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /name must be a string/],
      [{ name: '' }, /name must be longer than or equal to 1/],
      [{ name: 'x'.repeat(121) }, /name must be shorter than or equal to 120/],
      [{ name: 'x', description: 'd'.repeat(2001) }, /description must be shorter than or equal to 2000/],
      [{ name: 'x', demandPerDay: 0 }, /demandPerDay must be a positive number/],
      [{ name: 'x', demandPerDay: -3 }, /demandPerDay must be a positive number/],
      [{ name: 'x', demandPerDay: '30' }, /demandPerDay must be a number/],
      [{ name: 'x', availableMinutesPerDay: 0 }, /availableMinutesPerDay must be a positive number/],
      [{ name: 'x', availableMinutesPerDay: 1441 }, /availableMinutesPerDay must not be greater than 1440/],
      [{ name: 'x', colour: 'red' }, /property colour should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body).expect(400);
      expect(messages(res.body)).toMatch(message);
    }
    // The limits themselves are allowed.
    const edge = await post({
      name: 'x'.repeat(120),
      description: 'd'.repeat(2000),
      demandPerDay: 0.5,
      availableMinutesPerDay: 1440,
    }).expect(201);
    const id = edge.body.id;
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/value-streams/${id}`).set(bearer(w.users.A.kpo)).send(body);
    expect(messages((await patch({ name: 'y' }).expect(400)).body)).toMatch(/version must be an integer/);
    expect(messages((await patch({ version: 1, name: null }).expect(400)).body)).toMatch(/name must be a string/);
    expect(messages((await patch({ version: 1, availableMinutesPerDay: 2000 }).expect(400)).body)).toMatch(
      /availableMinutesPerDay/,
    );
    expect(messages((await patch({ version: 1, trustId: w.trustB.id }).expect(400)).body)).toMatch(
      /property trustId should not exist/,
    );
    await t.http().get('/api/value-streams/not-a-uuid').set(bearer(w.users.A.kpo)).expect(400);
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const stream = await createValueStream(t, w.users.A.kpo);
    await t
      .http()
      .patch(`/api/value-streams/${stream.id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, name: 'first' })
      .expect(200);
    const stale = await t
      .http()
      .patch(`/api/value-streams/${stream.id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, name: 'second' })
      .expect(409);
    expect(stale.body.message).toMatch(/version/);
    const now = await t.http().get(`/api/value-streams/${stream.id}`).set(bearer(w.users.A.kpo)).expect(200);
    expect(now.body).toMatchObject({ name: 'first', version: 2 });
  });

  it('stores SQL and HTML verbatim', async () => {
    const stream = await createValueStream(t, w.users.A.kpo, { name: HOSTILE_TEXT, description: HOSTILE_TEXT });
    const read = await t.http().get(`/api/value-streams/${stream.id}`).set(bearer(w.users.A.kpo)).expect(200);
    expect(read.body.name).toBe(HOSTILE_TEXT);
    expect(read.body.description).toBe(HOSTILE_TEXT);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM value_streams`);
    expect(count).toBe(1);
  });

  it('lets only KPO leads and admins write, hides other trusts and never shows raw records to the regulator', async () => {
    const a = await createValueStream(t, w.users.A.kpo);
    const b = await createValueStream(t, w.users.B.kpo);
    const body = { name: 'Forbidden' };

    for (const user of [w.users.A.team, w.users.A.ceo, w.users.regulator]) {
      await t.http().post('/api/value-streams').set(bearer(user)).send(body).expect(403);
      await t.http().patch(`/api/value-streams/${a.id}`).set(bearer(user)).send({ version: 1, name: 'x' }).expect(403);
      await t.http().delete(`/api/value-streams/${a.id}`).set(bearer(user)).expect(403);
    }
    await t.http().get('/api/value-streams').set(bearer(w.users.regulator)).expect(403);
    await t.http().get(`/api/value-streams/${a.id}`).set(bearer(w.users.regulator)).expect(403);

    // Writing into another trust is forbidden; another trust's record does not exist for the caller.
    const into = await t
      .http()
      .post('/api/value-streams')
      .set(bearer(w.users.A.kpo))
      .send({ ...body, trustId: w.trustB.id })
      .expect(403);
    expect(into.body.message).toMatch(/trustId/);
    for (const user of [w.users.A.team, w.users.A.kpo, w.users.A.ceo]) {
      await t.http().get(`/api/value-streams/${b.id}`).set(bearer(user)).expect(404);
      const list = await t.http().get('/api/value-streams').set(bearer(user)).expect(200);
      expect(list.body.items.map((v: { id: string }) => v.id)).toEqual([a.id]);
    }
    await t
      .http()
      .patch(`/api/value-streams/${b.id}`)
      .set(bearer(w.users.A.kpo))
      .send({ version: 1, name: 'x' })
      .expect(404);
    await t.http().delete(`/api/value-streams/${b.id}`).set(bearer(w.users.A.kpo)).expect(404);
    await t.http().get(`/api/value-streams/${a.id}`).set(bearer(w.users.B.ceo)).expect(404);

    // Admin reads and writes every trust.
    await t.http().get(`/api/value-streams/${b.id}`).set(bearer(w.users.admin)).expect(200);
    await t
      .http()
      .patch(`/api/value-streams/${b.id}`)
      .set(bearer(w.users.admin))
      .send({ version: 1, name: 'By admin' })
      .expect(200);
    await t.http().delete(`/api/value-streams/${a.id}`).set(bearer(w.users.admin)).expect(204);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM value_streams WHERE id = $1`, [b.id]);
    expect(count).toBe(1);
  });

  it('deleting a value stream deletes its maps and detaches its events, all audited', async () => {
    const stream = await createValueStream(t, w.users.A.kpo);
    const map = await createMap(t, w.users.A.team, stream.id);
    const event = await createEvent(t, w.users.A.team, { valueStreamId: stream.id });

    await t.http().delete(`/api/value-streams/${stream.id}`).set(bearer(w.users.A.kpo)).expect(204);

    await t.http().get(`/api/maps/${map.id}`).set(bearer(w.users.A.kpo)).expect(404);
    const [{ steps }] = await t.db.query(`SELECT count(*)::int AS steps FROM map_steps WHERE map_id = $1`, [map.id]);
    expect(steps).toBe(0);
    const detached = await t.http().get(`/api/improvement-events/${event.id}`).set(bearer(w.users.A.kpo)).expect(200);
    expect(detached.body).toMatchObject({ valueStreamId: null, version: 2 });

    const mapAudit = await auditOf(t, 'map', map.id);
    expect(mapAudit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect((mapAudit[1].changes.steps.before as unknown[]).length).toBe(4);
    const eventAudit = await auditOf(t, 'improvement_event', event.id);
    expect(eventAudit[1]).toMatchObject({
      action: 'update',
      changes: { valueStreamId: { before: stream.id, after: null } },
    });
  });
});
