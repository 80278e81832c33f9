// The isolation matrix (SPEC §1, §4): every route of the router × every role (team, KPO lead and CEO of
// trust A; the regulator; an admin) × a record of trust A ("own") or of trust B ("other"), with the
// status each cell must answer. Another trust's record answers 404; a role's forbidden action, or
// writing into another trust, 403. Besides the status, every cell checks that a refused write
// changed nothing, and that no answer to a trust-A caller holds an id of one of trust B's records.
// A route the router serves without a row here (or a row for a route that no longer exists) fails.
import { PASSWORD, bearer, createTestApp, seedWorld, TestApp, TestUser, tokenFor, World } from '../support/test-app';
import { REDIS_CLIENT, workerHeartbeatKey } from '@app/queue';
import type Redis from 'ioredis';
import { recordFigures } from '../hostile/checks';
import { Fixtures, TODAY, TrustKey } from './fixtures';

type Role = 'team' | 'kpo' | 'ceo' | 'regulator' | 'admin';
const ROLES: Role[] = ['team', 'kpo', 'ceo', 'regulator', 'admin'];

interface Req {
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: unknown;
  csv?: string;
  /** A token of its own instead of the role's (sign-out ends the session it is called with). */
  token?: string;
}

interface Row {
  /** The router's method and path (Express syntax); `ALL` for middleware mounted on a path. */
  route: string;
  /** own/other for team, kpo, ceo (all of trust A), regulator, admin. */
  expect: string;
  /** Builds the request of one cell; `trust` is A for "own" and B for "other". */
  cell: (fx: Fixtures, trust: TrustKey, role: Role) => Promise<Req> | Req;
}

const uuid = '6f1c1b8e-0000-4000-8000-000000000000';
const MONTH = TODAY.slice(0, 7);
const csvOf = (trustDay: string) =>
  'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description\n' +
  `${trustDay},motion,4,3,low,identified,,Walking to the store room\n`;

//            own/other for:  team      kpo       ceo       regulator  admin
const READ_RECORD = /*     */ '200/404   200/404   200/404   403/403   200/200';
const LIST_RECORDS = /*    */ '200/200   200/200   200/200   403/403   200/200';
const EDIT_RECORD = /*     */ '200/404   200/404   403/403   403/403   200/200';
const CREATE_RECORD = /*   */ '201/403   201/403   403/403   403/403   201/201';
const CREATE_CHILD = /*    */ '201/404   201/404   403/403   403/403   201/201';
const MANAGE_CREATE = /*   */ '403/403   201/403   403/403   403/403   201/201';
const MANAGE_EDIT = /*     */ '403/403   200/404   403/403   403/403   200/200';
const MANAGE_DELETE = /*   */ '403/403   204/404   403/403   403/403   204/204';
const EVERYONE = /*        */ '200/200   200/200   200/200   200/200   200/200';
const NO_WORKER = /*       */ '503/503   503/503   503/503   503/503   503/503';
const ADMIN_ONLY = (s: number) => `403/403   403/403   403/403   403/403   ${s}/${s}`;
const BOARD_READ = /*      */ '403/403   403/403   200/200   200/200   200/200';

