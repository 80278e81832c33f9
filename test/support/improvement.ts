// Fixtures shared by the value-stream, map, improvement-event and measure specs.
import { bearer, TestApp, TestUser } from './test-app';

/** A string that would break naive SQL or HTML handling; it must come back byte for byte. */
export const HOSTILE_TEXT = `Ward 7's "quick" fix'); DROP TABLE value_streams; -- <script>alert('x')</script> &amp; <b>bold</b> é 🚑`;

/** An ED current state (figures worked by hand in maps.e2e-spec.ts). */
export const ED_CURRENT_STEPS = [
  {
    name: 'Triage',
    waitTimeMinutes: 10,
    cycleTimeMinutes: 5,
    classification: 'value_added',
    percentCompleteAccurate: 90,
    staff: 1,
  },
  {
    name: 'Bloods',
    waitTimeMinutes: 30,
    cycleTimeMinutes: 15,
    classification: 'necessary_non_value_added',
    percentCompleteAccurate: 95,
  },
  {
    name: 'Consultant review',
    waitTimeMinutes: 45,
    cycleTimeMinutes: 20,
    classification: 'value_added',
    percentCompleteAccurate: 80,
  },
  { name: 'Re-key discharge notes', waitTimeMinutes: 60, cycleTimeMinutes: 10, classification: 'waste' },
];

/** The future state an RPIW designed for it. */
export const ED_FUTURE_STEPS = [
  {
    name: 'Triage at the door',
    waitTimeMinutes: 5,
    cycleTimeMinutes: 5,
    classification: 'value_added',
    percentCompleteAccurate: 95,
  },
  {
    name: 'Senior review with bloods',
    waitTimeMinutes: 15,
    cycleTimeMinutes: 20,
    classification: 'value_added',
    percentCompleteAccurate: 90,
  },
  { name: 'Bed request', waitTimeMinutes: 10, cycleTimeMinutes: 5, classification: 'necessary_non_value_added' },
];

export async function createValueStream(t: TestApp, user: TestUser, body: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/value-streams')
    .set(bearer(user))
    .send({ name: 'ED to ward admission', demandPerDay: 30, availableMinutesPerDay: 450, ...body });
  if (res.status !== 201) throw new Error(`value stream not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createMap(t: TestApp, user: TestUser, valueStreamId: string, body: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post(`/api/value-streams/${valueStreamId}/maps`)
    .set(bearer(user))
    .send({ state: 'current', title: 'ED current state', mappedOn: '2025-03-14', steps: ED_CURRENT_STEPS, ...body });
  if (res.status !== 201) throw new Error(`map not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createEvent(t: TestApp, user: TestUser, body: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/improvement-events')
    .set(bearer(user))
    .send({
      kind: 'rpiw',
      title: 'RPIW: ED to ward',
      startDate: '2025-03-03',
      endDate: '2025-03-07',
      status: 'follow_up',
      ...body,
    });
  if (res.status !== 201) throw new Error(`event not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createMeasure(t: TestApp, user: TestUser, body: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/measures')
    .set(bearer(user))
    .send({ name: 'ED 4-hour performance', unit: '%', improvementDirection: 'up', target: 95, ...body });
  if (res.status !== 201) throw new Error(`measure not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface AuditRow {
  actorId: string;
  action: string;
  entity: string;
  entityId: string;
  trustId: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** The audit trail of one record, oldest first, read straight from the table. */
export async function auditOf(t: TestApp, entity: string, entityId: string): Promise<AuditRow[]> {
  return t.db.query(
    `SELECT actor_id AS "actorId", action, entity, entity_id AS "entityId", trust_id AS "trustId", changes
       FROM audit_entries WHERE entity = $1 AND entity_id = $2 ORDER BY at, id`,
    [entity, entityId],
  );
}

/** Every message of a 400, joined, for `toMatch` on the field name. */
export const messages = (body: { message?: unknown }) => [body.message].flat().join(' | ');
