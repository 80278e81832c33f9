// Sessions end on every API instance (SPEC §6): two built API processes share PostgreSQL and Redis.
// Sign-out, deactivation and a change of role or trust made through one make the user's token answer
// 401 on the other within 1 second.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '@app/auth';
import { createDatabase, databaseName, dropDatabase, ensureBuilt, Proc, startApi, stopAll } from '../support/processes';
import { call, clearPrefix, closeClients, seedFaultWorld, pace } from '../faults/support';
import { recordFigures } from '../hostile/checks';
import { PASSWORD } from '../support/test-app';

jest.setTimeout(300_000);

describe('sessions end on every API instance', () => {
  const name = databaseName('sessions');
  const prefix = `kaizen-test-sessions-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let one: (Proc & { url: string }) | undefined;
  let two: (Proc & { url: string }) | undefined;
  let admin: string;
  let trustIds: string[];
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
    [one, two] = await Promise.all(
      [1, 2].map(() => startApi({ databaseUrl, redisUrl, redisPrefix: prefix, test: 'sessions' })),
    );
    const world = await seedFaultWorld(databaseUrl, one!.url, 2);
    admin = world.admin;
    trustIds = world.trusts.map((tr) => tr.id);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const hash = await hashPassword(PASSWORD);
    for (const who of ['logout', 'deactivate', 'role', 'trust']) {
      await db.query(
        `INSERT INTO users (email, name, role, trust_id, password_hash) VALUES ($1, $2, 'improvement_team', $3, $4)`,
        [`${who}@faults.nhs.uk`, who, trustIds[0], hash],
      );
    }
    await db.end();
  });
  afterAll(async () => {
    recordFigures('identity-sessions-instances', figures);
    closeClients();
    await stopAll([one, two]);
    await clearPrefix(redisUrl, prefix);
    await dropDatabase(name);
  });

  /** Signs in on instance one; the token works on instance two. */
  async function signIn(email: string): Promise<{ token: string; id: string }> {
    const res = await call(one!.url, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const token = res.body.accessToken as string;
    expect((await call(two!.url, 'GET', '/api/auth/me', { token })).status).toBe(200);
    return { token, id: (res.body.user as { id: string }).id };
  }

  /** Milliseconds until instance two answers 401 to the token (polling every 20 ms, up to 5 s). */
  async function msUntilRefused(token: string, since: number): Promise<number> {
    for (;;) {
      const res = await call(two!.url, 'GET', '/api/auth/me', { token });
      if (res.status === 401) return Date.now() - since;
      expect(res.status).toBe(200);
      if (Date.now() - since > 5000) return Infinity;
      await pace(20);
    }
  }

  async function patchOnOne(id: string, body: object): Promise<void> {
    const user = await call(one!.url, 'GET', `/api/users?limit=200`, { token: admin });
    const current = (user.body.items as { id: string; version: number }[]).find((u) => u.id === id)!;
    const res = await call(one!.url, 'PATCH', `/api/users/${id}`, {
      token: admin,
      body: { version: current.version, ...body },
    });
    expect(res.status).toBe(200);
  }

  it('sign-out on one instance', async () => {
    const { token } = await signIn('logout@faults.nhs.uk');
    const started = Date.now();
    expect((await call(one!.url, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    figures.logoutMs = await msUntilRefused(token, started);
    expect(figures.logoutMs).toBeLessThan(1000);
  });

  it('deactivation on one instance; the user cannot sign in on either', async () => {
    const { token, id } = await signIn('deactivate@faults.nhs.uk');
    const started = Date.now();
    await patchOnOne(id, { active: false });
    figures.deactivateMs = await msUntilRefused(token, started);
    expect(figures.deactivateMs).toBeLessThan(1000);
    for (const api of [one!, two!]) {
      const res = await call(api.url, 'POST', '/api/auth/login', {
        body: { email: 'deactivate@faults.nhs.uk', password: PASSWORD },
      });
      expect(res.status).toBe(401);
    }
  });

  it('a change of role, and a change of trust, on one instance', async () => {
    const role = await signIn('role@faults.nhs.uk');
    let started = Date.now();
    await patchOnOne(role.id, { role: 'kpo_lead' });
    figures.roleChangeMs = await msUntilRefused(role.token, started);
    expect(figures.roleChangeMs).toBeLessThan(1000);

    const trust = await signIn('trust@faults.nhs.uk');
    started = Date.now();
    await patchOnOne(trust.id, { trustId: trustIds[1] });
    figures.trustChangeMs = await msUntilRefused(trust.token, started);
    expect(figures.trustChangeMs).toBeLessThan(1000);
  });
});
