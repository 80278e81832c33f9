// The attacks of issue 11 against the real app (real Postgres, real Redis), each with its answer:
// the right status at once, nothing stored, and the service still answering everyone else.
//   - a 0.96 MB login body of 112,000 unknown keys; bodies over 1 MB, over 1,000 keys, over 10 levels;
//   - CSV cells that made the number check backtrack;
//   - imports over IMPORT_MAX_BYTES / IMPORT_MAX_ROWS; too many imports at once; a crawling upload;
//   - an export nobody reads, and uploads held open, while other trusts use the API;
//   - database text in errors; caching headers.
// The limits are lowered for this file (below) so the cases stay small; the code paths are the same.
import { addDays, todayIn } from '@app/domain';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { bearer, createTestApp, seedWorld, TestApp, TestUser, World } from '../support/test-app';
import { recordFigures } from './checks';

jest.setTimeout(180_000);

const LIMITS = {
  IMPORT_MAX_BYTES: String(256 * 1024),
  IMPORT_MAX_ROWS: '500',
  TRANSFER_MIN_BYTES_PER_SECOND: '4096',
  TRANSFER_WINDOW_SECONDS: '1',
  DATABASE_BULK_POOL_SIZE: '4',
  BULK_TRANSFERS_PER_TRUST: '2',
  BULK_TRANSFERS_TOTAL: '4',
};

const HEADER = 'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description';
const today = () => todayIn(process.env.TZ ?? 'Europe/London');
const row = (i: number) => `${addDays(today(), -(i % 300))},motion,${(i % 90) + 0.5},1,low,identified,,Row ${i} walk`;
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i)).join('\n') + '\n';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown>;
  ms: number;
}

