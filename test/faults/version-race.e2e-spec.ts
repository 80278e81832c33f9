// Twenty concurrent updates of one record carrying the same `version`, against the real API process:
// exactly one wins (200), the nineteen others answer 409, the record ends one version up holding the
// winner's change, and the audit log has exactly one update. Every versioned kind, several rounds.
import { addDays } from '@app/domain';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, databaseName, dropDatabase, ensureBuilt, Proc, startApi, stopAll } from '../support/processes';
import {
  Answer,
  call,
  clearPrefix,
  FaultWorld,
  recordFaultFigures,
  seedFaultWorld,
  TODAY,
  closeClients,
} from './support';

const RACERS = 20;
const ROUNDS = Number(process.env.FAULTS_RACE_ROUNDS ?? 3);

jest.setTimeout(300_000);

type Json = Record<string, unknown>;

interface Kind {
  name: string;
  table: string;
  entity: string;
  token: 'kpo' | 'admin';
  create: (api: string, token: string) => Promise<{ id: string; path: string }>;
  method: 'PATCH' | 'PUT';
  /** The i-th racer's change, and the field that shows who won. */
  change: (i: number, version: number) => Json;
  winner: (read: Json) => unknown;
  read: (api: string, token: string, id: string) => Promise<Json>;
}

async function post(api: string, token: string, path: string, body: Json): Promise<Json> {
  const res = await call(api, 'POST', path, { token, body });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
  return res.body;
}

async function get(api: string, token: string, path: string): Promise<Json> {
  const res = await call(api, 'GET', path, { token });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
  return res.body;
}

const KINDS: Kind[] = [
  {
    name: 'waste record',
    table: 'waste_records',
    entity: 'waste_record',
    token: 'kpo',
    create: async (api, token) => {
      const r = await post(api, token, '/api/waste-records', {
        observedOn: TODAY,
        wasteType: 'motion',
        description: 'race',
        minutesLost: 1,
        patientImpact: 'low',
      });
      return { id: r.id as string, path: `/api/waste-records/${r.id}` };
    },
    method: 'PATCH',
    change: (i, version) => ({ version, description: `racer ${i}`, observedOn: addDays(TODAY, -i) }),
    winner: (r) => r.description,
    read: (api, token, id) => get(api, token, `/api/waste-records/${id}`),
  },
  {
    name: 'value stream',
    table: 'value_streams',
    entity: 'value_stream',
    token: 'kpo',
    create: async (api, token) => {
      const r = await post(api, token, '/api/value-streams', { name: `race ${randomBytes(3).toString('hex')}` });
      return { id: r.id as string, path: `/api/value-streams/${r.id}` };
    },
    method: 'PATCH',
    change: (i, version) => ({ version, name: `racer ${i} ${randomBytes(2).toString('hex')}`, demandPerDay: i + 1 }),
    winner: (r) => r.demandPerDay,
    read: (api, token, id) => get(api, token, `/api/value-streams/${id}`),
  },
  {
    name: "map's steps",
    table: 'value_stream_maps',
    entity: 'map',
    token: 'kpo',
    create: async (api, token) => {
      const vs = await post(api, token, '/api/value-streams', { name: `race map ${randomBytes(3).toString('hex')}` });
      const m = await post(api, token, `/api/value-streams/${vs.id}/maps`, {
        state: 'current',
        title: 'race',
        mappedOn: TODAY,
        steps: [{ name: 'a', cycleTimeMinutes: 1, waitTimeMinutes: 1, classification: 'waste' }],
      });
      return { id: m.id as string, path: `/api/maps/${m.id}/steps` };
    },
    method: 'PUT',
    change: (i, version) => ({
      version,
      steps: Array.from({ length: (i % 5) + 1 }, (_, s) => ({
        name: `racer ${i} step ${s}`,
        cycleTimeMinutes: i,
        waitTimeMinutes: s,
        classification: 'value_added',
      })),
    }),
    winner: (r) => (r.steps as Json[]).map((s) => s.name).join('|'),
    read: (api, token, id) => get(api, token, `/api/maps/${id}`),
  },
  {
    name: 'improvement event',
    table: 'improvement_events',
    entity: 'improvement_event',
    token: 'kpo',
    create: async (api, token) => {
      const r = await post(api, token, '/api/improvement-events', { kind: 'kaizen', title: 'race', startDate: TODAY });
      return { id: r.id as string, path: `/api/improvement-events/${r.id}` };
    },
    method: 'PATCH',
    change: (i, version) => ({ version, title: `racer ${i}` }),
    winner: (r) => r.title,
    read: (api, token, id) => get(api, token, `/api/improvement-events/${id}`),
  },
  {
    name: 'measure',
    table: 'measures',
    entity: 'measure',
    token: 'kpo',
    create: async (api, token) => {
      const r = await post(api, token, '/api/measures', { name: 'race', unit: '%', improvementDirection: 'up' });
      return { id: r.id as string, path: `/api/measures/${r.id}` };
    },
    method: 'PATCH',
    change: (i, version) => ({ version, target: i }),
    winner: (r) => r.target,
    read: (api, token, id) => get(api, token, `/api/measures/${id}`),
  },
  {
    name: 'Compact commitment',
    table: 'compact_commitments',
    entity: 'compact_commitment',
    token: 'admin',
    create: async (api, token) => {
      const r = await post(api, token, '/api/compact/commitments', {
        party: 'all',
        category: 'behaviour',
        text: 'race',
      });
      return { id: r.id as string, path: `/api/compact/commitments/${r.id}` };
    },
    method: 'PATCH',
    change: (i, version) => ({ version, text: `racer ${i}` }),
    winner: (r) => r.text,
    read: async (api, token, id) =>
      ((await get(api, token, '/api/compact')).commitments as Json[]).find((c) => c.id === id) as Json,
  },
];

