// Hostile transport on every write route: malformed JSON (generated: cut, spliced, or one of the
// classics), bodies over the 1 MB limit, bodies nested 1,000 to 300,000 levels deep, other content
// types, and hostile path parameters on every route that takes one. Never a status of 500 or
// more, every 400 says which field (or that the body is not JSON), and a refused write stores nothing.
import fc from 'fast-check';
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';
import { Fixtures } from '../isolation/fixtures';
import { RUNS, SEED } from './arbitraries';
import { errorProblems, fieldsOf, keysOf, Problems, recordFigures, show, writeRoutesOf } from './checks';
import { CURRENT_VERSION, WRITE_ROUTES } from './write-routes';

jest.setTimeout(600_000);

type Json = Record<string, unknown>;

/** JSON that is not: the classics every parser has tripped on. */
const MALFORMED = [
  '',
  '{',
  '}',
  '{"a":}',
  "{'name':'x'}",
  '{"name":"x",}',
  '[1,]',
  '{"name":undefined}',
  '{"name":NaN}',
  '{"name":Infinity}',
  '{"name":0x10}',
  '{"name":01}',
  '{"name":"\\u00"}',
  '{"name":"\\x41"}',
  '{"name":"tab\there"}',
  '{"name":"x"} trailing',
  '{"name" "x"}',
  '\u0000',
  '{"name":"x"}\u0000',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"name":1e999999}',
  '{"name":-1e999999}',
  `{"name":${'9'.repeat(5000)}}`,
  `{${'"k":1,'.repeat(50_000)}"k":2}`,
  'null',
  'true',
  '"just a string"',
  '12345',
  '[]',
  '[[[[[[[[[[]]]]]]]]]]',
];

const deepArray = (n: number) => `{"name":${'['.repeat(n)}"x"${']'.repeat(n)}}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}"x"${'}'.repeat(n)}`;

/** Path parameters no route should trip on. */
const HOSTILE_IDS = [
  'not-a-uuid',
  '0',
  '-1',
  'null',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '6f1c1b8e-0000-4000-8000-00000000000',
  '6f1c1b8e-0000-4000-8000-0000000000000',
  "' OR '1'='1",
  '1;DROP TABLE trusts',
  '%00',
  '%ZZ',
  '%C0%AE%C0%AE',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent('🚑'),
  '%ED%A0%80', // a UTF-16 surrogate encoded as UTF-8: invalid UTF-8
  'x'.repeat(5000),
];