const ROWS: Row[] = [
  // public
  { route: 'GET /api/health/live', expect: EVERYONE, cell: () => ({ path: '/api/health/live' }) },
  // No worker runs in this suite, so readiness answers 503 (no worker heartbeat) to everyone alike:
  // the route is public, never 401/403 (the readiness checks themselves: foundation/health).
  { route: 'GET /api/health/ready', expect: NO_WORKER, cell: () => ({ path: '/api/health/ready' }) },
  {
    route: 'POST /api/auth/login',
    expect: EVERYONE,
    cell: (fx, trust) => ({
      method: 'post',
      path: '/api/auth/login',
      body: { email: fx.world.users[trust].team.email, password: PASSWORD },
    }),
  },
  { route: 'GET /api/docs*', expect: EVERYONE, cell: () => ({ path: '/api/docs-json' }) },
  { route: 'ALL /', expect: EVERYONE, cell: () => ({ path: '/' }) },
  // the logger middleware's mount point: nothing answers /api itself
  { route: 'ALL /api', expect: '404/404 404/404 404/404 404/404 404/404', cell: () => ({ path: '/api' }) },

  // foundation
  { route: 'GET /api/auth/me', expect: EVERYONE, cell: () => ({ path: '/api/auth/me' }) },
  {
    route: 'POST /api/auth/logout',
    expect: '204/204   204/204   204/204   204/204   204/204',
    cell: async (fx, _trust, role) => {
      const user = role === 'regulator' || role === 'admin' ? fx.world.users[role] : fx.world.users.A[role];
      return { method: 'post', path: '/api/auth/logout', token: await tokenFor(fx.t, user) };
    },
  },
  { route: 'GET /api/trusts', expect: EVERYONE, cell: () => ({ path: '/api/trusts' }) },
  {
    route: 'GET /api/trusts/:id',
    expect: EVERYONE,
    cell: (fx, trust) => ({ path: `/api/trusts/${fx.trustId(trust)}` }),
  },
  {
    route: 'POST /api/trusts',
    expect: ADMIN_ONLY(201),
    cell: (fx) => ({ method: 'post', path: '/api/trusts', body: { code: `T${fx.next()}X`, name: 'Gamma Hospitals' } }),
  },
  {
    route: 'GET /api/users',
    expect: '403/403   200/200   403/403   403/403   200/200',
    cell: (fx, trust) => ({ path: `/api/users?trustId=${fx.trustId(trust)}` }),
  },
  {
    route: 'POST /api/users',
    expect: '403/403   201/403   403/403   403/403   201/201',
    cell: (fx, trust) => ({
      method: 'post',
      path: '/api/users',
      body: {
        email: `new.${fx.next()}@test.nhs.uk`,
        name: 'New colleague',
        role: 'improvement_team',
        trustId: fx.trustId(trust),
        password: 'a-long-enough-password',
      },
    }),
  },
  {
    route: 'PATCH /api/users/:id',
    expect: '403/403   200/404   403/403   403/403   200/200',
    cell: async (fx, trust) => {
      const user = fx.world.users[trust].team;
      return {
        method: 'patch',
        path: `/api/users/${user.id}`,
        body: { version: await fx.version('users', user.id), name: `Renamed ${fx.next()}` },
      };
    },
  },
  // single sign-on (this app has no OIDC_* settings: the flow's routes say it is not set up)
  { route: 'GET /api/auth/sign-in-options', expect: EVERYONE, cell: () => ({ path: '/api/auth/sign-in-options' }) },
  {
    route: 'GET /api/auth/oidc/login',
    expect: '404/404   404/404   404/404   404/404   404/404',
    cell: () => ({ path: '/api/auth/oidc/login' }),
  },
  {
    route: 'GET /api/auth/oidc/callback',
    expect: '404/404   404/404   404/404   404/404   404/404',
    cell: () => ({ path: '/api/auth/oidc/callback?code=x&state=y' }),
  },
  { route: 'GET /api/auth/oidc/rules', expect: ADMIN_ONLY(200), cell: () => ({ path: '/api/auth/oidc/rules' }) },
  {
    route: 'POST /api/auth/oidc/rules',
    expect: ADMIN_ONLY(201),
    cell: (fx, trust) => ({
      method: 'post',
      path: '/api/auth/oidc/rules',
      body: { claim: 'groups', equals: `G-${fx.next()}`, role: 'improvement_team', trustId: fx.trustId(trust) },
    }),
  },
  {
    route: 'DELETE /api/auth/oidc/rules/:id',
    expect: ADMIN_ONLY(204),
    cell: async (fx, trust) => {
      const [rule] = await fx.t.db.query(
        `INSERT INTO oidc_rules (claim, equals, role, trust_id) VALUES ('groups', $1, 'kpo_lead', $2) RETURNING id`,
        [`G-${fx.next()}`, fx.trustId(trust)],
      );
      return { method: 'delete', path: `/api/auth/oidc/rules/${rule.id}` };
    },
  },
  {
    route: 'GET /api/audit',
    expect: ADMIN_ONLY(200),
    cell: (fx, trust) => ({ path: `/api/audit?trustId=${fx.trustId(trust)}` }),
  },

  // waste records
  {
    route: 'GET /api/waste-records',
    expect: LIST_RECORDS,
    cell: async (fx, trust) => (await fx.waste(trust), { path: `/api/waste-records?trustId=${fx.trustId(trust)}` }),
  },
  {
    route: 'POST /api/waste-records',
    expect: CREATE_RECORD,
    cell: (fx, trust) => ({
      method: 'post',
      path: '/api/waste-records',
      body: {
        trustId: fx.trustId(trust),
        observedOn: TODAY,
        wasteType: 'transport',
        description: 'Notes carried between buildings',
        minutesLost: 6,
        patientImpact: 'low',
      },
    }),
  },
  {
    route: 'POST /api/waste-records/import',
    expect: CREATE_RECORD,
    cell: (fx, trust) => ({
      method: 'post',
      path: `/api/waste-records/import?trustId=${fx.trustId(trust)}`,
      csv: csvOf(TODAY),
    }),
  },
  {
    route: 'GET /api/waste-records/export',
    expect: LIST_RECORDS,
    cell: async (fx, trust) => (
      await fx.waste(trust),
      { path: `/api/waste-records/export?trustId=${fx.trustId(trust)}` }
    ),
  },
  {
    route: 'GET /api/waste-records/:id',
    expect: READ_RECORD,
    cell: async (fx, trust) => ({ path: `/api/waste-records/${(await fx.waste(trust)).id}` }),
  },
  {
    route: 'PATCH /api/waste-records/:id',
    expect: EDIT_RECORD,
    cell: async (fx, trust) => {
      const { id } = await fx.waste(trust);
      return {
        method: 'patch',
        path: `/api/waste-records/${id}`,
        body: { version: await fx.version('waste_records', id as string), occurrences: fx.next() },
      };
    },
  },
  {
    route: 'DELETE /api/waste-records/:id',
    expect: MANAGE_DELETE,
    cell: async (fx, trust) => ({ method: 'delete', path: `/api/waste-records/${(await fx.waste(trust, true)).id}` }),
  },

  // value streams and maps
  {
    route: 'GET /api/value-streams',
    expect: LIST_RECORDS,
    cell: async (fx, trust) => (
      await fx.valueStream(trust),
      { path: `/api/value-streams?trustId=${fx.trustId(trust)}` }
    ),
  },
  {
    route: 'POST /api/value-streams',
    expect: MANAGE_CREATE,
    cell: (fx, trust) => ({
      method: 'post',
      path: '/api/value-streams',
      body: { trustId: fx.trustId(trust), name: `Outpatients ${fx.next()}` },
    }),
  },
  {
    route: 'GET /api/value-streams/:id',
    expect: READ_RECORD,
    cell: async (fx, trust) => ({ path: `/api/value-streams/${(await fx.valueStream(trust)).id}` }),
  },
  {
    route: 'PATCH /api/value-streams/:id',
    expect: MANAGE_EDIT,
    cell: async (fx, trust) => {
      const { id } = await fx.valueStream(trust);
      return {
        method: 'patch',
        path: `/api/value-streams/${id}`,
        body: { version: await fx.version('value_streams', id as string), demandPerDay: fx.next() },
      };
    },
  },
  {
    route: 'DELETE /api/value-streams/:id',
    expect: MANAGE_DELETE,
    cell: async (fx, trust) => ({
      method: 'delete',
      path: `/api/value-streams/${(await fx.valueStream(trust, true)).id}`,
    }),
  },
  {
    route: 'GET /api/value-streams/:id/maps',
    expect: READ_RECORD,
    cell: async (fx, trust) => (
      await fx.map(trust),
      { path: `/api/value-streams/${(await fx.valueStream(trust)).id}/maps` }
    ),
  },
  {
    route: 'POST /api/value-streams/:id/maps',
    expect: CREATE_CHILD,
    cell: async (fx, trust) => ({
      method: 'post',
      path: `/api/value-streams/${(await fx.valueStream(trust)).id}/maps`,
      body: {
        state: 'future',
        title: 'Future state',
        mappedOn: TODAY,
        steps: [{ name: 'Triage at the door', cycleTimeMinutes: 5, waitTimeMinutes: 2, classification: 'value_added' }],
      },
    }),
  },
  {
    route: 'GET /api/maps/:id',
    expect: READ_RECORD,
    cell: async (fx, trust) => ({ path: `/api/maps/${(await fx.map(trust)).id}` }),
  },
  {
    route: 'PATCH /api/maps/:id',
    expect: EDIT_RECORD,
    cell: async (fx, trust) => {
      const { id } = await fx.map(trust);
      return {
        method: 'patch',
        path: `/api/maps/${id}`,
        body: { version: await fx.version('value_stream_maps', id as string), title: `Map ${fx.next()}` },
      };
    },
  },
  {
    route: 'PUT /api/maps/:id/steps',
    expect: EDIT_RECORD,
    cell: async (fx, trust) => {
      const { id } = await fx.map(trust);
      return {
        method: 'put',
        path: `/api/maps/${id}/steps`,
        body: {
          version: await fx.version('value_stream_maps', id as string),
          steps: [{ name: `Step ${fx.next()}`, cycleTimeMinutes: 3, waitTimeMinutes: 4, classification: 'waste' }],
        },
      };
    },
  },
  {
    route: 'DELETE /api/maps/:id',
    expect: MANAGE_DELETE,
    cell: async (fx, trust) => ({ method: 'delete', path: `/api/maps/${(await fx.map(trust, true)).id}` }),
  },
  {
    route: 'GET /api/maps/:id/compare/:otherId',
    expect: READ_RECORD,
    cell: async (fx, trust) => ({
      path: `/api/maps/${(await fx.map(trust)).id}/compare/${(await fx.map(trust, false, 'second')).id}`,
    }),
  },

  // improvement events
  {
    route: 'GET /api/improvement-events',
    expect: LIST_RECORDS,
    cell: async (fx, trust) => (
      await fx.event(trust),
      { path: `/api/improvement-events?trustId=${fx.trustId(trust)}` }
    ),
  },
  {
    route: 'POST /api/improvement-events',
    expect: CREATE_RECORD,
    cell: (fx, trust) => ({
      method: 'post',
      path: '/api/improvement-events',
      body: { trustId: fx.trustId(trust), kind: 'everyday_lean_idea', title: 'Label the drawers', startDate: TODAY },
    }),
  },
  {
    route: 'GET /api/improvement-events/:id',
    expect: READ_RECORD,
    cell: async (fx, trust) => ({ path: `/api/improvement-events/${(await fx.event(trust)).id}` }),
  },
  {
    route: 'PATCH /api/improvement-events/:id',
    expect: EDIT_RECORD,
    cell: async (fx, trust) => {
      const { id } = await fx.event(trust);
      return {
        method: 'patch',
        path: `/api/improvement-events/${id}`,
        body: { version: await fx.version('improvement_events', id as string), title: `RPIW ${fx.next()}` },
      };
    },
  },
  {
    route: 'DELETE /api/improvement-events/:id',
    expect: MANAGE_DELETE,
    cell: async (fx, trust) => ({
      method: 'delete',
      path: `/api/improvement-events/${(await fx.event(trust, true)).id}`,
    }),
  },
  {
    route: 'POST /api/improvement-events/:id/follow-ups',
    expect: CREATE_CHILD,
    cell: async (fx, trust) => {
      const event = await fx.event(trust);
      const metricId = (event.metrics as { id: string }[])[0].id;
      return {
        method: 'post',
        path: `/api/improvement-events/${event.id}/follow-ups`,
        body: { checkpointDay: 30 * fx.next(), measuredOn: TODAY, results: [{ metricId, value: 41 }] },
      };
    },
  },

  // measures
  {
    route: 'GET /api/measures',
    expect: LIST_RECORDS,
    cell: async (fx, trust) => (await fx.measure(trust), { path: `/api/measures?trustId=${fx.trustId(trust)}` }),
  },
  {
    route: 'POST /api/measures',
    expect: MANAGE_CREATE,
    cell: (fx, trust) => ({
      method: 'post',
      path: '/api/measures',
      body: {
        trustId: fx.trustId(trust),
        name: `Falls ${fx.next()}`,
        unit: 'per 1000 bed days',
        improvementDirection: 'down',
      },
    }),
  },
  {
    route: 'GET /api/measures/:id',
    expect: READ_RECORD,
    cell: async (fx, trust) => ({ path: `/api/measures/${(await fx.measure(trust)).id}` }),
  },
  {
    route: 'PATCH /api/measures/:id',
    expect: MANAGE_EDIT,
    cell: async (fx, trust) => {
      const { id } = await fx.measure(trust);
      return {
        method: 'patch',
        path: `/api/measures/${id}`,
        body: { version: await fx.version('measures', id as string), target: 90 + (fx.next() % 10) },
      };
    },
  },
  {
    route: 'DELETE /api/measures/:id',
    expect: MANAGE_DELETE,
    cell: async (fx, trust) => ({ method: 'delete', path: `/api/measures/${(await fx.measure(trust, true)).id}` }),
  },
  {
    route: 'PUT /api/measures/:id/points',
    expect: EDIT_RECORD,
    cell: async (fx, trust) => ({
      method: 'put',
      path: `/api/measures/${(await fx.measure(trust)).id}/points`,
      body: [{ periodStart: '2025-01-06', value: fx.next() }],
    }),
  },
  {
    route: 'GET /api/measures/:id/spc',
    expect: READ_RECORD,
    cell: async (fx, trust) => ({ path: `/api/measures/${(await fx.measure(trust)).id}/spc` }),
  },

  // dashboards: any role; a trust role its own trust only
  { route: 'GET /api/dashboards/programme', expect: EVERYONE, cell: () => ({ path: '/api/dashboards/programme' }) },
  {
    route: 'GET /api/dashboards/trusts/:trustId',
    expect: '200/404   200/404   200/404   200/200   200/200',
    cell: async (fx, trust) => (await fx.waste(trust), { path: `/api/dashboards/trusts/${fx.trustId(trust)}` }),
  },

  // the Compact
  {
    route: 'GET /api/compact',
    expect: EVERYONE,
    cell: async (fx) => (await fx.commitment(), { path: '/api/compact' }),
  },
  {
    route: 'POST /api/compact/commitments',
    expect: ADMIN_ONLY(201),
    cell: () => ({
      method: 'post',
      path: '/api/compact/commitments',
      body: { party: 'all', category: 'responsibility', text: 'We come to the board prepared' },
    }),
  },
  {
    route: 'PATCH /api/compact/commitments/:id',
    expect: ADMIN_ONLY(200),
    cell: async (fx) => {
      const { id } = await fx.commitment();
      return {
        method: 'patch',
        path: `/api/compact/commitments/${id}`,
        body: { version: await fx.version('compact_commitments', id as string), text: `Revised ${fx.next()}` },
      };
    },
  },
  {
    // trust roles check in for their trust; the regulator for itself ("other": naming trust B)
    route: 'PUT /api/compact/check-ins',
    expect: '403/403   201/403   201/403   201/403   403/403',
    cell: async (fx, trust, role) => {
      const party = role === 'regulator' && trust === 'A' ? 'regulator' : 'trust';
      const { id } = await fx.commitment(party, true);
      const trustId = role === 'regulator' && trust === 'A' ? undefined : fx.trustId(trust);
      return {
        method: 'put',
        path: '/api/compact/check-ins',
        body: { commitmentId: id, month: MONTH, trustId, status: 'partly_met' },
      };
    },
  },
  {
    route: 'GET /api/compact/check-ins',
    expect: EVERYONE,
    cell: (fx, trust) => ({ path: `/api/compact/check-ins?month=${MONTH}&trustId=${fx.trustId(trust)}` }),
  },

  // the board: CEOs, the regulator and admins only
  {
    route: 'GET /api/board-meetings',
    expect: BOARD_READ,
    cell: async (fx) => (await fx.meeting(), { path: '/api/board-meetings' }),
  },
  {
    route: 'POST /api/board-meetings',
    expect: ADMIN_ONLY(201),
    cell: (fx) => ({
      method: 'post',
      path: '/api/board-meetings',
      body: { month: `1999-${String((fx.next() % 12) + 1).padStart(2, '0')}` },
    }),
  },
  {
    route: 'GET /api/board-meetings/:id',
    expect: BOARD_READ,
    cell: async (fx) => ({ path: `/api/board-meetings/${(await fx.meeting()).id}` }),
  },
  {
    route: 'PUT /api/board-meetings/:id/reports/:trustId',
    expect: '403/403   403/403   201/403   403/403   201/201',
    cell: async (fx, trust) => ({
      method: 'put',
      path: `/api/board-meetings/${(await fx.meeting(true)).id}/reports/${fx.trustId(trust)}`,
      body: { progress: 'Two RPIWs closed', challenges: 'Theatre staffing' },
    }),
  },
  {
    route: 'GET /api/board-meetings/:id/pack',
    expect: BOARD_READ,
    cell: async (fx) => ({ path: `/api/board-meetings/${(await fx.meeting()).id}/pack` }),
  },
  {
    route: 'POST /api/board-meetings/:id/publish',
    expect: ADMIN_ONLY(202),
    cell: async (fx) => ({ method: 'post', path: `/api/board-meetings/${(await fx.meeting(true)).id}/publish` }),
  },

  // the queue console (Express middleware in front of bull-board, outside the Nest router)
  { route: 'ALL /admin/queues', expect: ADMIN_ONLY(200), cell: () => ({ path: '/admin/queues' }) },
  { route: 'ALL /admin/queues/*path', expect: ADMIN_ONLY(200), cell: () => ({ path: '/admin/queues/api/queues' }) },
];

