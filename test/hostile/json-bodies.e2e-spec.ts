// Hostile JSON bodies on every write route (property-based, fast-check): valid bodies full of nasty
// but legal text, and one-change mutations of them — a field replaced by anything (wrong types,
// edge numbers, NUL, lone surrogates, over-long or length-fooling text, deep nesting), a field
// removed, a key added (`__proto__` too), the whole body replaced. For every one:
//   - never a status of 500 or more;
//   - every error in Nest's shape, every 400 naming the failing field;
//   - whatever was accepted reads back through the API exactly as sent.
// HOSTILE_RUNS sets the bodies per route (default 200); HOSTILE_SEED replays a run.
import fc from 'fast-check';
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';
import { Fixtures } from '../isolation/fixtures';
import { hostileBodies, RUNS, SEED } from './arbitraries';
import {
  compareLeaves,
  errorProblems,
  fieldsOf,
  keysOf,
  namesAField,
  Problems,
  recordFigures,
  show,
  writeRoutesOf,
} from './checks';
import { CURRENT_VERSION, NOT_JSON, WRITE_ROUTES } from './write-routes';

jest.setTimeout(600_000);

type Json = Record<string, unknown>;

describe('hostile JSON bodies on every write route', () => {
  let t: TestApp;
  let world: World;
  let doc: Parameters<typeof fieldsOf>[0];
  const figures = { routes: 0, inputs: 0, accepted: 0, readBack: 0, rejected: 0, serverErrors: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    recordFigures('hostile-json', { ...figures, runsPerRoute: RUNS });
    await t.close();
  });

  it('has a generator for every POST, PUT and PATCH route of the router', () => {
    const covered = new Set([...WRITE_ROUTES.map((r) => r.route), ...NOT_JSON]);
    const served = writeRoutesOf(t.app.getHttpAdapter().getInstance()).filter((r) => !r.startsWith('DELETE'));
    expect(served.length).toBeGreaterThan(15);
    expect({ withoutGenerator: served.filter((r) => !covered.has(r)) }).toEqual({ withoutGenerator: [] });
    expect({ notServed: [...covered].filter((r) => !served.includes(r)) }).toEqual({ notServed: [] });
  });

  it('recognises a message that names no field', () => {
    const fields = new Set(['name', 'steps', 'body']);
    expect(namesAField('name must be shorter than or equal to 120 characters', fields)).toBe(true);
    expect(namesAField('steps.0.name must be a string', fields)).toBe(true);
    expect(namesAField('property foo should not exist', fields)).toBe(true);
    expect(namesAField('property  should not exist', fields)).toBe(true);
    expect(namesAField('each value in nested property steps must be either object or array', fields)).toBe(true);
    expect(namesAField('0.name must be a string', fields)).toBe(true);
    expect(namesAField('commitmentId: no Compact commitment', new Set(['commitmentId']))).toBe(true);
    expect(namesAField('a value is out of range or malformed: invalid input syntax', fields)).toBe(false);
    expect(namesAField('value_streams_name_check: the value breaks a rule of the record', fields)).toBe(false);
  });

  it.each(WRITE_ROUTES.map((r) => [r.route, r] as const))('%s', async (_name, route) => {
    const fx = new Fixtures(t, world);
    const ctx = await route.context(fx);
    const [method] = route.route.split(' ');
    const fields = fieldsOf(doc, route.route);
    const actor = route.actor(world);
    const problems = new Problems();
    let tried = 0;
    let accepted = 0;

    const property = fc.asyncProperty(hostileBodies(route.body(ctx), route.limits), async ({ body, how }) => {
      tried++;
      let sent = body;
      if (sent && typeof sent === 'object' && !Array.isArray(sent) && (sent as Json).version === CURRENT_VERSION) {
        sent = { ...(sent as Json), version: await fx.version(ctx.versioned!.table, ctx.versioned!.id) };
      }
      const raw = sent === undefined ? '' : JSON.stringify(sent);
      const res = await t
        .http()
        [method.toLowerCase() as 'post' | 'put' | 'patch'](ctx.path)
        .set(bearer(actor))
        .set('Content-Type', 'application/json')
        .send(raw);
      const example = `${how}: ${show(sent)} → ${res.status} ${show(res.body, 300)}`;
      // a message may name a field of the route, or a key the client sent (an unknown one)
      const named = keysOf(sent, new Set(fields));
      for (const p of errorProblems(res.status, res.body, named))
        problems.add(route.route, p.replace(/:.*$/, ''), `${p} | ${example}`);
      if (res.status >= 500) figures.serverErrors++;
      if (res.status >= 400) {
        figures.rejected++;
        return;
      }
      accepted++;
      const password = (sent as Json)?.password;
      const echoed = Object.entries(sent as Json).some(([k, v]) => k !== 'password' && v === password);
      if (typeof password === 'string' && !echoed && res.text.includes(JSON.stringify(password).slice(1, -1))) {
        problems.add(route.route, 'password in the answer', example);
      }
      if (/argon2|passwordHash|password_hash/.test(res.text)) problems.add(route.route, 'hash in the answer', example);
      if (!route.readBack) return;
      let read: unknown;
      try {
        read = await route.readBack(fx, ctx, res, sent);
      } catch (error) {
        problems.add(route.route, 'accepted but not readable', `${(error as Error).message} | ${example}`);
        return;
      }
      figures.readBack++;
      for (const d of compareLeaves(sent, read, { skip: route.skip, normalise: route.normalise?.(ctx) })) {
        problems.add(
          route.route,
          `accepted but read back differently (${d.split(':')[0].replace(/\.\d+/g, '.n')})`,
          `${d} | ${example}`,
        );
      }
    });

    const runs = Math.max(5, Math.round(RUNS * (route.weight ?? 1)));
    await fc.assert(property, { numRuns: runs, seed: SEED, endOnFailure: true });
    figures.routes++;
    figures.inputs += tried;
    figures.accepted += accepted;
    // A generator that never gets past validation tests nothing about storage.
    expect({ route: route.route, acceptedSome: accepted > 0 }).toEqual({ route: route.route, acceptedSome: true });
    expect({ seed: SEED, problems: problems.summary() }).toEqual({ seed: SEED, problems: [] }); // HOSTILE_SEED=<seed> replays
  });
});
