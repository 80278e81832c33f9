// Records of trust A or B made through the API (as the trust's KPO lead, or an admin where only an
// admin may), for the isolation matrix and the hostile-input suites. Memoised per test: `seedWorld`
// empties the database before each test, so a new Fixtures is made after it.
import { addDays, todayIn } from '@app/domain';
import { bearer, TestApp, TestUser, World } from '../support/test-app';

export type TrustKey = 'A' | 'B';

export const TODAY = todayIn(process.env.TZ ?? 'Europe/London');

type Json = Record<string, unknown>;

export class Fixtures {
  /** Ids of trust B's records: a trust-A caller must never find one in any answer. */
  readonly privateB = new Set<string>();
  private readonly memo = new Map<string, Promise<Json>>();
  private seq = 0;

  constructor(
    readonly t: TestApp,
    readonly world: World,
  ) {}

  trustId(trust: TrustKey): string {
    return trust === 'A' ? this.world.trustA.id : this.world.trustB.id;
  }

  kpo(trust: TrustKey): TestUser {
    return this.world.users[trust].kpo;
  }

  /** A number unique within the test, for codes, months and names. */
  next(): number {
    return ++this.seq;
  }

  /** POST or PUT through the API; throws with the answer when it is not the expected status. */
  async send(
    user: TestUser,
    method: 'post' | 'put',
    path: string,
    body: unknown,
    status = method === 'post' ? 201 : 200,
  ) {
    const res = await this.t
      .http()
      [method](path)
      .set(bearer(user))
      .send(body as object);
    if (res.status !== status)
      throw new Error(`fixture ${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Json;
  }

  private once(key: string, make: () => Promise<Json>): Promise<Json> {
    let found = this.memo.get(key);
    if (!found) {
      found = make();
      this.memo.set(key, found);
    }
    return found;
  }

  private keep(trust: TrustKey, ...ids: unknown[]): void {
    if (trust === 'B') for (const id of ids) if (typeof id === 'string') this.privateB.add(id);
  }

  /** The current version of a row, read from the table (cells that PATCH one record in turn). */
  async version(table: string, id: string): Promise<number> {
    const [row] = await this.t.db.query(`SELECT version FROM ${table} WHERE id = $1`, [id]);
    if (!row) throw new Error(`no ${table} row ${id}`);
    return row.version;
  }

  valueStream(trust: TrustKey, fresh = false): Promise<Json> {
    const make = async () => {
      const vs = await this.send(this.kpo(trust), 'post', '/api/value-streams', {
        name: `Stream ${this.next()}`,
        demandPerDay: 30,
        availableMinutesPerDay: 450,
      });
      this.keep(trust, vs.id);
      return vs;
    };
    return fresh ? make() : this.once(`vs:${trust}`, make);
  }

  map(trust: TrustKey, fresh = false, slot = 'first'): Promise<Json> {
    const make = async () => {
      const vs = await this.valueStream(trust);
      const map = await this.send(this.kpo(trust), 'post', `/api/value-streams/${vs.id}/maps`, {
        state: slot === 'first' ? 'current' : 'future',
        title: `Map ${this.next()}`,
        mappedOn: addDays(TODAY, -10),
        steps: [
          { name: 'Triage', cycleTimeMinutes: 5, waitTimeMinutes: 10, classification: 'value_added' },
          { name: 'Wait for a bed', cycleTimeMinutes: 1, waitTimeMinutes: 90, classification: 'waste' },
        ],
      });
      this.keep(trust, map.id, ...((map.steps as Json[]) ?? []).map((s) => s.id));
      return map;
    };
    return fresh ? make() : this.once(`map:${trust}:${slot}`, make);
  }

  waste(trust: TrustKey, fresh = false): Promise<Json> {
    const make = async () => {
      const record = await this.send(this.kpo(trust), 'post', '/api/waste-records', {
        observedOn: addDays(TODAY, -3),
        wasteType: 'waiting',
        description: `Patients wait for porters (${this.next()})`,
        minutesLost: 12.5,
        occurrences: 2,
        patientImpact: 'medium',
      });
      this.keep(trust, record.id);
      return record;
    };
    return fresh ? make() : this.once(`waste:${trust}`, make);
  }

  event(trust: TrustKey, fresh = false): Promise<Json> {
    const make = async () => {
      const event = await this.send(this.kpo(trust), 'post', '/api/improvement-events', {
        kind: 'rpiw',
        title: `RPIW ${this.next()}`,
        startDate: addDays(TODAY, -40),
        endDate: addDays(TODAY, -36),
        status: 'follow_up',
        metrics: [{ name: 'Door to needle', unit: 'min', direction: 'lower_is_better', baseline: 60, target: 30 }],
      });
      this.keep(trust, event.id, ...((event.metrics as Json[]) ?? []).map((m) => m.id));
      return event;
    };
    return fresh ? make() : this.once(`event:${trust}`, make);
  }

  measure(trust: TrustKey, fresh = false): Promise<Json> {
    const make = async () => {
      const measure = await this.send(this.kpo(trust), 'post', '/api/measures', {
        name: `Measure ${this.next()}`,
        unit: '%',
        improvementDirection: 'up',
        target: 95,
      });
      this.keep(trust, measure.id);
      return measure;
    };
    return fresh ? make() : this.once(`measure:${trust}`, make);
  }

  /** A Compact commitment of `party` (made by the admin). */
  commitment(party: 'trust' | 'regulator' | 'institute' | 'all' = 'trust', fresh = false): Promise<Json> {
    const make = () =>
      this.send(this.world.users.admin, 'post', '/api/compact/commitments', {
        party,
        category: 'behaviour',
        text: `We share our figures openly (${this.next()})`,
      });
    return fresh ? make() : this.once(`commitment:${party}`, make);
  }

  /** A draft board meeting of a month of its own (made by the admin). */
  meeting(fresh = false): Promise<Json> {
    const make = () => {
      const n = this.next();
      const month = `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
      return this.send(this.world.users.admin, 'post', '/api/board-meetings', { month });
    };
    return fresh ? make() : this.once('meeting', make);
  }
}
