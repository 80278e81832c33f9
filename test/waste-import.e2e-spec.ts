import { addDays, todayIn } from '@app/domain';
import { formulaSafeCell } from '@app/waste';
import { parse } from 'csv-parse/sync';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from './support/test-app';

// Jest ignores testTimeout inside `projects`; 1,000-row files need more than the default 5 s on a busy machine.
jest.setTimeout(30000);

const HEADER = 'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description';
const today = () => todayIn(process.env.TZ || 'Europe/London');
const TYPES = ['transport', 'inventory', 'motion', 'waiting', 'overproduction', 'overprocessing', 'defects', 'skills'];
const STATUSES = ['identified', 'countermeasure_planned', 'in_progress', 'eliminated', 'accepted'];

/** A valid data row; `i` varies every column. */
function row(i: number, valueStreamId = ''): string {
  const impact = ['none', 'low', 'medium', 'high'][i % 4];
  return [
    addDays(today(), -(i % 400)),
    TYPES[i % 8],
    (i % 97) + 0.5,
    (i % 13) + 1,
    impact,
    STATUSES[i % 5],
    valueStreamId,
    `Row ${i}: queue at the desk`,
  ].join(',');
}

const fileOf = (rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('waste CSV import and export', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const importAs = (user: TestUser, csv: string, query = '') =>
    t.http().post(`/api/waste-records/import${query}`).set(bearer(user)).set('Content-Type', 'text/csv').send(csv);
  const exportAs = async (user: TestUser, query = ''): Promise<string> => {
    const res = await t
      .http()
      .get(`/api/waste-records/export${query}`)
      .set(bearer(user))
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return res.body as string;
  };
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const nothingStored = async () => {
    expect(await count('waste_records')).toBe(0);
    expect(await count(`audit_entries WHERE entity = 'waste_record'`)).toBe(0);
    expect(await count('rollup_marks')).toBe(0);
  };

  it('stores a valid file of 1,000 rows with the audit entry of the import and the rollup marks of its days', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(i));
    const res = await importAs(world.users.A.team, fileOf(rows)).expect(201);
    expect(res.body).toEqual({ imported: 1000 });
    expect(
      await count('waste_records WHERE trust_id = $1 AND created_by = $2', [world.trustA.id, world.users.A.team.id]),
    ).toBe(1000);
    // One audit entry names the import: its count and the createdAt its records share.
    const audit = await t.db.query(
      `SELECT action, actor_id AS "actorId", trust_id AS "trustId", changes FROM audit_entries WHERE entity = 'waste_record'`,
    );
    expect(audit).toEqual([
      {
        action: 'create',
        actorId: world.users.A.team.id,
        trustId: world.trustA.id,
        changes: { imported: { before: null, after: 1000 }, createdAt: { before: null, after: expect.any(String) } },
      },
    ]);
    expect(await count('waste_records WHERE created_at = $1::timestamptz', [audit[0].changes.createdAt.after])).toBe(
      1000,
    );

    const [sums] = await t.db.query(
      `SELECT sum(minutes_lost * occurrences)::float AS minutes, count(*) FILTER (WHERE status = 'eliminated')::int AS eliminated,
              count(*) FILTER (WHERE eliminated_on = $1::date)::int AS eliminated_today FROM waste_records`,
      [today()],
    );
    const expected = rows.reduce((sum, _, i) => sum + ((i % 97) + 0.5) * ((i % 13) + 1), 0);
    expect(sums).toEqual({ minutes: expected, eliminated: 200, eliminated_today: 200 });

    const observedDays = new Set(rows.map((_, i) => addDays(today(), -(i % 400))));
    const marked = (
      await t.db.query(`SELECT DISTINCT day::text AS day FROM rollup_marks WHERE trust_id = $1`, [world.trustA.id])
    ).map((r: { day: string }) => r.day);
    expect(new Set(marked)).toEqual(new Set([...observedDays, today()]));
  });

  it('refuses a 1,000-row file with one bad row, naming its line and field, and stores nothing', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(i));
    rows[636] = rows[636].replace(/^([^,]*,[^,]*,)[^,]*/, '$110081');
    const res = await importAs(world.users.A.team, fileOf(rows)).expect(422);
    expect(res.body.errors).toEqual([
      { line: 638, field: 'minutesLost', message: 'minutesLost must not be greater than 10080' },
    ]);
    await nothingStored();
  });

  it('reports every rule of SPEC §2 by line and field, at most 100 errors', async () => {
    const rows = [
      row(1).replace(/^[^,]*/, '2025-02-30'),
      row(2).replace(/^[^,]*/, addDays(today(), 1)),
      row(3).replace(/^[^,]*/, '1999-12-31'),
      `${addDays(today(), -1)},waiting,5,1,low,identified,,`,
      `${addDays(today(), -1)},muda,5,,low,,,d`,
      `${addDays(today(), -1)},waiting,-1,,low,,,d`,
      `${addDays(today(), -1)},waiting,five,,low,,,d`,
      `${addDays(today(), -1)},waiting,5,0,low,,,d`,
      `${addDays(today(), -1)},waiting,5,1.5,low,,,d`,
      `${addDays(today(), -1)},waiting,5,100001,low,,,d`,
      `${addDays(today(), -1)},waiting,5,1,grave,,,d`,
      `${addDays(today(), -1)},waiting,5,1,low,closed,,d`,
      `${addDays(today(), -1)},waiting,5,1,low,,not-a-uuid,d`,
      `${addDays(today(), -1)},waiting,5,1,low,,,${'x'.repeat(2001)}`,
      `${addDays(today(), -1)},waiting,5,1,low`,
    ];
    const res = await importAs(world.users.A.team, fileOf(rows)).expect(422);
    expect(res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [2, 'observedOn'],
      [3, 'observedOn'],
      [4, 'observedOn'],
      [5, 'description'],
      [6, 'wasteType'],
      [7, 'minutesLost'],
      [8, 'minutesLost'],
      [9, 'occurrences'],
      [10, 'occurrences'],
      [11, 'occurrences'],
      [12, 'patientImpact'],
      [13, 'status'],
      [14, 'valueStreamId'],
      [15, 'description'],
      [16, 'row'],
    ]);
    await nothingStored();

    const many = Array.from({ length: 300 }, (_, i) => (i % 2 ? row(i) : row(i).replace(/,[^,]*$/, ',')));
    const capped = await importAs(world.users.A.team, fileOf(many)).expect(422);
    expect(capped.body.errors).toHaveLength(100);
    expect(capped.body.errors[99]).toEqual({
      line: 200,
      field: 'description',
      message: 'description must be longer than or equal to 1 characters',
    });
  });

  it("checks valueStreamIds against the caller's trust", async () => {
    const [mine] = await t.db.query(
      `INSERT INTO value_streams (trust_id, name) VALUES ($1, 'Outpatients') RETURNING id`,
      [world.trustA.id],
    );
    const [theirs] = await t.db.query(
      `INSERT INTO value_streams (trust_id, name) VALUES ($1, 'Theatres') RETURNING id`,
      [world.trustB.id],
    );
    const bad = await importAs(world.users.A.team, fileOf([row(1, mine.id), row(2), row(3, theirs.id)])).expect(422);
    expect(bad.body.errors).toEqual([
      { line: 4, field: 'valueStreamId', message: `valueStreamId: no value stream ${theirs.id} in the trust` },
    ]);
    await nothingStored();
    await importAs(world.users.A.team, fileOf([row(1, mine.id), row(2)])).expect(201);
    expect(await count('waste_records WHERE value_stream_id = $1', [mine.id])).toBe(1);
  });

  it('refuses a wrong header at line 1', async () => {
    for (const header of [HEADER.replace('minutesLost', 'minutes'), HEADER.toUpperCase(), `${HEADER},extra`, row(1)]) {
      const res = await importAs(world.users.A.team, `${header}\n${row(1)}\n`).expect(422);
      expect(res.body.errors).toEqual([{ line: 1, field: 'header', message: `the header must be exactly ${HEADER}` }]);
    }
    const empty = await importAs(world.users.A.team, '').expect(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ line: 1, field: 'header' })]);
    await nothingStored();
  });

  it('answers 415 (400 for malformed JSON) for a body that is not text/csv', async () => {
    const csv = fileOf([row(1)]);
    for (const type of ['text/plain', 'text/csv; charset=latin1', 'application/octet-stream']) {
      await t
        .http()
        .post('/api/waste-records/import')
        .set(bearer(world.users.A.team))
        .set('Content-Type', type)
        .send(csv)
        .expect(415);
    }
    await t.http().post('/api/waste-records/import').set(bearer(world.users.A.team)).send({ rows: [] }).expect(415);
    // The global JSON parser reads application/json first and refuses CSV text as malformed JSON.
    await t
      .http()
      .post('/api/waste-records/import')
      .set(bearer(world.users.A.team))
      .set('Content-Type', 'application/json')
      .send(csv)
      .expect(400);
    await nothingStored();
  });

  it('reports malformed CSV with its line, counting multi-line descriptions, blank lines and CRLF', async () => {
    const unclosed = await importAs(
      world.users.A.team,
      fileOf([row(1), `${addDays(today(), -1)},waiting,5,1,low,,,"never closed`]),
    ).expect(422);
    expect(unclosed.body.errors).toEqual([expect.objectContaining({ field: 'row', line: 3 })]);

    const multiLine = `${addDays(today(), -1)},waiting,5,1,low,,,"first line\nsecond line"`;
    const res = await importAs(
      world.users.A.team,
      fileOf([multiLine, row(2), '', row(3).replace(/^[^,]*/, 'yesterday')]),
    ).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 6, field: 'observedOn' })]);
    const crlf = fileOf([multiLine, row(2), row(3).replace(/^[^,]*/, 'yesterday')]).replace(/\n/g, '\r\n');
    const windows = await importAs(world.users.A.team, crlf).expect(422);
    expect(windows.body.errors).toEqual([expect.objectContaining({ line: 5, field: 'observedOn' })]);
    await nothingStored();
  });

  it('imports into the caller trust only; an admin names the trust; CEO and regulator may not import', async () => {
    const csv = fileOf([row(1), row(2)]);
    await importAs(world.users.A.team, csv, `?trustId=${world.trustB.id}`).expect(403);
    await importAs(world.users.A.ceo, csv).expect(403);
    await importAs(world.users.regulator, csv, `?trustId=${world.trustA.id}`).expect(403);
    const noTrust = await importAs(world.users.admin, csv).expect(400);
    expect(noTrust.body.message).toEqual([expect.stringMatching(/^trustId/)]);
    await nothingStored();

    await importAs(world.users.admin, csv, `?trustId=${world.trustB.id}`).expect(201);
    await importAs(world.users.A.kpo, csv).expect(201);
    expect(await count('waste_records WHERE trust_id = $1', [world.trustB.id])).toBe(2);
    expect(await count('waste_records WHERE trust_id = $1', [world.trustA.id])).toBe(2);
  });

  it('refuses bytes that are not UTF-8, naming the line, and counts a description in characters', async () => {
    const bad = Buffer.concat([
      Buffer.from(fileOf([row(1), row(2)])),
      Buffer.from(`${addDays(today(), -1)},waiting,5,1,low,,,caf`),
      Buffer.from([0xe9, 0x0a]),
    ]);
    const res = await t
      .http()
      .post('/api/waste-records/import')
      .set(bearer(world.users.A.team))
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(422);
    expect(res.body.errors).toEqual([
      { line: 4, field: 'row', message: 'line 4 is not UTF-8 text: save the file as UTF-8' },
    ]);
    const surrogate = Buffer.concat([
      Buffer.from(fileOf([row(1)])),
      Buffer.from(`${addDays(today(), -1)},waiting,5,1,low,,,x`),
      Buffer.from([0xed, 0xa0, 0x80, 0x0a]),
    ]);
    const lone = await t
      .http()
      .post('/api/waste-records/import')
      .set(bearer(world.users.A.team))
      .set('Content-Type', 'text/csv')
      .send(surrogate)
      .expect(422);
    expect(lone.body.errors).toEqual([expect.objectContaining({ line: 3, field: 'row' })]);
    await nothingStored();

    const emoji = '\u{1F3E5}'.repeat(2000);
    await importAs(world.users.A.team, fileOf([`${addDays(today(), -1)},waiting,5,1,low,,,${emoji}`])).expect(201);
    const tooLong = await importAs(
      world.users.A.team,
      fileOf([`${addDays(today(), -1)},waiting,5,1,low,,,x${emoji}`]),
    ).expect(422);
    expect(tooLong.body.errors).toEqual([
      { line: 2, field: 'description', message: 'description must be shorter than or equal to 2000 characters' },
    ]);
    const [{ length }] = await t.db.query(`SELECT char_length(description) AS length FROM waste_records`);
    expect(length).toBe(2000);
  });

  it('stores nothing and frees its connection when the client hangs up mid-upload', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/waste-records/import',
      headers: {
        'Content-Type': 'text/csv',
        Authorization: `Bearer ${world.users.A.team.token}`,
        'Transfer-Encoding': 'chunked',
      },
    });
    req.on('error', () => undefined);
    req.write(fileOf(Array.from({ length: 2000 }, (_, i) => row(i))));
    await new Promise((resolve) => setTimeout(resolve, 300));
    req.destroy();
    // The import's COPY and transaction end and its client goes back to the pool: no session stays busy.
    for (let i = 0; i < 50; i++) {
      const open = await t.db.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      if (open.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      await t.db.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      ),
    ).toEqual([]);
    await nothingStored();
    await importAs(world.users.A.team, fileOf([row(1)])).expect(201);
  });

  it('exports in the import format and round-trips, awkward text included', async () => {
    const [stream] = await t.db.query(
      `INSERT INTO value_streams (trust_id, name) VALUES ($1, 'Discharge') RETURNING id`,
      [world.trustA.id],
    );
    const awkward = [
      'comma, "quotes" and a\nline break',
      `Robert'); DROP TABLE waste_records;-- <script>alert(1)</script>`,
      '=HYPERLINK("http://example.com")',
      'tab\there, back\\slash \\N and \\.',
      ' leading and trailing spaces ',
      'caf\u00e9 \u{1F3E5} \u201cquoted\u201d',
      // formula starts (SPEC §7): exported with a leading ', imported without it
      '+44 20 7946 0000',
      '-2+3',
      '@SUM(A1:A9)',
      '\tindented',
      '\rcarriage return first',
      "'=already quoted",
      "'plain apostrophe",
    ];
    for (const [i, description] of awkward.entries()) {
      await t
        .http()
        .post('/api/waste-records')
        .set(bearer(world.users.A.team))
        .send({
          observedOn: addDays(today(), -i),
          wasteType: TYPES[i % TYPES.length],
          description,
          minutesLost: [0, 0.25, 10080, 7, 12.5, 3][i % 6],
          occurrences: [1, 2, 100000, 4, 5, 6][i % 6],
          patientImpact: 'high',
          status: STATUSES[i % 5],
          valueStreamId: i % 2 ? stream.id : null,
        })
        .expect(201);
    }
    await importAs(
      world.users.A.team,
      fileOf(Array.from({ length: 50 }, (_, i) => row(i, i % 3 ? '' : stream.id))),
    ).expect(201);
    await importAs(world.users.B.team, fileOf([row(7)])).expect(201);

    const exported = await exportAs(world.users.A.kpo);
    expect(exported.split('\n')[0]).toBe(HEADER);
    const records = parse(exported, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(50 + awkward.length);
    // no cell a spreadsheet would run as a formula; exactly one ' added where one was needed
    expect(records.map((r) => r.description)).toEqual(expect.arrayContaining(awkward.map(formulaSafeCell)));
    expect(records.filter((r) => /^[=+\-@\t\r]/.test(r.description))).toEqual([]);
    expect(exported).toContain(`"'=HYPERLINK(""http://example.com"")"`);
    const days = records.map((r) => r.observedOn);
    expect(days).toEqual([...days].sort().reverse());

    await t.db.query(`DELETE FROM waste_records WHERE trust_id = $1`, [world.trustA.id]);
    await importAs(world.users.A.team, exported).expect(201);
    const again = parse(await exportAs(world.users.A.team), { columns: true }) as Record<string, string>[];
    const key = (r: Record<string, string>) => JSON.stringify(r);
    expect(again.map(key).sort()).toEqual(records.map(key).sort());
    // and the records themselves hold the original text, without the guard
    const stored: { description: string }[] = await t.db.query(
      `SELECT description FROM waste_records WHERE trust_id = $1`,
      [world.trustA.id],
    );
    expect(stored.map((r) => r.description)).toEqual(expect.arrayContaining(awkward));
  });

  it('exports with the list filters and within the trust scope', async () => {
    await importAs(world.users.A.team, fileOf(Array.from({ length: 40 }, (_, i) => row(i)))).expect(201);
    await importAs(world.users.B.team, fileOf([row(1)])).expect(201);
    const rowsOf = async (user: TestUser, query = '') =>
      parse(await exportAs(user, query), { columns: true }) as Record<string, string>[];

    expect(await rowsOf(world.users.A.ceo)).toHaveLength(40);
    expect(await rowsOf(world.users.B.ceo)).toHaveLength(1);
    expect(await rowsOf(world.users.B.ceo, `?trustId=${world.trustA.id}`)).toHaveLength(0);
    expect(await rowsOf(world.users.admin)).toHaveLength(41);
    expect(await rowsOf(world.users.admin, `?trustId=${world.trustB.id}`)).toHaveLength(1);

    const motion = await rowsOf(world.users.A.team, '?wasteType=motion&status=accepted');
    expect(motion.length).toBeGreaterThan(0);
    expect(motion.every((r) => r.wasteType === 'motion' && r.status === 'accepted')).toBe(true);
    const from = addDays(today(), -10);
    const to = addDays(today(), -5);
    const ranged = await rowsOf(world.users.A.team, `?from=${from}&to=${to}`);
    expect(ranged.map((r) => r.observedOn)).toEqual(Array.from({ length: 6 }, (_, i) => addDays(today(), -5 - i)));

    await t.http().get('/api/waste-records/export?wasteType=muda').set(bearer(world.users.A.team)).expect(400);
    await t
      .http()
      .get(`/api/waste-records/export?trustId=${encodeURIComponent("' OR 1=1 --")}`)
      .set(bearer(world.users.admin))
      .expect(400);
  });
});