describe('hostile transport on every write route', () => {
  let t: TestApp;
  let world: World;
  let doc: Parameters<typeof fieldsOf>[0];
  let fingerprintSql: string;
  const figures = { malformed: 0, oversized: 0, deep: 0, contentTypes: 0, pathParams: 0, serverErrors: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const tables: { table_name: string }[] = await t.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    fingerprintSql = tables.map(({ table_name }) => `SELECT count(*) AS n FROM "${table_name}"`).join(' UNION ALL ');
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    recordFigures('hostile-transport', figures);
    await t.close();
  });

  const fingerprint = async () => JSON.stringify(await t.db.query(fingerprintSql));

  async function send(method: string, path: string, token: string, raw: string, contentType = 'application/json') {
    return t
      .http()
      [method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](path)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', contentType)
      .send(raw);
  }

  it.each(WRITE_ROUTES.map((r) => [r.route, r] as const))('%s', async (_name, route) => {
    const fx = new Fixtures(t, world);
    const ctx = await route.context(fx);
    const [method] = route.route.split(' ');
    const token = route.actor(world).token;
    const fields = fieldsOf(doc, route.route);
    const problems = new Problems();
    const check = (what: string, raw: string, res: { status: number; body: Json }) => {
      if (res.status >= 500) figures.serverErrors++;
      const named = new Set(fields);
      try {
        keysOf(JSON.parse(raw), named);
      } catch {
        // not JSON: only `body` (or a route field) may be named
      }
      for (const p of errorProblems(res.status, res.body, named)) {
        problems.add(
          route.route,
          `${what}: ${p.replace(/:.*$/, '')}`,
          `${p} | ${show(raw, 120)} → ${res.status} ${show(res.body, 200)}`,
        );
      }
    };

    // a valid body of the route, the seed of the generated malformed ones
    const valid = fc.sample(route.body(ctx), { numRuns: 1, seed: 1 })[0] as Json;
    if (valid && typeof valid === 'object' && !Array.isArray(valid) && valid.version === CURRENT_VERSION) {
      valid.version = await fx.version(ctx.versioned!.table, ctx.versioned!.id);
    }
    const validRaw = JSON.stringify(valid);

    const before = await fingerprint();
    for (const raw of MALFORMED) {
      check('malformed JSON', raw, await send(method, ctx.path, token, raw));
      figures.malformed++;
    }
    // generated: the valid body cut short, or with a character spliced in
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(
            fc.nat({ max: Math.max(1, validRaw.length - 1) }).map((n) => validRaw.slice(0, n)),
            fc
              .tuple(
                fc.nat({ max: validRaw.length }),
                fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', 'x'),
              )
              .map(([n, c]) => validRaw.slice(0, n) + c + validRaw.slice(n)),
          )
          .filter((raw) => {
            try {
              JSON.parse(raw);
              return false; // still JSON (a character spliced into a string): not this test's case
            } catch {
              return true;
            }
          }),
        async (raw) => {
          check('generated malformed JSON', raw, await send(method, ctx.path, token, raw));
          figures.malformed++;
        },
      ),
      { numRuns: Math.max(10, Math.round(RUNS / 10)), seed: SEED },
    );

    // deep nesting: 400 naming the field, never a stack overflow
    for (const depth of [1_000, 100_000]) {
      for (const raw of [deepArray(depth), deepObject(depth)]) {
        check(`nested ${depth} deep`, raw, await send(method, ctx.path, token, raw));
        figures.deep++;
      }
    }

    // over the limit: 413, even when the size is a single string
    const oversized = [JSON.stringify({ ...valid, name: 'x'.repeat(1024 * 1024) }), `[${'0,'.repeat(600_000)}0]`];
    for (const raw of oversized) {
      const res = await send(method, ctx.path, token, raw);
      figures.oversized++;
      if (res.status !== 413)
        problems.add(route.route, 'oversized body not 413', `${raw.length} bytes → ${res.status} ${show(res.body)}`);
    }

    // not JSON at all
    for (const [type, raw] of [
      ['text/plain', validRaw],
      ['application/x-www-form-urlencoded', 'name=x&version=1'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--'],
      ['application/json; charset=latin1', validRaw],
      ['application/xml', '<name>x</name>'],
      ['text/csv', 'name\nx'],
    ] as const) {
      const res = await send(method, ctx.path, token, raw, type);
      figures.contentTypes++;
      check(`Content-Type ${type}`, raw, res);
    }
    // nothing of all that was stored (the publish route takes no body: it may publish)
    if (!route.route.endsWith('/publish')) expect(await fingerprint()).toBe(before);

    // a UTF-8 byte order mark before the JSON may be ignored (RFC 8259 §8.1): whatever the answer, not a 500
    const bom = `\ufeff${validRaw}`;
    check('BOM before JSON', bom, await send(method, ctx.path, token, bom));
    expect({ seed: SEED, problems: problems.summary() }).toEqual({ seed: SEED, problems: [] }); // HOSTILE_SEED=<seed> replays
  });

  it('answers hostile path parameters on every route that takes one with 4xx', async () => {
    const fx = new Fixtures(t, world);
    const real = { id: (await fx.valueStream('A')).id as string };
    const routes = writeRoutesOf(t.app.getHttpAdapter().getInstance()).concat(
      // reads take the same parameters
      [
        'GET /api/trusts/:id',
        'GET /api/waste-records/:id',
        'GET /api/maps/:id/compare/:otherId',
        'GET /api/dashboards/trusts/:trustId',
      ],
    );
    const problems = new Problems();
    for (const route of routes.filter((r) => r.includes(':'))) {
      const [method, template] = route.split(' ');
      const params = template.match(/:\w+/g)!;
      for (const bad of HOSTILE_IDS) {
        // each parameter hostile in turn, the others a real id
        for (const target of params) {
          const path = template.replace(/:\w+/g, (p) => (p === target ? bad : real.id));
          const req = t
            .http()
            [method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
            .set(bearer(world.users.admin));
          const res = method === 'GET' || method === 'DELETE' ? await req : await req.send({});
          figures.pathParams++;
          if (res.status >= 500) figures.serverErrors++;
          if (res.status >= 500 || res.status < 400) {
            problems.add(
              route,
              `${target} hostile → ${res.status}`,
              `${show(path, 150)} → ${res.status} ${show(res.body)}`,
            );
          }
        }
      }
    }
    expect({ seed: SEED, problems: problems.summary() }).toEqual({ seed: SEED, problems: [] }); // HOSTILE_SEED=<seed> replays
  });
});
