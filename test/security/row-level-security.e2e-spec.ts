// The second wall (SPEC §7): PostgreSQL row-level security under the application. These cases go
// around the application's scope functions on purpose, with deliberately unscoped SQL through the
// API's own DataSource, and expect the database to confine them to the caller's trust.
import { asSystem, type RowScope, withRowScope } from '@app/database';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';

const wasteOf = (t: TestApp, trustId: string, description: string) =>
  t.db.query(
    `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, patient_impact)
     VALUES ($1, 'motion', DATE '2026-01-05', $2, 5, 'low')`,
    [trustId, description],
  );

describe('row-level security: the second wall', () => {
  let t: TestApp;
  let world: World;
  let A: RowScope;
  let B: RowScope;
  const pool = () => (t.appDb.driver as PostgresDriver).master as Pool;
  const trustsOf = (rows: { trust_id: string }[]) => [...new Set(rows.map((r) => r.trust_id))].sort();

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(async () => {
    world = await seedWorld(t);
    A = { kind: 'trust', trustId: world.trustA.id };
    B = { kind: 'trust', trustId: world.trustB.id };
    for (const n of [1, 2]) await wasteOf(t, world.trustA.id, `A${n}`);
    await wasteOf(t, world.trustB.id, 'B1');
  });

  it('every table with a trust_id has row-level security enabled and forced, with the trust policy', async () => {
    const rows: { table: string; enabled: boolean; forced: boolean; policies: number }[] = await t.db.query(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policies p
               WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'trust_isolation') AS policies
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'trust_id' AND NOT a.attisdropped)
       ORDER BY 1`);
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['users', 'waste_records', 'rollup_marks']));
    expect(rows.filter((r) => !r.enabled || !r.forced || r.policies !== 1)).toEqual([]);
  });

  it('the API runs as kaizen_app, which owns no table and cannot bypass row-level security', async () => {
    const [me] = await asSystem('test', () => t.appDb.query(`SELECT current_user AS role`));
    expect(me.role).toBe('kaizen_app');
    const [role] = await t.db.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'kaizen_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const [{ owned }] = await t.db.query(
      `SELECT count(*)::int AS owned FROM pg_tables WHERE tableowner = 'kaizen_app'`,
    );
    expect(owned).toBe(0);
  });

  it("an unscoped SELECT in a trust's scope returns only that trust's rows; with no scope, none", async () => {
    const mine = await withRowScope(A, () => t.appDb.query(`SELECT * FROM waste_records`));
    expect(mine.map((r: { description: string }) => r.description).sort()).toEqual(['A1', 'A2']);
    const theirs = await withRowScope(B, () => t.appDb.query(`SELECT * FROM waste_records`));
    expect(theirs.map((r: { description: string }) => r.description)).toEqual(['B1']);
    expect(await t.appDb.query(`SELECT * FROM waste_records`)).toEqual([]);
    expect(await withRowScope({ kind: 'none' }, () => t.appDb.query(`SELECT * FROM users`))).toEqual([]);
    const all = await withRowScope({ kind: 'programme' }, () => t.appDb.query(`SELECT * FROM waste_records`));
    expect(trustsOf(all)).toEqual([world.trustA.id, world.trustB.id].sort());
    expect(await asSystem('test', () => t.appDb.query(`SELECT count(*)::int AS n FROM waste_records`))).toEqual([
      { n: 3 },
    ]);
  });

  it('covers TypeORM transactions, repositories and updates: another trust is neither seen nor written', async () => {
    await withRowScope(A, () =>
      t.appDb.transaction(async (em) => {
        expect(trustsOf(await em.query(`SELECT trust_id FROM waste_records`))).toEqual([world.trustA.id]);
        // an UPDATE and a DELETE that forgot the trust touch only the caller's rows
        const [, updated] = await em.query(`UPDATE waste_records SET occurrences = 2`);
        expect(updated).toBe(2);
      }),
    );
    const [b] = await t.db.query(`SELECT occurrences FROM waste_records WHERE trust_id = $1`, [world.trustB.id]);
    expect(b.occurrences).toBe(1);
    // writing a row into another trust is refused by the policy's WITH CHECK
    await expect(withRowScope(A, () => wasteVia(t.appDb.query.bind(t.appDb), world.trustB.id))).rejects.toThrow(
      /row-level security/,
    );
    // and moving an own row into another trust too
    await expect(
      withRowScope(A, () => t.appDb.query(`UPDATE waste_records SET trust_id = $1`, [world.trustB.id])),
    ).rejects.toThrow(/row-level security/);
  });

  it('covers raw pg clients of the pool, pool.query and COPY TO', async () => {
    const viaPool = await withRowScope(A, () => pool().query(`SELECT trust_id FROM waste_records`));
    expect(trustsOf(viaPool.rows)).toEqual([world.trustA.id]);
    const copied = await withRowScope(B, async () => {
      const client = await pool().connect();
      try {
        const stream = client.query(copyTo(`COPY (SELECT description FROM waste_records) TO STDOUT`));
        let text = '';
        for await (const chunk of stream) text += (chunk as Buffer).toString();
        return text;
      } finally {
        client.release();
      }
    });
    expect(copied).toBe('B1\n');
  });

  it('one connection serves scope after scope, and a rolled-back scope change is not trusted afterwards', async () => {
    const client: PoolClient = await pool().connect();
    const seen = async () => trustsOf((await client.query(`SELECT trust_id FROM waste_records`)).rows);
    try {
      expect(await withRowScope(A, seen)).toEqual([world.trustA.id]);
      expect(await withRowScope(B, seen)).toEqual([world.trustB.id]);
      expect(await seen()).toEqual([]);
      // scope A set inside a transaction that rolls back: the session falls back to "no scope"...
      await client.query('BEGIN');
      expect(await withRowScope(A, seen)).toEqual([world.trustA.id]);
      await withRowScope(A, () => client.query('ROLLBACK'));
      // ...so the next query in A must set it again rather than trust its cache
      expect(await withRowScope(A, seen)).toEqual([world.trustA.id]);
      expect(await seen()).toEqual([]);
    } finally {
      client.release();
    }
  });

  it('rows of no trust (programme users) are readable in a trust scope, never writable there', async () => {
    const users: { email: string }[] = await withRowScope(A, () => t.appDb.query(`SELECT email FROM users`));
    const emails = users.map((u) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['admin@test.nhs.uk', 'team.aaa@test.nhs.uk']));
    expect(emails.filter((e) => e.endsWith('bbb@test.nhs.uk'))).toEqual([]);
    await expect(
      withRowScope(A, () =>
        t.appDb.query(`INSERT INTO users (email, name, role) VALUES ('x@test.nhs.uk', 'x', 'regulator')`),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("an HTTP request runs in its caller's scope: sign-in works, and a trust role reads only its rows", async () => {
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: world.users.A.team.email, password: 'improve-together' });
    expect(login.status).toBe(200);
    // with no scope the list would come back empty: the request did run in trust A's scope
    const list = await t.http().get('/api/waste-records').set(bearer(world.users.A.kpo));
    expect(list.body.items.map((r: { description: string }) => r.description).sort()).toEqual(['A1', 'A2']);
  });
});

function wasteVia(query: (sql: string, params: unknown[]) => Promise<unknown>, trustId: string) {
  return query(
    `INSERT INTO waste_records (trust_id, waste_type, observed_on, description, minutes_lost, patient_impact)
     VALUES ($1, 'motion', DATE '2026-01-05', 'sneaked in', 5, 'low')`,
    [trustId],
  );
}
