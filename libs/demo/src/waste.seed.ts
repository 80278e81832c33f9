// Two years of demo waste records ending today, for every trust: more waste in winter, less on a
// value stream once an improvement event on it has ended, and older waste more often eliminated.
// `buildWasteDemo` is pure (same inputs and seed give the same rows); the step inserts the rows
// set-based (`unnest` of column arrays, in chunks) and marks the rollup buckets they touch.
import { addDays, daysBetween, type PatientImpact, type WasteStatus, type WasteType } from '@app/domain';
import type { SeedContext, SeededTrust, SeedStep } from './seed-context';

export interface DemoValueStream {
  id: string;
  trustId: string;
  /** Steps of the stream's current-state map. */
  stepIds: string[];
}

export interface DemoEvent {
  id: string;
  trustId: string;
  valueStreamId: string | null;
  startDate: string;
  endDate: string | null;
  status: string;
}

/** The rows as column arrays, in the order of WASTE_COLUMNS: ready for `unnest`. */
export interface WasteDemo {
  trustId: string[];
  valueStreamId: (string | null)[];
  mapStepId: (string | null)[];
  wasteType: WasteType[];
  observedOn: string[];
  description: string[];
  minutesLost: number[];
  occurrences: number[];
  patientImpact: PatientImpact[];
  status: WasteStatus[];
  eliminatedOn: (string | null)[];
  improvementEventId: (string | null)[];
  createdAt: string[];
  createdBy: (string | null)[];
}

const WASTE_COLUMNS: [keyof WasteDemo, string, string][] = [
  ['trustId', 'trust_id', 'uuid'],
  ['valueStreamId', 'value_stream_id', 'uuid'],
  ['mapStepId', 'map_step_id', 'uuid'],
  ['wasteType', 'waste_type', 'text'],
  ['observedOn', 'observed_on', 'date'],
  ['description', 'description', 'text'],
  ['minutesLost', 'minutes_lost', 'numeric'],
  ['occurrences', 'occurrences', 'int'],
  ['patientImpact', 'patient_impact', 'text'],
  ['status', 'status', 'text'],
  ['eliminatedOn', 'eliminated_on', 'date'],
  ['improvementEventId', 'improvement_event_id', 'uuid'],
  ['createdAt', 'created_at', 'timestamptz'],
  ['createdBy', 'created_by', 'uuid'],
];

export const WASTE_DEMO_DAYS = 730;
/** Records a trust logs on an average day before seasonality and improvement. */
const DAILY_RATE = 10;
/** What an ended event leaves of the waste on its value stream (sustained events hold best). */
const EVENT_EFFECT = { sustained: 0.6, closed: 0.72, follow_up: 0.75 } as Record<string, number>;
/** Events with no value stream improve the trust as a whole a little. */
const TRUST_WIDE_EFFECT = 0.95;

interface WasteTemplate {
  type: WasteType;
  weight: number;
  /** minutes lost per occurrence, low and high */
  minutes: [number, number];
  /** chance the patient is affected more than a little */
  harm: number;
  texts: string[];
}

const TEMPLATES: WasteTemplate[] = [
  {
    type: 'waiting',
    weight: 30,
    minutes: [10, 180],
    harm: 0.45,
    texts: [
      'Patient waits for a porter before transfer to the ward',
      'Discharge held for pharmacy to dispense take-home medicines',
      'Clinic starts late while notes are found',
      'Bed not cleaned in time; admitted patient waits in the corridor',
      'Referral sits in the inbox until the weekly triage meeting',
      'Results not back before the ward round; review deferred',
    ],
  },
  {
    type: 'motion',
    weight: 15,
    minutes: [2, 25],
    harm: 0.1,
    texts: [
      'Nurses walk to the far store room for dressing packs',
      'Clinic room laid out so the scanner is across the corridor',
      'Drug keys passed around the ward to open the controlled drugs cupboard',
      'Staff search three rooms for a working blood pressure monitor',
    ],
  },
  {
    type: 'transport',
    weight: 12,
    minutes: [5, 60],
    harm: 0.25,
    texts: [
      'Samples walked to the lab because the air tube is down',
      'Patient moved twice between bays before reaching the assessment unit',
      'Notes couriered between sites for a clinic',
      'Wheelchair fetched from the main entrance for each transfer',
    ],
  },
  {
    type: 'defects',
    weight: 12,
    minutes: [15, 240],
    harm: 0.55,
    texts: [
      'Referral returned for missing information',
      'Discharge letter re-done after coding error',
      'Blood sample rejected as mislabelled; repeat taken',
      'Appointment letter sent to an old address; patient did not attend',
      'Medication chart rewritten after transcription error',
    ],
  },
  {
    type: 'overprocessing',
    weight: 10,
    minutes: [5, 45],
    harm: 0.1,
    texts: [
      'Same history taken by triage nurse, junior doctor and registrar',
      'Observations entered on paper and then typed into the system',
      'Three signatures needed for a routine equipment order',
      'Referral letter re-keyed into the booking system',
    ],
  },
  {
    type: 'inventory',
    weight: 8,
    minutes: [5, 90],
    harm: 0.15,
    texts: [
      'Out-of-date stock cleared from the treatment room',
      'Backlog of unreported scans waiting for a radiologist',
      'Referrals queued waiting for a consultant to vet them',
      'Over-ordered cannulas filling the store room',
    ],
  },
  {
    type: 'overproduction',
    weight: 7,
    minutes: [5, 40],
    harm: 0.05,
    texts: [
      'Routine bloods repeated daily without a clinical question',
      'Meals ordered for patients already discharged',
      'Full clinic letter sent where a short note would do',
    ],
  },
  {
    type: 'skills',
    weight: 6,
    minutes: [15, 120],
    harm: 0.2,
    texts: [
      'Senior nurse spends the shift chasing beds',
      'Consultant books their own follow-up appointments',
      "Physiotherapist's improvement idea not taken up for lack of a route",
    ],
  },
];
const TOTAL_WEIGHT = TEMPLATES.reduce((sum, t) => sum + t.weight, 0);

