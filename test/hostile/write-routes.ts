// Every JSON write route of the API, with who may call it, the records it needs, a generator of
// valid bodies (nasty but legal text, numbers across their whole range), and how to read what it
// stored back through the API. The hostile specs mutate these bodies; a write route of the router
// without an entry here fails them.
import {
  CHECK_IN_STATUSES,
  COMPACT_CATEGORIES,
  COMPACT_PARTIES,
  EVENT_KINDS,
  EVENT_STATUSES,
  MAP_STATES,
  MEASURE_DIRECTIONS,
  METRIC_DIRECTIONS,
  PATIENT_IMPACTS,
  STEP_CLASSIFICATIONS,
  WASTE_STATUSES,
  WASTE_TYPES,
  addDays,
} from '@app/domain';
import fc from 'fast-check';
import { bearer, PASSWORD, TestUser, World } from '../support/test-app';
import { Fixtures, TODAY } from '../isolation/fixtures';
import { nastyText } from './arbitraries';

/** Stands for the record's current version; the runner puts the real one in just before sending. */
export const CURRENT_VERSION = '\u0000current version\u0000';

type Json = Record<string, unknown>;

export interface Context {
  path: string;
  /** The table and id whose version replaces CURRENT_VERSION. */
  versioned?: { table: string; id: string };
  [key: string]: unknown;
}

export interface WriteRoute {
  route: string;
  actor: (w: World) => TestUser;
  context: (fx: Fixtures) => Promise<Context>;
  body: (ctx: Context) => fc.Arbitrary<unknown>;
  /** Maximum length (code points) of each text field, for text of the right type. */
  limits?: Record<string, number>;
  /** What the write stored, read back through the API, shaped like the body. */
  readBack?: (fx: Fixtures, ctx: Context, res: { body: Json }, sent: unknown) => Promise<unknown>;
  /** Fields the API stores in a canonical form rather than verbatim, with that form. */
  normalise?: (ctx: Context) => Record<string, (value: unknown) => unknown>;
  /** Fields never read back (write-only or bumped by every write). */
  skip?: string[];
  /** A share of runs: routes whose body the API ignores need fewer. */
  weight?: number;
}

const past = (maxDays = 4000) => fc.integer({ min: 0, max: maxDays }).map((d) => addDays(TODAY, -d));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const finite = (min?: number, max?: number, minExcluded = false) =>
  fc.double({ min, max, minExcluded, noNaN: true, noDefaultInfinity: true });
