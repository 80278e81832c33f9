// Keyset pagination of /api/users and /api/audit (SPEC §4): limit 1-200 (default 50),
// opaque cursor, {items, nextCursor}; pages never overlap and together hold every record.
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';

describe('pagination', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  async function walk(path: string, limit: number): Promise<{ pages: string[][]; ids: string[] }> {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const url: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.http().get(url).set(bearer(world.users.admin)).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      pages.push(res.body.items.map((item: { id: string }) => item.id));
      cursor = res.body.nextCursor;
      if (pages.length > 50) throw new Error('pagination does not end');
    } while (cursor);
    return { pages, ids: pages.flat() };
  }

  it('pages through users without overlaps or gaps', async () => {
    // Same created_at for several users, so ties are broken by id.
    await t.db.query(`UPDATE users SET created_at = '2026-01-01T00:00:00Z' WHERE role IN ('trust_ceo', 'kpo_lead')`);
    const expected: string[] = (await t.db.query(`SELECT id FROM users`)).map((r: { id: string }) => r.id);
    const { pages, ids } = await walk('/api/users', 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    const single = await walk('/api/users', 200);
    expect(single.pages).toHaveLength(1);
    expect(single.ids).toEqual(ids);
  });

  it('answers nextCursor null when a page is exactly the rest', async () => {
    const { pages } = await walk('/api/users', 4);
    expect(pages.map((p) => p.length)).toEqual([4, 4]);
  });

  it('defaults to 50 items', async () => {
    const values = Array.from({ length: 55 }, (_, i) => `('bulk${i}@test.nhs.uk', 'Bulk ${i}', 'admin', 'x')`).join(
      ', ',
    );
    await t.db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ${values}`);
    const res = await t.http().get('/api/users').set(bearer(world.users.admin)).expect(200);
    expect(res.body.items).toHaveLength(50);
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });

  it('pages through the audit log newest first without overlaps', async () => {
    const target = world.users.A.team;
    for (let version = 1; version <= 7; version++) {
      await t
        .http()
        .patch(`/api/users/${target.id}`)
        .set(bearer(world.users.admin))
        .send({ version, name: `Name ${version}` })
        .expect(200);
    }
    const { pages, ids } = await walk('/api/audit', 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(new Set(ids).size).toBe(7);
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM audit_entries ORDER BY at DESC, id DESC`);
    expect(ids).toEqual(rows.map((r) => r.id));
    // Filters and cursors combine.
    const filtered = await walk(`/api/audit?entity=user&entityId=${target.id}`, 2);
    expect(filtered.ids).toEqual(ids);
  });

  it.each(['/api/users', '/api/audit'])('%s: limit 0 and 201 answer 400 naming limit', async (path) => {
    for (const limit of ['0', '201', 'ten', '2.5', '-1']) {
      const res = await t.http().get(`${path}?limit=${limit}`).set(bearer(world.users.admin)).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/limit/);
    }
    await t.http().get(`${path}?limit=1`).set(bearer(world.users.admin)).expect(200);
    await t.http().get(`${path}?limit=200`).set(bearer(world.users.admin)).expect(200);
  });

  it.each(['/api/users', '/api/audit'])('%s: a garbage cursor answers 400', async (path) => {
    const forged = Buffer.from(JSON.stringify(['not a time', 'not an id'])).toString('base64url');
    const wrongShape = Buffer.from(JSON.stringify({ a: 1 })).toString('base64url');
    for (const cursor of ['garbage', '%%%', forged, wrongShape, 'x'.repeat(600)]) {
      const res = await t
        .http()
        .get(`${path}?cursor=${encodeURIComponent(cursor)}`)
        .set(bearer(world.users.admin))
        .expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/cursor|malformed/);
    }
  });
});