/** More waste in winter: about +35 % in mid-January, -35 % in mid-July. */
export function winterPressure(date: string): number {
  const dayOfYear = daysBetween(`${date.slice(0, 4)}-01-01`, date);
  return 1 + 0.35 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
}

export function buildWasteDemo(
  trusts: readonly SeededTrust[],
  streams: readonly DemoValueStream[],
  events: readonly DemoEvent[],
  users: ReadonlyMap<string, string>,
  today: string,
  random: () => number,
): WasteDemo {
  const demo: WasteDemo = {
    trustId: [],
    valueStreamId: [],
    mapStepId: [],
    wasteType: [],
    observedOn: [],
    description: [],
    minutesLost: [],
    occurrences: [],
    patientImpact: [],
    status: [],
    eliminatedOn: [],
    improvementEventId: [],
    createdAt: [],
    createdBy: [],
  };
  const between = (min: number, max: number) => min + (max - min) * random();
  const int = (min: number, max: number) => Math.floor(between(min, max + 1));
  const pickOf = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  // Knuth's method: the daily rate is small, so a handful of draws per day.
  const poisson = (lambda: number) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  };
  const templateOf = () => {
    let roll = random() * TOTAL_WEIGHT;
    for (const template of TEMPLATES) if ((roll -= template.weight) < 0) return template;
    return TEMPLATES[0];
  };
  // Everything that depends on the day alone, worked out once (string date arithmetic is not free).
  const first = addDays(today, -(WASTE_DEMO_DAYS - 1));
  const days = Array.from({ length: WASTE_DEMO_DAYS }, (_, offset) => addDays(first, offset));
  const pressure = days.map(winterPressure);
  const nineAm = days.map((day) => Date.parse(`${day}T09:00:00Z`));
  const offsetOf = (date: string) => daysBetween(first, date);
  const dayAt = (offset: number) => (offset < WASTE_DEMO_DAYS ? days[offset] : today);

  for (const trust of trusts) {
    const team = users.get(`team.${trust.code.toLowerCase()}@example.nhs.uk`) ?? null;
    // Events that count as having taken effect: ended by today and not abandoned.
    const effective = events
      .filter((e) => e.trustId === trust.id && e.endDate && e.endDate <= today && e.status in EVENT_EFFECT)
      .map((e) => ({ ...e, endOffset: offsetOf(e.endDate as string) }));
    // One part of the trust's waste per value stream plus a part logged against no stream.
    const parts = [...streams.filter((s) => s.trustId === trust.id), null].map((stream) => ({
      stream,
      effects: stream ? effective.filter((e) => e.valueStreamId === stream.id) : [],
      // Waste seen on a stream in the 60 days before one of its events is what the event took on.
      targets: stream
        ? events
            .filter((e) => e.valueStreamId === stream.id && e.status !== 'abandoned')
            .map((e) => ({ event: e, startOffset: offsetOf(e.startDate) }))
        : [],
    }));
    const wide = effective.filter((e) => !e.valueStreamId);
    const trustSize = between(0.8, 1.2);
    let tick = 0;

    for (let offset = 0; offset < WASTE_DEMO_DAYS; offset++) {
      const day = days[offset];
      const age = WASTE_DEMO_DAYS - 1 - offset;
      const wideEffect = TRUST_WIDE_EFFECT ** wide.filter((e) => e.endOffset <= offset).length;
      for (const { stream, effects, targets } of parts) {
        const effect = effects.reduce((f, e) => (e.endOffset <= offset ? f * EVENT_EFFECT[e.status] : f), wideEffect);
        const count = poisson(((DAILY_RATE * trustSize) / parts.length) * pressure[offset] * effect);
        for (let n = 0; n < count; n++) {
          const template = templateOf();
          const [low, high] = template.minutes;
          // Skewed towards the low end; waste that remains after an event is also smaller.
          const minutes = Math.round((low + (high - low) * random() ** 2) * (0.6 + 0.4 * effect) * 2) / 2;
          const harmed = random() < template.harm;
          const target = targets.find((t) => t.startOffset >= offset && t.startOffset - offset <= 60);
          const linked = target && random() < 0.5 ? target.event : null;

          let status: WasteStatus;
          let eliminatedOn: string | null = null;
          if (linked?.endDate && linked.endDate <= today && random() < 0.8) {
            status = 'eliminated';
            eliminatedOn = dayAt(offsetOf(linked.endDate) + int(0, 14));
          } else {
            // Older waste has had time to be dealt with.
            const roll = random() * Math.min(1, 0.25 + age / 240);
            status =
              roll > 0.55
                ? 'eliminated'
                : roll > 0.45
                  ? 'accepted'
                  : roll > 0.3
                    ? 'in_progress'
                    : roll > 0.18
                      ? 'countermeasure_planned'
                      : 'identified';
            if (status === 'eliminated') eliminatedOn = dayAt(offset + Math.min(age, int(3, 120)));
          }

          demo.trustId.push(trust.id);
          demo.valueStreamId.push(stream?.id ?? null);
          demo.mapStepId.push(stream && stream.stepIds.length && random() < 0.4 ? pickOf(stream.stepIds) : null);
          demo.wasteType.push(template.type);
          demo.observedOn.push(day);
          demo.description.push(pickOf(template.texts));
          demo.minutesLost.push(minutes);
          demo.occurrences.push(random() < 0.7 ? 1 : int(2, 20));
          demo.patientImpact.push(harmed ? (random() < 0.3 ? 'high' : 'medium') : random() < 0.45 ? 'none' : 'low');
          demo.status.push(status);
          demo.eliminatedOn.push(eliminatedOn);
          demo.improvementEventId.push(linked?.id ?? null);
          demo.createdAt.push(new Date(nineAm[offset] + 1000 * tick++).toISOString());
          demo.createdBy.push(team);
        }
      }
    }
  }
  return demo;
}

