// Fixtures of the board specs: a month of records in both trusts (through the API), a measure, a
// value stream with maps, Compact check-ins, a meeting with reports, and the hand-worked figures.
import { monthOf, previousMonth, todayIn } from '@app/domain';
import {
  createEvent,
  createMap,
  createMeasure,
  createValueStream,
  ED_CURRENT_STEPS,
  ED_FUTURE_STEPS,
} from './improvement';
import { bearer, TestApp, TestUser, World } from './test-app';

const TODAY = todayIn(process.env.TZ ?? 'Europe/London');
/** The meeting's month: last calendar month, so every date in it is in the past. */
export const MONTH = previousMonth(monthOf(TODAY));
export const PREVIOUS = previousMonth(MONTH);
export const YEAR = MONTH.slice(0, 4);
export const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

/** Text that must never become markup in the printable pack. */
export const HOSTILE_REPORT = 'Flow <script>alert("x")</script> & "quotes" improved';

export async function post<T = Record<string, unknown>>(
  t: TestApp,
  user: TestUser,
  path: string,
  body: object,
): Promise<T> {
  const res = await t.http().post(path).set(bearer(user)).send(body);
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export async function waste(t: TestApp, user: TestUser, body: Record<string, unknown>) {
  return post<{ id: string; version: number }>(t, user, '/api/waste-records', {
    wasteType: 'waiting',
    description: 'Patients wait for porters',
    patientImpact: 'medium',
    ...body,
  });
}

/**
 * Trust A's month: 2 records (5 occurrences, 10×3 + 7.5×2 = 45 minutes, 30 of them eliminated in the
 * month), one RPIW completed and sustained, one idea; 20 minutes the month before; 5 in February.
 * Trust B's month: one record of 411.5 × 3 = 1,234.5 minutes.
 */
export async function writeRecords(t: TestApp, world: World): Promise<void> {
  const a = world.users.A.team;
  const b = world.users.B.team;
  await waste(t, a, {
    observedOn: day(MONTH, 5),
    minutesLost: 10,
    occurrences: 3,
    status: 'eliminated',
    eliminatedOn: day(MONTH, 20),
  });
  await waste(t, a, { observedOn: day(MONTH, 12), minutesLost: 7.5, occurrences: 2 });
  await waste(t, a, { observedOn: day(PREVIOUS, 15), minutesLost: 20, occurrences: 1 });
  if (`${YEAR}-02` !== MONTH && `${YEAR}-02` !== PREVIOUS) {
    await waste(t, a, { observedOn: `${YEAR}-02-03`, minutesLost: 5, occurrences: 1 });
  }
  await createEvent(t, a, { startDate: day(MONTH, 1), endDate: day(MONTH, 5), status: 'sustained' });
  await createEvent(t, a, {
    kind: 'everyday_lean_idea',
    title: 'Label the drawers',
    startDate: day(MONTH, 10),
    endDate: undefined,
    status: 'planned',
  });
  await waste(t, b, { observedOn: day(MONTH, 3), minutesLost: 411.5, occurrences: 3, wasteType: 'defects' });
}

/** A measure of trust A with 15 monthly points up to the meeting's month, and one after it. */
export async function writeMeasure(t: TestApp, world: World) {
  const measure = await createMeasure(t, world.users.A.kpo, {
    name: 'Discharges before noon',
    unit: '%',
    improvementDirection: 'up',
    target: 40,
  });
  const points: { periodStart: string; value: number }[] = [];
  let month = MONTH;
  for (let i = 0; i < 15; i++) {
    points.unshift({ periodStart: `${month}-01`, value: 20 + ((i * 7) % 5) + (i < 4 ? 10 : 0) });
    month = previousMonth(month);
  }
  const after = { periodStart: `${monthOf(TODAY)}-01`, value: 99 };
  const res = await t
    .http()
    .put(`/api/measures/${measure.id}/points`)
    .set(bearer(world.users.A.kpo))
    .send([...points, after]);
  if (res.status !== 200) throw new Error(`points: ${res.status} ${JSON.stringify(res.body)}`);
  return { measure, points };
}

/** A value stream of trust A mapped (current and future) before the month's end, and re-mapped after. */
export async function writeValueStream(t: TestApp, world: World) {
  const kpo = world.users.A.kpo;
  const stream = await createValueStream(t, kpo, { name: 'ED to ward admission' });
  const current = await createMap(t, kpo, stream.id, {
    state: 'current',
    mappedOn: `${YEAR}-01-14`,
    steps: ED_CURRENT_STEPS,
  });
  const future = await createMap(t, kpo, stream.id, {
    state: 'future',
    title: 'ED future state',
    mappedOn: day(MONTH, 2),
    steps: ED_FUTURE_STEPS,
  });
  await createMap(t, kpo, stream.id, {
    state: 'current',
    title: 'ED re-mapped',
    mappedOn: TODAY,
    steps: ED_FUTURE_STEPS,
  });
  return { stream, current, future };
}

export async function createMeeting(t: TestApp, world: World, month = MONTH) {
  return post<{ id: string; month: string; version: number; status: string }>(
    t,
    world.users.admin,
    '/api/board-meetings',
    {
      month,
      heldOn: day(month, 20),
    },
  );
}

export async function fileReports(t: TestApp, world: World, meetingId: string) {
  const put = async (user: TestUser, trustId: string, body: object) => {
    const res = await t.http().put(`/api/board-meetings/${meetingId}/reports/${trustId}`).set(bearer(user)).send(body);
    if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const a = await put(world.users.A.ceo, world.trustA.id, {
    progress: HOSTILE_REPORT,
    challenges: 'Winter pressure on beds',
    asks: 'Coaching for ward leaders',
  });
  const b = await put(world.users.B.ceo, world.trustB.id, {
    progress: 'Outpatient letters now sent same day',
    challenges: 'Agency spend',
  });
  return { a, b };
}

/** Commitments and check-ins of the month (and one of the month before, which must not show). */
export async function writeCheckIns(t: TestApp, world: World) {
  const admin = world.users.admin;
  const phones = await post<{ id: string }>(t, admin, '/api/compact/commitments', {
    party: 'all',
    category: 'behaviour',
    text: 'Protected time for the monthly meeting, without phones or laptops',
  });
  const oversight = await post<{ id: string }>(t, admin, '/api/compact/commitments', {
    party: 'regulator',
    category: 'responsibility',
    text: 'Proportionate oversight that leaves room to improve',
  });
  const put = async (user: TestUser, body: object) => {
    const res = await t.http().put('/api/compact/check-ins').set(bearer(user)).send(body);
    if (res.status !== 201) throw new Error(`check-in: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const notMet = await put(world.users.A.ceo, {
    commitmentId: phones.id,
    month: MONTH,
    status: 'not_met',
    note: 'Laptops open during the CEO reports',
  });
  const met = await put(world.users.B.ceo, { commitmentId: phones.id, month: MONTH, status: 'met' });
  const partly = await put(world.users.regulator, {
    commitmentId: oversight.id,
    month: MONTH,
    status: 'partly_met',
    note: 'Two extra data requests',
  });
  const lastMonth = await put(world.users.B.kpo, { commitmentId: phones.id, month: PREVIOUS, status: 'not_met' });
  return { phones, oversight, notMet, met, partly, lastMonth };
}