describe(`${RACERS} concurrent updates with the same version`, () => {
  const name = databaseName('version_race');
  const prefix = `faults-race-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let api: (Proc & { url: string }) | undefined;
  let world: FaultWorld;
  const figures = { races: 0, updates: 0, winners: 0, conflicts: 0 };

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
    api = await startApi({
      databaseUrl,
      redisUrl,
      redisPrefix: prefix,
      test: 'version-race',
      extra: { DATABASE_POOL_SIZE: '20' },
    });
    world = await seedFaultWorld(databaseUrl, api.url, 1);
  });
  afterAll(async () => {
    closeClients();
    recordFaultFigures('version-race', figures);
    await stopAll([api]);
    await clearPrefix(redisUrl, prefix);
    await dropDatabase(name);
  });

  it.each(KINDS.map((k) => [k.name, k] as const))('%s: exactly one wins, the rest 409', async (_name, kind) => {
    const token = kind.token === 'kpo' ? world.kpo[0] : world.admin;
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const { id, path } = await kind.create(api!.url, token);
        const before = await kind.read(api!.url, token, id);
        const version = before.version as number;
        const answers: Answer[] = await Promise.all(
          Array.from({ length: RACERS }, (_, i) =>
            call(api!.url, kind.method, path, { token, body: kind.change(i, version) }),
          ),
        );
        const statuses = answers.map((a) => a.status).sort();
        figures.races++;
        figures.updates += RACERS;
        figures.winners += statuses.filter((s) => s === 200).length;
        figures.conflicts += statuses.filter((s) => s === 409).length;
        expect(statuses).toEqual([200, ...Array(RACERS - 1).fill(409)]);
        const won = answers.findIndex((a) => a.status === 200);
        const after = await kind.read(api!.url, token, id);
        expect(after.version).toBe(version + 1);
        expect(kind.winner(after)).toEqual(kind.winner(kind.change(won, version)));
        expect(kind.winner(after)).toEqual(kind.winner(answers[won].body));
        for (const loser of answers.filter((a) => a.status === 409)) {
          expect(String(loser.body.message)).toMatch(/^version/);
        }
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM audit_entries WHERE entity = $1 AND entity_id = $2 AND action = 'update'`,
          [kind.entity, id],
        );
        expect(rows[0].n).toBe(1);
      }
    } finally {
      await db.end();
    }
  });
});
