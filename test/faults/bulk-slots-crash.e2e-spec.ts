// The import slots of SPEC §7 (2 per trust, 4 in all) live in Redis as leases, so they hold across API
// instances and survive nobody: an API SIGKILLed while two imports of a trust run cannot give its slots
// back, and they must free themselves within the 30 s lease. The restarted API (a new process, the
// same Redis) refuses a third import of that trust at once with 429 + Retry-After, lets another trust
// import meanwhile, and lets the first trust import again once the leases ran out. The killed uploads
// store nothing.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { addDays } from '@app/domain';
import { Client } from 'pg';
import { createDatabase, databaseName, dropDatabase, ensureBuilt, Proc, startApi, stopAll } from '../support/processes';
import { clearPrefix, closeClients, pace, recordFaultFigures, seedFaultWorld, TODAY } from './support';

jest.setTimeout(300_000);

const HEADER = 'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description';
const row = (i: number) => `${addDays(TODAY, -(i % 200))},motion,${(i % 90) + 0.25},1,low,identified,,Fault row ${i}`;

/** An import; `hold` keeps writing rows (above the minimum pace) until the connection dies. */
function upload(port: number, token: string, options: { hold?: boolean; rows?: number } = {}) {
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/waste-records/import',
    agent: false,
    headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
  });
  const answer = new Promise<{ status: number; retryAfter?: string; error?: string }>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, error: error.code ?? error.message }));
  });
  req.write(`${HEADER}\n`);
  if (!options.hold) {
    req.end(Array.from({ length: options.rows ?? 3 }, (_, i) => row(i)).join('\n') + '\n');
    return { answer, stop: () => undefined };
  }
  let i = 0;
  const timer = setInterval(() => {
    if (!req.destroyed) req.write(Array.from({ length: 20 }, () => row(i++)).join('\n') + '\n');
  }, 100);
  return { answer, stop: () => clearInterval(timer) };
}

describe('import slots when the API is killed', () => {
  const name = databaseName('bulk_slots');
  const prefix = `faults-slots-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let api: (Proc & { url: string; port: number }) | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
  });
  afterAll(async () => {
    closeClients();
    await stopAll([api]);
    await clearPrefix(redisUrl, prefix);
    await dropDatabase(name);
  });

  it('frees the slots of a killed API within the lease, and shares them with the next instance', async () => {
    const env = { databaseUrl, redisUrl, redisPrefix: prefix, test: 'bulk-slots' };
    api = await startApi(env);
    const world = await seedFaultWorld(databaseUrl, api.url, 2);
    const [tokenA, tokenB] = world.kpo;

    const held = [upload(api.port, tokenA, { hold: true }), upload(api.port, tokenA, { hold: true })];
    await pace(500); // the two held uploads take their slots (a fixed pause: their progress is not observable from here)
    expect((await upload(api.port, tokenA).answer).status).toBe(429);

    await api.kill(); // SIGKILL by pid: no release, no rollback message from the app
    held.forEach((h) => h.stop());
    const killedAnswers = await Promise.all(held.map((h) => h.answer));
    expect(killedAnswers.map((a) => a.status)).toEqual([0, 0]);
    const killedAt = Date.now();

    api = await startApi(env);
    // the new instance sees the dead instance's leases: still 2 of trust A's imports "running"
    const refused = await upload(api.port, tokenA).answer;
    expect(refused).toMatchObject({ status: 429, retryAfter: '10' });
    // another trust is not held up
    expect((await upload(api.port, tokenB).answer).status).toBe(201);

    let freedAfterMs = -1;
    while (Date.now() - killedAt < 45_000) {
      const answer = await upload(api.port, tokenA).answer;
      if (answer.status === 201) {
        freedAfterMs = Date.now() - killedAt;
        break;
      }
      expect(answer.status).toBe(429);
      await pace(1000);
    }
    expect(freedAfterMs).toBeGreaterThan(0);
    expect(freedAfterMs).toBeLessThanOrEqual(32_000); // the 30 s lease, plus a request's time

    // the killed uploads stored nothing: only the two 3-row imports that were answered 201
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM waste_records`);
    await db.end();
    expect(rows[0].n).toBe(6);
    expect(api.alive).toBe(true);
    recordFaultFigures('bulk-slots-crash', { heldImportsKilled: 2, slotsFreedAfterMs: freedAfterMs });
  });
});