const month = (backFrom: string, maxBack = 300) =>
  fc.integer({ min: 0, max: maxBack }).map((back) => {
    const [y, m] = backFrom.split('-').map(Number);
    const index = y * 12 + (m - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });

async function get(fx: Fixtures, user: TestUser, path: string): Promise<Json> {
  const res = await fx.t.http().get(path).set(bearer(user));
  if (res.status !== 200) throw new Error(`read-back GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const readOne = (path: (id: string) => string) => (fx: Fixtures, _ctx: Context, res: { body: Json }) =>
  get(fx, fx.world.users.admin, path(res.body.id as string));

/** A user from the paged list (there is no GET /api/users/:id). */
async function findUser(fx: Fixtures, id: string): Promise<Json> {
  let cursor: string | null = null;
  do {
    const page = await get(
      fx,
      fx.world.users.admin,
      `/api/users?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const found = (page.items as Json[]).find((u) => u.id === id);
    if (found) return found;
    cursor = page.nextCursor as string | null;
  } while (cursor);
  throw new Error(`user ${id} not in the list`);
}

const step = fc.record(
  {
    name: nastyText(1, 120),
    cycleTimeMinutes: finite(0, 1e6),
    waitTimeMinutes: finite(0, 1e6),
    classification: fc.constantFrom(...STEP_CLASSIFICATIONS),
    percentCompleteAccurate: finite(0, 100),
    staff: optional(fc.integer({ min: 0, max: 1000 })),
  },
  { requiredKeys: ['name', 'cycleTimeMinutes', 'waitTimeMinutes', 'classification'] },
);

const metric = fc.record({
  name: nastyText(1, 120),
  unit: nastyText(1, 40),
  direction: fc.constantFrom(...METRIC_DIRECTIONS),
  baseline: finite(),
  target: finite(),
});

const wasteBody = (ctx: Context, forUpdate: boolean) =>
  past(3000)
    .chain((observedOn) =>
      fc.record(
        {
          observedOn: fc.constant(observedOn),
          wasteType: fc.constantFrom(...WASTE_TYPES),
          description: nastyText(1, 2000),
          // numeric(7,2): hundredths of a minute
          minutesLost: fc.integer({ min: 0, max: 1_008_000 }).map((n) => n / 100),
          occurrences: fc.integer({ min: 1, max: 100000 }),
          patientImpact: fc.constantFrom(...PATIENT_IMPACTS),
          status: fc.constantFrom(...WASTE_STATUSES),
          eliminatedOn: fc
            .integer({
              min: 0,
              max: Math.max(0, -Math.round((Date.parse(observedOn) - Date.parse(TODAY)) / 86_400_000)),
            })
            .map((d) => addDays(observedOn, d)),
          valueStreamId: optional(fc.constant(ctx.valueStreamId as string)),
          improvementEventId: optional(fc.constant(ctx.eventId as string)),
        },
        { requiredKeys: forUpdate ? [] : ['observedOn', 'wasteType', 'description', 'minutesLost', 'patientImpact'] },
      ),
    )
    .map((body) => {
      const b = { ...body } as Json;
      // eliminatedOn goes with status eliminated only (a rule the mutations test)
      if (b.status !== 'eliminated') delete b.eliminatedOn;
      return forUpdate ? { version: CURRENT_VERSION, ...b } : b;
    });

export const WRITE_ROUTES: WriteRoute[] = [
  {
    route: 'POST /api/auth/login',
    actor: (w) => w.users.A.team,
    context: async () => ({ path: '/api/auth/login' }),
    body: () =>
      fc.record({
        email: fc.oneof(
          fc.constantFrom('team.aaa@test.nhs.uk', 'ADMIN@test.nhs.uk', ' kpo.bbb@test.nhs.uk '),
          nastyText(1, 60),
        ),
        password: fc.oneof(fc.constant(PASSWORD), nastyText(1, 200)),
      }),
    limits: { email: 320, password: 200 },
  },
  {
    route: 'POST /api/trusts',
    actor: (w) => w.users.admin,
    context: async () => ({ path: '/api/trusts' }),
    body: () => fc.record({ code: fc.stringMatching(/^[A-Za-z0-9]{3,10}$/), name: nastyText(1, 200) }),
    limits: { code: 10, name: 200 },
    readBack: readOne((id) => `/api/trusts/${id}`),
    normalise: () => ({ code: (c) => (typeof c === 'string' ? c.toUpperCase() : c) }),
  },
  {
    route: 'POST /api/users',
    actor: (w) => w.users.admin,
    context: async (fx) => ({ path: '/api/users', trustA: fx.trustId('A'), trustB: fx.trustId('B') }),
    body: (ctx) =>
      fc
        .tuple(
          fc.uuid(),
          fc.constantFrom<[string, string | null]>(
            ['improvement_team', ctx.trustA as string],
            ['kpo_lead', ctx.trustB as string],
            ['trust_ceo', ctx.trustA as string],
            ['regulator', null],
            ['admin', null],
          ),
          nastyText(1, 200),
          nastyText(12, 200),
        )
        .map(([id, [role, trustId], name, password]) => ({
          email: `u.${id}@test.nhs.uk`,
          name,
          role,
          trustId,
          password,
        })),
    limits: { name: 200, password: 200, email: 320 },
    readBack: (fx, _ctx, res) => findUser(fx, res.body.id as string),
    skip: ['password'],
  },
  {
    route: 'POST /api/auth/oidc/rules',
    actor: (w) => w.users.admin,
    context: async (fx) => ({ path: '/api/auth/oidc/rules', trustA: fx.trustId('A') }),
    body: (ctx) =>
      fc
        .tuple(
          fc.stringMatching(/^[\w.:/-]{1,200}$/),
          nastyText(1, 500),
          fc.constantFrom<[string, string | null]>(['improvement_team', ctx.trustA as string], ['admin', null]),
        )
        .map(([claim, equals, [role, trustId]]) => ({ claim, equals, role, trustId })),
    limits: { claim: 200, equals: 500 },
    readBack: async (fx, _ctx, res) =>
      ((await get(fx, fx.world.users.admin, '/api/auth/oidc/rules')) as unknown as Json[]).find(
        (rule) => rule.id === res.body.id,
      ),
  },
  {
    route: 'PATCH /api/users/:id',
    actor: (w) => w.users.admin,
    context: async (fx) => {
      const user = fx.world.users.A.team;
      return { path: `/api/users/${user.id}`, versioned: { table: 'users', id: user.id }, trustA: fx.trustId('A') };
    },
    body: (ctx) =>
      fc
        .record(
          {
            name: nastyText(1, 200),
            password: nastyText(12, 200),
            role: fc.constantFrom('improvement_team', 'kpo_lead', 'trust_ceo'),
            trustId: fc.constant(ctx.trustA as string),
          },
          { requiredKeys: [] },
        )
        .map((b) => ({ version: CURRENT_VERSION, ...b })),
    limits: { name: 200, password: 200 },
    readBack: (fx, ctx) => findUser(fx, (ctx.versioned as { id: string }).id),
    skip: ['password', 'version'],
  },
  {
    route: 'POST /api/waste-records',
    actor: (w) => w.users.A.team,
    context: async (fx) => ({
      path: '/api/waste-records',
      valueStreamId: (await fx.valueStream('A')).id,
      eventId: (await fx.event('A')).id,
    }),
    body: (ctx) => wasteBody(ctx, false),
    limits: { description: 2000 },
    readBack: readOne((id) => `/api/waste-records/${id}`),
  },
  {
    route: 'PATCH /api/waste-records/:id',
    actor: (w) => w.users.A.team,
    context: async (fx) => {
      const record = await fx.waste('A');
      return {
        path: `/api/waste-records/${record.id}`,
        versioned: { table: 'waste_records', id: record.id as string },
        valueStreamId: (await fx.valueStream('A')).id,
        eventId: (await fx.event('A')).id,
      };
    },
    body: (ctx) => wasteBody(ctx, true),
    limits: { description: 2000 },
    readBack: (fx, ctx) => get(fx, fx.world.users.admin, ctx.path),
    skip: ['version'],
  },
  {
    route: 'POST /api/value-streams',
    actor: (w) => w.users.A.kpo,
    context: async () => ({ path: '/api/value-streams' }),
    body: () =>
      fc.record(
        {
          name: nastyText(1, 120),
          description: optional(nastyText(0, 2000)),
          demandPerDay: optional(finite(0, 1e9, true)),
          availableMinutesPerDay: optional(finite(0, 1440, true)),
        },
        { requiredKeys: ['name'] },
      ),
    limits: { name: 120, description: 2000 },
    readBack: readOne((id) => `/api/value-streams/${id}`),
  },
  {
    route: 'PATCH /api/value-streams/:id',
    actor: (w) => w.users.A.kpo,
    context: async (fx) => {
      const vs = await fx.valueStream('A');
      return { path: `/api/value-streams/${vs.id}`, versioned: { table: 'value_streams', id: vs.id as string } };
    },
    body: () =>
      fc
        .record(
          {
            name: nastyText(1, 120),
            description: optional(nastyText(0, 2000)),
            demandPerDay: optional(finite(0, 1e9, true)),
            availableMinutesPerDay: optional(finite(0, 1440, true)),
          },
          { requiredKeys: [] },
        )
        .map((b) => ({ version: CURRENT_VERSION, ...b })),
    limits: { name: 120, description: 2000 },
    readBack: (fx, ctx) => get(fx, fx.world.users.admin, ctx.path),
    skip: ['version'],
  },
  {
    route: 'POST /api/value-streams/:id/maps',
    actor: (w) => w.users.A.team,
    context: async (fx) => ({ path: `/api/value-streams/${(await fx.valueStream('A')).id}/maps` }),
    body: () =>
      fc.record({
        state: fc.constantFrom(...MAP_STATES),
        title: nastyText(1, 200),
        mappedOn: past(),
        steps: fc.array(step, { minLength: 1, maxLength: 6 }),
      }),
    limits: { title: 200, name: 120 },
    readBack: readOne((id) => `/api/maps/${id}`),
  },
  {
    route: 'PATCH /api/maps/:id',
    actor: (w) => w.users.A.team,
    context: async (fx) => {
      const map = await fx.map('A');
      return { path: `/api/maps/${map.id}`, versioned: { table: 'value_stream_maps', id: map.id as string } };
    },
    body: () =>
      fc
        .record(
          { state: fc.constantFrom(...MAP_STATES), title: nastyText(1, 200), mappedOn: past() },
          { requiredKeys: [] },
        )
        .map((b) => ({ version: CURRENT_VERSION, ...b })),
    limits: { title: 200 },
    readBack: (fx, ctx) => get(fx, fx.world.users.admin, ctx.path),
    skip: ['version'],
  },
  {
    route: 'PUT /api/maps/:id/steps',
    actor: (w) => w.users.A.team,
    context: async (fx) => {
      const map = await fx.map('A');
      return {
        path: `/api/maps/${map.id}/steps`,
        mapId: map.id,
        versioned: { table: 'value_stream_maps', id: map.id as string },
      };
    },
    body: () =>
      fc.record({ version: fc.constant(CURRENT_VERSION), steps: fc.array(step, { minLength: 1, maxLength: 6 }) }),
    limits: { name: 120 },
    readBack: (fx, ctx) => get(fx, fx.world.users.admin, `/api/maps/${ctx.mapId}`),
    skip: ['version'],
  },
  {
    route: 'POST /api/improvement-events',
    actor: (w) => w.users.A.team,
    context: async (fx) => ({ path: '/api/improvement-events', valueStreamId: (await fx.valueStream('A')).id }),
    body: (ctx) =>
      past().chain((startDate) =>
        fc.record(
          {
            kind: fc.constantFrom(...EVENT_KINDS),
            title: nastyText(1, 200),
            problemStatement: optional(nastyText(0, 4000)),
            startDate: fc.constant(startDate),
            endDate: optional(fc.integer({ min: 0, max: 400 }).map((d) => addDays(startDate, d))),
            status: fc.constantFrom(...EVENT_STATUSES),
            valueStreamId: optional(fc.constant(ctx.valueStreamId as string)),
            metrics: fc.array(metric, { maxLength: 4 }),
          },
          { requiredKeys: ['kind', 'title', 'startDate'] },
        ),
      ),
    limits: { title: 200, problemStatement: 4000, name: 120, unit: 40 },
    readBack: readOne((id) => `/api/improvement-events/${id}`),
  },
  {
    route: 'PATCH /api/improvement-events/:id',
    actor: (w) => w.users.A.team,
    context: async (fx) => {
      const event = await fx.event('A');
      return {
        path: `/api/improvement-events/${event.id}`,
        versioned: { table: 'improvement_events', id: event.id as string },
      };
    },
    body: () =>
      past().chain((startDate) =>
        fc
          .record(
            {
              kind: fc.constantFrom(...EVENT_KINDS),
              title: nastyText(1, 200),
              problemStatement: optional(nastyText(0, 4000)),
              startDate: fc.constant(startDate),
              endDate: fc.integer({ min: 0, max: 400 }).map((d) => addDays(startDate, d)),
              status: fc.constantFrom(...EVENT_STATUSES),
            },
            { requiredKeys: ['startDate', 'endDate'] },
          )
          .map((b) => ({ version: CURRENT_VERSION, ...b })),
      ),
    limits: { title: 200, problemStatement: 4000 },
    readBack: (fx, ctx) => get(fx, fx.world.users.admin, ctx.path),
    skip: ['version'],
  },
  {
    route: 'POST /api/improvement-events/:id/follow-ups',
    actor: (w) => w.users.A.team,
    context: async (fx) => {
      const event = await fx.send(fx.kpo('A'), 'post', '/api/improvement-events', {
        kind: 'kaizen',
        title: 'Follow-up target',
        startDate: addDays(TODAY, -200),
        endDate: addDays(TODAY, -195),
        status: 'follow_up',
        metrics: [
          { name: 'Wait', unit: 'min', direction: 'lower_is_better', baseline: 60, target: 30 },
          { name: 'Seen', unit: '%', direction: 'higher_is_better', baseline: 70, target: 95 },
        ],
      });
      return {
        path: `/api/improvement-events/${event.id}/follow-ups`,
        eventId: event.id,
        metricIds: (event.metrics as Json[]).map((m) => m.id as string),
      };
    },
    body: (ctx) =>
      fc.record(
        {
          checkpointDay: fc.integer({ min: 1, max: 100000 }),
          measuredOn: past(150),
          results: fc.uniqueArray(
            fc.record({ metricId: fc.constantFrom(...(ctx.metricIds as string[])), value: finite() }),
            { selector: (r) => r.metricId, maxLength: 2 },
          ),
          notes: optional(nastyText(0, 4000)),
        },
        { requiredKeys: ['checkpointDay', 'measuredOn', 'results'] },
      ),
    limits: { notes: 4000 },
    readBack: async (fx, ctx, res) => {
      const event = await get(fx, fx.world.users.admin, `/api/improvement-events/${ctx.eventId}`);
      return (event.followUps as Json[]).find((f) => f.id === res.body.id);
    },
  },
  {
    route: 'POST /api/measures',
    actor: (w) => w.users.A.kpo,
    context: async () => ({ path: '/api/measures' }),
    body: () =>
      fc.record(
        {
          name: nastyText(1, 200),
          unit: nastyText(1, 40),
          improvementDirection: fc.constantFrom(...MEASURE_DIRECTIONS),
          target: optional(finite()),
          trendLength: fc.integer({ min: 5, max: 10 }),
          shiftLength: fc.integer({ min: 5, max: 10 }),
        },
        { requiredKeys: ['name', 'unit', 'improvementDirection'] },
      ),
    limits: { name: 200, unit: 40 },
    readBack: readOne((id) => `/api/measures/${id}`),
  },
  {
    route: 'PATCH /api/measures/:id',
    actor: (w) => w.users.A.kpo,
    context: async (fx) => {
      const m = await fx.measure('A');
      return { path: `/api/measures/${m.id}`, versioned: { table: 'measures', id: m.id as string } };
    },
    body: () =>
      fc
        .record(
          {
            name: nastyText(1, 200),
            unit: nastyText(1, 40),
            improvementDirection: fc.constantFrom(...MEASURE_DIRECTIONS),
            target: optional(finite()),
            trendLength: fc.integer({ min: 5, max: 10 }),
            shiftLength: fc.integer({ min: 5, max: 10 }),
          },
          { requiredKeys: [] },
        )
        .map((b) => ({ version: CURRENT_VERSION, ...b })),
    limits: { name: 200, unit: 40 },
    readBack: (fx, ctx) => get(fx, fx.world.users.admin, ctx.path),
    skip: ['version'],
  },
  {
    route: 'PUT /api/measures/:id/points',
    actor: (w) => w.users.A.team,
    context: async (fx) => {
      const m = await fx.measure('A');
      return { path: `/api/measures/${m.id}/points`, measureId: m.id };
    },
    body: () =>
      fc.uniqueArray(fc.record({ periodStart: past(), value: finite() }), {
        selector: (p) => p.periodStart,
        maxLength: 12,
      }),
    readBack: async (fx, ctx, _res, sent) => {
      // the stored points of the periods sent, in the order sent
      const measure = await get(fx, fx.world.users.admin, `/api/measures/${ctx.measureId}`);
      const byPeriod = new Map((measure.points as Json[]).map((p) => [p.periodStart, p]));
      return (sent as Json[]).map((p) => byPeriod.get(p.periodStart) ?? {});
    },
  },
  {
    route: 'POST /api/compact/commitments',
    actor: (w) => w.users.admin,
    context: async () => ({ path: '/api/compact/commitments' }),
    body: () =>
      fc.record(
        {
          party: fc.constantFrom(...COMPACT_PARTIES),
          category: fc.constantFrom(...COMPACT_CATEGORIES),
          text: nastyText(1, 1000),
          active: fc.boolean(),
        },
        { requiredKeys: ['party', 'category', 'text'] },
      ),
    limits: { text: 1000 },
    readBack: async (fx, _ctx, res) =>
      ((await get(fx, fx.world.users.admin, '/api/compact')).commitments as Json[]).find((c) => c.id === res.body.id),
  },
  {
    route: 'PATCH /api/compact/commitments/:id',
    actor: (w) => w.users.admin,
    context: async (fx) => {
      const c = await fx.commitment('institute');
      return {
        path: `/api/compact/commitments/${c.id}`,
        versioned: { table: 'compact_commitments', id: c.id as string },
      };
    },
    body: () =>
      fc
        .record(
          {
            party: fc.constantFrom(...COMPACT_PARTIES),
            category: fc.constantFrom(...COMPACT_CATEGORIES),
            text: nastyText(1, 1000),
            active: fc.boolean(),
          },
          { requiredKeys: [] },
        )
        .map((b) => ({ version: CURRENT_VERSION, ...b })),
    limits: { text: 1000 },
    readBack: async (fx, ctx) =>
      ((await get(fx, fx.world.users.admin, '/api/compact')).commitments as Json[]).find(
        (c) => c.id === (ctx.versioned as { id: string }).id,
      ),
    skip: ['version'],
  },
  {
    route: 'PUT /api/compact/check-ins',
    actor: (w) => w.users.A.ceo,
    context: async (fx) => ({
      path: '/api/compact/check-ins',
      commitmentId: (await fx.commitment('trust')).id,
      trustId: fx.trustId('A'),
    }),
    body: (ctx) =>
      fc.record(
        {
          commitmentId: fc.constant(ctx.commitmentId as string),
          month: month(TODAY.slice(0, 7)),
          trustId: fc.constant(ctx.trustId as string),
          status: fc.constantFrom(...CHECK_IN_STATUSES),
          note: optional(nastyText(0, 2000)),
        },
        { requiredKeys: ['commitmentId', 'month', 'status'] },
      ),
    limits: { note: 2000 },
    // a trust role's check-in is its own trust's: a null trustId means exactly that
    normalise: (ctx) => ({ trustId: (v) => v ?? ctx.trustId }),
    readBack: async (fx, ctx, res) => {
      const page = await get(
        fx,
        fx.world.users.A.ceo,
        `/api/compact/check-ins?limit=200&month=${res.body.month}&trustId=${ctx.trustId}`,
      );
      return (page.items as Json[]).find((c) => c.id === res.body.id);
    },
  },
  {
    route: 'POST /api/board-meetings',
    actor: (w) => w.users.admin,
    context: async () => ({ path: '/api/board-meetings' }),
    body: () => fc.record({ month: month('2100-12', 1200), heldOn: optional(past()) }, { requiredKeys: ['month'] }),
    readBack: readOne((id) => `/api/board-meetings/${id}`),
  },
  {
    route: 'PUT /api/board-meetings/:id/reports/:trustId',
    actor: (w) => w.users.A.ceo,
    context: async (fx) => {
      const meeting = await fx.meeting();
      return {
        path: `/api/board-meetings/${meeting.id}/reports/${fx.trustId('A')}`,
        meetingId: meeting.id,
        trustId: fx.trustId('A'),
      };
    },
    body: () =>
      fc.record(
        { progress: nastyText(1, 8000), challenges: nastyText(1, 8000), asks: optional(nastyText(0, 8000)) },
        { requiredKeys: ['progress', 'challenges'] },
      ),
    limits: { progress: 8000, challenges: 8000, asks: 8000 },
    readBack: async (fx, ctx) =>
      ((await get(fx, fx.world.users.admin, `/api/board-meetings/${ctx.meetingId}`)).reports as Json[]).find(
        (r) => r.trustId === ctx.trustId,
      ),
  },
  {
    // takes no body: whatever is sent must be ignored, never a 500
    route: 'POST /api/board-meetings/:id/publish',
    actor: (w) => w.users.admin,
    context: async (fx) => ({ path: `/api/board-meetings/${(await fx.meeting()).id}/publish` }),
    body: () => fc.constant({}),
    weight: 0.2,
  },
];

/**
 * Write routes another spec covers in full: the CSV import (test/hostile/csv-import), and sign-out,
 * which takes no body and ends the caller's session, so it cannot share the actors' tokens with the
 * hostile runs (test/identity/sessions and test/security/tokens send it bodies and bad tokens).
 */
export const NOT_JSON = new Set(['POST /api/waste-records/import', 'POST /api/auth/logout']);
