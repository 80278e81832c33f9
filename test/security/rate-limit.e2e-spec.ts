// Sign-in throttling that a hospital network survives (SPEC §6), under attack and under a crowd:
// thousands of staff share one outgoing address, so only failures count. Per account 5 failures in
// 15 min; per address 50. Two API instances share the counters through Redis.
import { hashPassword } from '@app/auth';
import { performance } from 'node:perf_hooks';
import { recordFigures } from '../hostile/checks';
import { createTestApp, PASSWORD, seedWorld, TestApp, World } from '../support/test-app';

jest.setTimeout(180_000);

describe('sign-in throttle under attack and under a crowd', () => {
  let t: TestApp;
  let second: TestApp;
  let world: World;
  let client = 0;

  beforeAll(async () => {
    t = await createTestApp();
    second = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  /** A client address of its own per test (X-Forwarded-For from loopback is trusted). */
  const newClient = () => `198.51.100.${++client}`;
  const attempt = (app: TestApp, from: string, body: object | string) => {
    const req = app.http().post('/api/auth/login').set('X-Forwarded-For', from);
    return typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body);
  };

  it('200 different accounts signing in from one address within a minute all succeed', async () => {
    const hash = await hashPassword(PASSWORD);
    await t.db.query(
      `INSERT INTO users (email, name, role, trust_id, password_hash)
       SELECT 'staff' || i || '@test.nhs.uk', 'Staff ' || i, 'improvement_team', $1, $2 FROM generate_series(1, 200) i`,
      [world.trustA.id, hash],
    );
    const from = newClient();
    const started = performance.now();
    const statuses: number[] = [];
    // four at a time, as a shift change at one hospital would
    for (let i = 1; i <= 200; i += 4) {
      const batch = [i, i + 1, i + 2, i + 3].map((n) =>
        attempt(t, from, { email: `staff${n}@test.nhs.uk`, password: PASSWORD }).then((r) => r.status),
      );
      statuses.push(...(await Promise.all(batch)));
    }
    const seconds = (performance.now() - started) / 1000;
    recordFigures('security-login-crowd', { signIns: 200, seconds: Number(seconds.toFixed(1)) });
    expect(seconds).toBeLessThan(60);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('50 failures across accounts from one address throttle the address, and no other', async () => {
    const from = newClient();
    const accounts = Object.values(world.users.A).map((u) => u.email);
    for (let i = 0; i < 50; i++) {
      // one failure per account (known, then unknown emails): no account reaches its own limit
      const email = accounts[i] ?? `nobody${i}@test.nhs.uk`;
      await attempt(t, from, { email, password: 'Summer2025!' }).expect(401);
    }
    const blocked = await attempt(t, from, { email: world.users.B.team.email, password: PASSWORD }).expect(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(blocked.body.accessToken).toBeUndefined();
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // the same accounts from another address are fine
    await attempt(t, newClient(), { email: world.users.B.team.email, password: PASSWORD }).expect(200);
    await attempt(t, newClient(), { email: world.users.A.team.email, password: PASSWORD }).expect(200);
  });

  it('lets at most 5 of a burst of 30 simultaneous guesses at one account be checked', async () => {
    const from = newClient();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attempt(t, from, { email: world.users.A.kpo.email, password: `guess-${i}` }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    await attempt(t, newClient(), { email: world.users.A.kpo.email, password: PASSWORD }).expect(429);
  });

  it('does not count malformed attempts: they never reach a password check', async () => {
    const from = newClient();
    for (let i = 0; i < 8; i++) {
      await attempt(t, from, '{"email":').expect(400);
      await attempt(t, from, { email: world.users.A.team.email }).expect(400);
      await attempt(t, from, { email: world.users.A.team.email, password: { $ne: null } }).expect(400);
    }
    await attempt(t, from, { email: world.users.A.team.email, password: PASSWORD }).expect(200);
  });

  it('shares the counters between two API instances (they live in Redis)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const app = i % 2 ? second : t;
      statuses.push((await attempt(app, newClient(), { email: world.users.B.ceo.email, password: 'wrong' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});