/** An upload on a connection of its own, written by the caller; `answer` settles on the response. */
function openUpload(port: number, user: TestUser, headers: Record<string, string | number> = {}) {
  const started = Date.now();
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/waste-records/import',
    agent: false,
    headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${user.token}`, ...headers },
  });
  req.on('error', () => undefined); // the server may close the connection once it has answered
  const answer = new Promise<Answer>((resolve) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, ms: Date.now() - started });
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: {}, ms: 0 }));
    });
  });
  return { req, answer };
}

/** An upload that keeps the connection busy at a pace above the minimum, until `finish()`. */
function heldUpload(port: number, user: TestUser, first: number) {
  const upload = openUpload(port, user);
  upload.req.write(`${HEADER}\n`);
  let n = first;
  let done = false;
  const timer = setInterval(() => {
    // ~2 KB every 100 ms: 20 KB/s, well above the 4 KB/s this file sets
    if (!done && !upload.req.destroyed) upload.req.write(rows((n += 30) - 30, 30));
  }, 100);
  return {
    answer: upload.answer,
    finish: () => {
      done = true;
      clearInterval(timer);
      upload.req.end();
      return upload.answer;
    },
  };
}

describe('abuse of limits (issue 11)', () => {
  const saved: Record<string, string | undefined> = {};
  let t: TestApp;
  let world: World;
  let port: number;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    for (const [key, value] of Object.entries(LIMITS)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    // slots a crashed earlier run may have left (they would expire within 30 s anyway)
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const stale = await redis.keys(`${process.env.REDIS_PREFIX}:bulk-transfers:*`);
    if (stale.length) await redis.del(...stale);
    await redis.quit();
    t = await createTestApp();
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    recordFigures('hostile-abuse', figures);
    await t.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const wasteCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM waste_records`))[0].n as number;
  const stillServes = async () => {
    await t.http().get('/api/health/live').expect(200);
    const list = await t.http().get('/api/waste-records').set(bearer(world.users.B.kpo));
    expect(list.status).toBe(200);
  };
  const post = (path: string, raw: string, user?: TestUser) => {
    const req = t.http().post(path).set('Content-Type', 'application/json');
    return (user ? req.set(bearer(user)) : req).send(raw);
  };

  describe('JSON bodies', () => {
    it('refuses the 0.96 MB login body of 112,000 unknown keys at once, without a token', async () => {
      const raw = `{${Array.from({ length: 112_000 }, (_, i) => `"${i.toString(36)}":0`).join(',')}}`;
      expect(raw.length).toBeGreaterThan(950_000);
      expect(raw.length).toBeLessThan(1024 * 1024);
      const started = Date.now();
      const res = await post('/api/auth/login', raw);
      figures.manyKeysLoginMs = Date.now() - started;
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['body has more than 1000 keys in all (at most 1000)'],
      });
      // it froze the API for 12.3 s; the raw-byte check takes milliseconds (generous for a shared machine)
      expect(figures.manyKeysLoginMs).toBeLessThan(1500);
      await stillServes();
    });

    it('keeps the cost linear: 4× the keys under the limit of bytes costs about 4×, not 16×', async () => {
      // Keys under 1,000 but long, nested-string noise: the whole body is scanned and then validated.
      const body = (n: number) => JSON.stringify({ email: 'a@b.nhs.uk', password: 'x', note: ':{['.repeat(n) });
      const time = async (raw: string) => {
        let best = Infinity;
        for (let i = 0; i < 3; i++) {
          const started = process.hrtime.bigint();
          await post('/api/auth/login', raw);
          best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
        }
        return best;
      };
      const small = await time(body(80_000));
      const large = await time(body(320_000));
      figures.scan240kMs = small;
      figures.scan960kMs = large;
      expect(large).toBeLessThan(Math.max(small * 8, 300));
    });

    it('answers 413 over 1 MB and 400 over 10 levels, naming the body, on routes with and without a token', async () => {
      const big = JSON.stringify({ email: 'a@b.nhs.uk', password: 'x'.repeat(1024 * 1024) });
      const tooBig = await post('/api/auth/login', big);
      expect(tooBig.status).toBe(413);
      expect(tooBig.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      const deep = `{"name":"x","description":${'['.repeat(11)}1${']'.repeat(11)}}`;
      const res = await post('/api/value-streams', deep, world.users.A.kpo);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['body is nested more than 10 levels deep']);
      const keys = `{"name":"x",${Array.from({ length: 1000 }, (_, i) => `"k${i}":1`).join(',')}}`;
      expect((await post('/api/value-streams', keys, world.users.A.kpo)).body.message).toEqual([
        'body has more than 1000 keys in all (at most 1000)',
      ]);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM value_streams`))[0].n).toBe(0);
      await stillServes();
    });
  });

  describe('CSV import', () => {
    const importCsv = (user: TestUser, csv: string | Buffer) =>
      t.http().post('/api/waste-records/import').set(bearer(user)).set('Content-Type', 'text/csv').send(csv);

    it('judges number cells built to make a pattern backtrack in linear time', async () => {
      // 120 KB: the file that froze the API for 13.3 s (two 60,000-digit cells with a bad last character)
      const cell = (c: string) => `${'1'.repeat(60_000)}${c}`;
      const csv = `${HEADER}\n${addDays(today(), -1)},motion,${cell('x')},1,low,,,a\n${addDays(today(), -1)},motion,1,${cell('.e')},low,,,b\n`;
      const started = Date.now();
      const res = await importCsv(world.users.A.team, csv);
      figures.backtrackingCsvMs = Date.now() - started;
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ line: 2, field: 'minutesLost' }),
        expect.objectContaining({ line: 3, field: 'occurrences' }),
      ]);
      expect(figures.backtrackingCsvMs).toBeLessThan(2000);
      expect(await wasteCount()).toBe(0);
      await stillServes();
    });

    it('refuses a file over IMPORT_MAX_ROWS with 413 and stores nothing', async () => {
      const res = await importCsv(world.users.A.team, `${HEADER}\n${rows(0, 501)}`);
      expect(res.status).toBe(413);
      expect(res.body.message).toBe('the file has more than 500 rows, the import limit (IMPORT_MAX_ROWS)');
      expect(await wasteCount()).toBe(0);
      await importCsv(world.users.A.team, `${HEADER}\n${rows(0, 500)}`).expect(201);
      expect(await wasteCount()).toBe(500);
    });

    it('refuses a file over IMPORT_MAX_BYTES with 413: declared up front, or counted as it streams', async () => {
      // 150 valid rows of long descriptions: under the row limit, over the byte limit
      const long = Array.from({ length: 150 }, (_, i) => `${row(i)} ${'x'.repeat(1900)}`).join('\n');
      const csv = Buffer.from(`${HEADER}\n${long}\n`);
      expect(csv.length).toBeGreaterThan(256 * 1024);
      // declared: answered before the body is read
      const declared = openUpload(port, world.users.A.team, { 'Content-Length': csv.length });
      declared.req.flushHeaders();
      const declaredAnswer = await declared.answer;
      declared.req.destroy();
      expect(declaredAnswer.status).toBe(413);
      expect(declaredAnswer.headers.connection).toBe('close');
      expect(declaredAnswer.body.message).toMatch(/larger than the import limit of 262144 bytes/);
      // chunked: counted as the bytes arrive
      const chunked = openUpload(port, world.users.A.team, { 'Transfer-Encoding': 'chunked' });
      for (let at = 0; at < csv.length && !chunked.req.destroyed; at += 16 * 1024)
        chunked.req.write(csv.subarray(at, at + 16 * 1024));
      chunked.req.end();
      const chunkedAnswer = await chunked.answer;
      expect(chunkedAnswer.status).toBe(413);
      expect(await wasteCount()).toBe(0);
      await stillServes();
    });

    it('cuts off an upload slower than the minimum rate with 408, stores nothing and frees its slot', async () => {
      const slow = openUpload(port, world.users.A.team);
      slow.req.write(`${HEADER}\n${row(1)}\n`);
      const trickle = setInterval(() => slow.req.write(`${row(2)}\n`), 300); // ~200 B/s
      const answer = await slow.answer;
      clearInterval(trickle);
      slow.req.destroy();
      figures.slowUploadCutOffMs = answer.ms;
      expect(answer.status).toBe(408);
      expect(answer.body).toMatchObject({ statusCode: 408, error: 'Request Timeout' });
      expect(answer.ms).toBeLessThan(5000); // a 1 s window in this file
      expect(await wasteCount()).toBe(0);
      // the slot is free again: two imports of the trust still go through
      const [a, b] = await Promise.all([
        importCsv(world.users.A.team, `${HEADER}\n${rows(0, 3)}`),
        importCsv(world.users.A.kpo, `${HEADER}\n${rows(3, 3)}`),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
    });

    it('runs at most 2 imports per trust and 4 in all (429 with Retry-After), across trusts fairly', async () => {
      const a1 = heldUpload(port, world.users.A.team, 0);
      const a2 = heldUpload(port, world.users.A.kpo, 10_000);
      await sleep(300);
      const a3 = openUpload(port, world.users.A.team);
      a3.req.end(`${HEADER}\n${row(1)}\n`);
      const third = await a3.answer;
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toBe('10');
      expect(third.body.message).toMatch(/^the trust already has 2 CSV imports or exports running/);
      // trust B still has its own 2 slots, which fill the 4 in all; an admin import then waits its turn
      const b1 = heldUpload(port, world.users.B.team, 20_000);
      const b2 = heldUpload(port, world.users.B.kpo, 30_000);
      await sleep(300);
      const fifth = await t
        .http()
        .post(`/api/waste-records/import?trustId=${world.trustB.id}`)
        .set(bearer(world.users.admin))
        .set('Content-Type', 'text/csv')
        .send(`${HEADER}\n${row(1)}\n`);
      expect(fifth.status).toBe(429);
      expect(fifth.headers['retry-after']).toBe('10');
      // exports take the same slots
      const exported = await t.http().get('/api/waste-records/export').set(bearer(world.users.A.ceo));
      expect(exported.status).toBe(429);
      await stillServes();
      const answers = await Promise.all([a1.finish(), a2.finish(), b1.finish(), b2.finish()]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      // every slot is free again
      await importCsv(world.users.A.team, `${HEADER}\n${row(1)}\n`).expect(201);
    });
  });

  describe('the rest of the API keeps its connections', () => {
    it('answers other trusts at once while 25 uploads of one user and an unread export are in flight', async () => {
      await t.db.query(
        `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, occurrences, patient_impact, status)
         SELECT $1, 'motion', $2::date - (g % 300), 'Row ' || g || ' ' || repeat('x', 80), 1.5, 1, 'low', 'identified'
           FROM generate_series(1, 150000) g`,
        [world.trustA.id, today()],
      );
      // an export nobody reads: the response fills the socket and stalls
      const unread = request({
        host: '127.0.0.1',
        port,
        path: '/api/waste-records/export',
        agent: false,
        headers: { Authorization: `Bearer ${world.users.A.team.token}` },
      });
      unread.on('error', () => undefined);
      const unreadResponse = new Promise<{ status: number; closed: Promise<void> }>((resolve) =>
        unread.on('response', (res) => {
          res.pause(); // never read
          resolve({ status: res.statusCode ?? 0, closed: new Promise((done) => res.socket.on('close', () => done())) });
        }),
      );
      unread.end();
      const exportAnswer = await unreadResponse;
      expect(exportAnswer.status).toBe(200);

      const uploads = Array.from({ length: 25 }, (_, i) => heldUpload(port, world.users.A.team, i * 1000));
      await sleep(500);
      // the bulk pool holds the import and the export; the main pool is untouched
      const sessions: { application_name: string; n: number }[] = await t.db.query(
        `SELECT application_name, count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      const bulk = sessions.find((s) => s.application_name === 'kaizen-ledger-bulk')?.n ?? 0;
      expect(bulk).toBeGreaterThan(0);
      expect(bulk).toBeLessThanOrEqual(4);
      expect(sessions.find((s) => s.application_name === 'kaizen-ledger')?.n ?? 0).toBe(0);

      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = Date.now();
        const res = await t.http().get('/api/waste-records?limit=5').set(bearer(world.users.B.kpo));
        times.push(Date.now() - started);
        expect(res.status).toBe(200);
      }
      // Every answer a 200: with the main pool taken they were 503s after the 5 s connection timeout.
      // Times are recorded, not bounded: this machine is shared (bench/abuse.mjs measures them).
      figures.otherTrustMaxMsDuringAbuse = Math.max(...times);

      const settled = await Promise.all(uploads.map((u) => u.finish()));
      // the unread export is cut off within a couple of windows, which returns its bulk connection
      const busyBulk = async () =>
        (
          await t.db.query(
            `SELECT 1 FROM pg_stat_activity WHERE application_name = 'kaizen-ledger-bulk' AND state <> 'idle'`,
          )
        ).length;
      const cutOffStarted = Date.now();
      while ((await busyBulk()) > 0 && Date.now() - cutOffStarted < 10_000) await sleep(200);
      figures.unreadExportReleasedAfterMs = Date.now() - cutOffStarted;
      expect(await busyBulk()).toBe(0);
      unread.destroy();
      const statuses = settled.map((a) => a.status);
      figures.heldUploadsAccepted = statuses.filter((s) => s === 201).length;
      figures.heldUploadsRefused429 = statuses.filter((s) => s === 429).length;
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(2);
      expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
      await stillServes();
    });
  });

  describe('answers', () => {
    it('never carries database text: a unique conflict in a race answers 409 naming the field', async () => {
      const body = { code: 'RACE1', name: 'Race Hospitals' };
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => t.http().post('/api/trusts').set(bearer(world.users.admin)).send(body)),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201)) {
        expect(a.status).toBe(409);
        expect(a.text).toMatch(/code/);
        expect(a.text).not.toMatch(/_key|constraint|duplicate key|violates|pg_|at \w+ \(/);
      }
    });

    it('marks every authenticated answer no-store, and the board pack as varying by Accept', async () => {
      const ok = await t.http().get('/api/waste-records').set(bearer(world.users.A.team));
      expect(ok.headers['cache-control']).toBe('no-store');
      const notFound = await t
        .http()
        .get('/api/waste-records/00000000-0000-4000-8000-000000000000')
        .set(bearer(world.users.A.team));
      expect([notFound.status, notFound.headers['cache-control']]).toEqual([404, 'no-store']);
      const login = await t.http().post('/api/auth/login').send({ email: world.users.A.team.email, password: 'x' });
      expect(login.headers['cache-control']).toBe('no-store');
      const meeting = await t
        .http()
        .post('/api/board-meetings')
        .set(bearer(world.users.admin))
        .send({ month: addDays(today(), -40).slice(0, 7) });
      expect(meeting.status).toBe(201);
      for (const accept of ['application/json', 'text/html']) {
        const pack = await t
          .http()
          .get(`/api/board-meetings/${meeting.body.id}/pack`)
          .set(bearer(world.users.admin))
          .set('Accept', accept);
        expect([pack.status, pack.headers.vary, pack.headers['cache-control']]).toEqual([200, 'Accept', 'no-store']);
      }
    });

    it('keeps minutesLost to hundredths: 400 naming the field, numeric(7,2) in the table', async () => {
      const res = await t
        .http()
        .post('/api/waste-records')
        .set(bearer(world.users.A.team))
        .send({
          observedOn: addDays(today(), -1),
          wasteType: 'motion',
          description: 'x',
          minutesLost: 12.345,
          patientImpact: 'low',
        });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['minutesLost must have at most 2 decimal places']);
      const [column] = await t.db.query(
        `SELECT numeric_precision AS p, numeric_scale AS s FROM information_schema.columns
          WHERE table_name = 'waste_records' AND column_name = 'minutes_lost'`,
      );
      expect(column).toEqual({ p: 7, s: 2 });
      expect(await wasteCount()).toBe(0);
    });
  });
});