/** Rows per INSERT: 14 arrays of this length stay well inside one statement's comfortable size. */
const CHUNK = 10_000;

export const wasteSeed: SeedStep = {
  name: 'waste records',
  async run(ctx: SeedContext) {
    const trustIds = ctx.trusts.map((t) => t.id);
    const streams: DemoValueStream[] = await ctx.em.query(
      `SELECT v.id, v.trust_id AS "trustId",
              coalesce(array_agg(s.id ORDER BY s.position) FILTER (WHERE s.id IS NOT NULL), '{}')::text[] AS "stepIds"
         FROM value_streams v
         LEFT JOIN value_stream_maps m ON m.value_stream_id = v.id AND m.state = 'current'
         LEFT JOIN map_steps s ON s.map_id = m.id
        WHERE v.trust_id = ANY($1::uuid[])
        GROUP BY v.id ORDER BY v.trust_id, v.created_at, v.id`,
      [trustIds],
    );
    const events: DemoEvent[] = await ctx.em.query(
      `SELECT id, trust_id AS "trustId", value_stream_id AS "valueStreamId", start_date::text AS "startDate",
              end_date::text AS "endDate", status
         FROM improvement_events WHERE trust_id = ANY($1::uuid[]) ORDER BY start_date, id`,
      [trustIds],
    );
    const demo = buildWasteDemo(ctx.trusts, streams, events, ctx.users, ctx.today, ctx.random);
    const total = demo.trustId.length;
    const columns = WASTE_COLUMNS.map(([, column]) => column).join(', ');
    const arrays = WASTE_COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ');
    for (let start = 0; start < total; start += CHUNK) {
      await ctx.em.query(
        `INSERT INTO waste_records (${columns}, updated_at)
         SELECT *, created_at FROM unnest(${arrays}) AS x(${columns})`,
        WASTE_COLUMNS.map(([key]) => demo[key].slice(start, start + CHUNK)),
      );
    }
    // Every day a seeded record was observed or eliminated on is a rollup bucket to compute.
    await ctx.em.query(
      `INSERT INTO rollup_marks (trust_id, day)
       SELECT DISTINCT w.trust_id, d.day
         FROM waste_records w CROSS JOIN LATERAL (VALUES (w.observed_on), (w.eliminated_on)) AS d(day)
        WHERE d.day IS NOT NULL AND w.trust_id = ANY($1::uuid[])`,
      [trustIds],
    );
    ctx.log(`${total} waste records`);
  },
};