/** Every route the Express router serves: Nest's handlers by method, and middleware mounted on a path as ALL. */
function routerRoutes(t: TestApp): string[] {
  const instance = t.app.getHttpAdapter().getInstance();
  const stack = (instance.router ?? instance._router).stack as {
    route?: { path: string; methods: Record<string, boolean> };
  }[];
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    const path = layer.route.path;
    // Swagger UI's own files (index, css, js, licence) are one family with one row.
    if (path.startsWith('/api/docs')) {
      routes.add('GET /api/docs*');
      continue;
    }
    if (methods.length > 5) routes.add(`ALL ${path}`);
    else for (const m of methods) if (m !== '_all') routes.add(`${m.toUpperCase()} ${path}`);
  }
  return [...routes].sort();
}

/** The same routes, as the OpenAPI document lists them (a second witness: it is what clients see). */
async function documentedRoutes(t: TestApp): Promise<string[]> {
  const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, object> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

function parseExpect(row: Row): Record<Role, [number, number]> {
  const pairs = row.expect.trim().split(/\s+/);
  if (pairs.length !== ROLES.length) throw new Error(`${row.route}: expect needs ${ROLES.length} own/other pairs`);
  return Object.fromEntries(
    ROLES.map((role, i) => [role, pairs[i].split('/').map(Number) as [number, number]]),
  ) as Record<Role, [number, number]>;
}

describe('isolation matrix: every route × every role × own and other trust', () => {
  let t: TestApp;
  let world: World;
  let fingerprintSql: string;
  const tally = { rows: 0, cells: 0, wrong: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    // A worker of an earlier suite in the same run may have left its heartbeat (30 s): readiness here
    // must see none, as this suite runs no worker.
    await t.app.get<Redis>(REDIS_CLIENT).del(workerHeartbeatKey(process.env.REDIS_PREFIX as string));
    // Row counts of every table and the sum of every version: a refused write must change neither.
    const tables: { table_name: string; versioned: boolean }[] = await t.db.query(
      `SELECT c.table_name, bool_or(c.column_name = 'version') AS versioned
         FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.table_name <> 'migrations'
        GROUP BY c.table_name ORDER BY c.table_name`,
    );
    fingerprintSql = tables
      .map(
        ({ table_name, versioned }) =>
          `SELECT '${table_name}' AS t, count(*)::text || '/' || ${versioned ? 'coalesce(sum(version), 0)' : '0'}::text AS f FROM "${table_name}"`,
      )
      .join(' UNION ALL ');
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    recordFigures('isolation-matrix', tally);
    await t.close();
  });

  const fingerprint = async (): Promise<string> =>
    ((await t.db.query(fingerprintSql)) as { t: string; f: string }[]).map((r) => `${r.t}=${r.f}`).join(' ');

  const actorOf = (role: Role): TestUser =>
    role === 'regulator' || role === 'admin' ? world.users[role] : world.users.A[role];

  it('has exactly one row for every route of the router and of the OpenAPI document', async () => {
    const rows = ROWS.map((r) => r.route);
    expect(rows.length).toBe(new Set(rows).size);
    const served = routerRoutes(t);
    const documented = await documentedRoutes(t);
    expect(documented.length).toBeGreaterThan(50);
    expect({ missingRows: served.filter((r) => !rows.includes(r)) }).toEqual({ missingRows: [] });
    expect({ documentedButNotServed: documented.filter((r) => !served.includes(r)) }).toEqual({
      documentedButNotServed: [],
    });
    expect({ staleRows: rows.filter((r) => !served.includes(r)) }).toEqual({ staleRows: [] });
  });

  it.each(ROWS.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const fx = new Fixtures(t, world);
    const expected = parseExpect(row);
    const wrong: string[] = [];
    let cells = 0;
    for (const role of ROLES) {
      for (const [index, trust] of (['A', 'B'] as const).entries()) {
        const where = `${role} → ${index === 0 ? 'own' : 'other'} trust`;
        const want = expected[role][index];
        const req = await row.cell(fx, trust, role);
        const method = req.method ?? 'get';
        const write = method !== 'get';
        const before = write && want >= 400 ? await fingerprint() : null;
        let call = t
          .http()
          [method](req.path)
          .set(req.token ? { Authorization: `Bearer ${req.token}` } : bearer(actorOf(role)));
        if (req.csv !== undefined) call = call.set('Content-Type', 'text/csv').send(req.csv);
        else if (req.body !== undefined) call = call.send(req.body as object);
        const res = await call;
        cells++;
        if (res.status !== want) {
          wrong.push(`${where}: ${res.status}, expected ${want} — ${(res.text ?? '').slice(0, 160)}`);
          continue;
        }
        if (before !== null && (await fingerprint()) !== before)
          wrong.push(`${where}: refused with ${want}, but data changed`);
        if (role !== 'regulator' && role !== 'admin' && res.status < 300) {
          const text = res.text ?? JSON.stringify(res.body);
          const leaked = [...fx.privateB].filter((id) => text.includes(id));
          if (leaked.length) wrong.push(`${where}: answer holds trust B's record ids ${leaked.join(', ')}`);
        }
      }
    }
    expect(cells).toBe(ROLES.length * 2);
    tally.rows++;
    tally.cells += cells;
    tally.wrong += wrong.length;
    expect(wrong).toEqual([]);
  });

  // Every cell's answer was checked against the OpenAPI document (test/support/contract.ts); the rows
  // above must have driven every operation of it at least once.
  it('drove every operation of the OpenAPI document, each answer as declared', () => {
    const operations = Object.entries(t.contract!.document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    const driven = new Set([...t.contract!.seen].map((seen) => seen.split(' ').slice(0, 2).join(' ')));
    expect({ notDriven: operations.filter((operation) => !driven.has(operation)) }).toEqual({ notDriven: [] });
  });

  it('a KPO lead manages only improvement_team and kpo_lead users of its own trust (SPEC §6)', async () => {
    const kpo = world.users.A.kpo;
    const admin = world.users.admin;
    const version = async (id: string) =>
      (await t.db.query(`SELECT version FROM users WHERE id = $1`, [id]))[0].version;
    let n = 0;
    const create = (who: TestUser, role: string, trustId: string | null) =>
      t
        .http()
        .post('/api/users')
        .set(bearer(who))
        .send({ email: `made.${++n}@test.nhs.uk`, name: 'Made', role, trustId, password: 'a-long-enough-password' });
    const patch = async (who: TestUser, target: TestUser, body: object) =>
      t
        .http()
        .patch(`/api/users/${target.id}`)
        .set(bearer(who))
        .send({ version: await version(target.id), ...body });
    const A = world.trustA.id;
    const cells: [string, number, number][] = [
      ['create improvement_team, own trust', (await create(kpo, 'improvement_team', A)).status, 201],
      ['create kpo_lead, own trust', (await create(kpo, 'kpo_lead', A)).status, 201],
      ['create trust_ceo, own trust', (await create(kpo, 'trust_ceo', A)).status, 403],
      ['create admin', (await create(kpo, 'admin', null)).status, 403],
      ['create regulator', (await create(kpo, 'regulator', null)).status, 403],
      ['create improvement_team, other trust', (await create(kpo, 'improvement_team', world.trustB.id)).status, 403],
      ['edit own trust team', (await patch(kpo, world.users.A.team, { name: 'Renamed' })).status, 200],
      ['edit own trust CEO', (await patch(kpo, world.users.A.ceo, { name: 'Renamed' })).status, 403],
      ['make a team member CEO', (await patch(kpo, world.users.A.team, { role: 'trust_ceo' })).status, 403],
      [
        'make a team member admin',
        (await patch(kpo, world.users.A.team, { role: 'admin', trustId: null })).status,
        403,
      ],
      ['deactivate own trust CEO', (await patch(kpo, world.users.A.ceo, { active: false })).status, 403],
      ['edit the admin', (await patch(kpo, admin, { name: 'Renamed' })).status, 404],
      ['edit other trust team', (await patch(kpo, world.users.B.team, { name: 'Renamed' })).status, 404],
      ['admin creates a CEO', (await create(admin, 'trust_ceo', A)).status, 201],
      ['admin edits a CEO', (await patch(admin, world.users.A.ceo, { name: 'Renamed' })).status, 200],
    ];
    expect(cells.filter(([, got, want]) => got !== want)).toEqual([]);
  });

  it('a well-formed but unknown id answers 404 to every role that may use the route', async () => {
    for (const path of ['waste-records', 'value-streams', 'maps', 'improvement-events', 'measures']) {
      for (const role of ['team', 'kpo', 'ceo', 'admin'] as Role[]) {
        await t
          .http()
          .get(`/api/${path}/${uuid}`)
          .set(bearer(actorOf(role)))
          .expect(404);
      }
    }
  });
});
