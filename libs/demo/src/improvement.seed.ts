// Demo value streams with current- and future-state maps, two years of improvement events with
// their 30/60/90-day follow-ups, and three board measures per trust with 24 monthly points.
// `buildImprovementDemo` is pure (same trusts, day and seed give the same rows); the step inserts
// its rows set-based, one statement per table, and marks the rollup buckets of the events.
import { addDays, type EventStatus, monthOf, nextMonth, previousMonth } from '@app/domain';
import type { EntityManager } from 'typeorm';
import {
  EVENTS,
  type EventTemplate,
  MEASURES,
  type MeasureTemplate,
  type StepTemplate,
  STREAMS,
  type StreamTemplate,
} from './improvement-catalogue';
import type { SeedContext, SeededTrust, SeedStep } from './seed-context';

type Row = Record<string, unknown>;

export interface ImprovementDemo {
  valueStreams: Row[];
  maps: Row[];
  steps: Row[];
  events: Row[];
  metrics: Row[];
  followUps: Row[];
  measures: Row[];
  points: Row[];
}

const FOLLOW_UP_DAYS: Record<EventTemplate['kind'], number[]> = {
  rpiw: [30, 60, 90],
  kaizen: [30, 90],
  pdsa: [30, 60],
  everyday_lean_idea: [30],
};

// Where the events of a trust start, in days before today: spread over two years, the last recent.
const START_OFFSETS = [-700, -590, -480, -370, -260, -160, -75, -12];

const FOLLOW_UP_NOTES = [
  'standard work holding on all shifts',
  'two of five teams still on the old form; huddle agreed to coach',
  'gains held; audit moved to monthly',
  'dip during winter pressures, recovered in the last fortnight',
  'spread to the second site agreed at the KPO review',
];

/** A version-4 UUID from the seeded generator, so the demo's ids are the same on every machine. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  const variant = '89ab'[Math.floor(random() * 4)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function buildImprovementDemo(
  trusts: readonly SeededTrust[],
  users: ReadonlyMap<string, string>,
  today: string,
  random: () => number,
): ImprovementDemo {
  const demo: ImprovementDemo = {
    valueStreams: [],
    maps: [],
    steps: [],
    events: [],
    metrics: [],
    followUps: [],
    measures: [],
    points: [],
  };
  const between = (min: number, max: number) => min + (max - min) * random();
  const int = (min: number, max: number) => Math.floor(between(min, max + 1));
  const round = (value: number, decimals: number) => Number(value.toFixed(decimals));
  const id = () => seededUuid(random);
  // Created on the day at a distinct second, so lists sort the way the history happened.
  let tick = 0;
  const at = (date: string) => new Date(Date.parse(`${date}T08:00:00Z`) + 1000 * tick++).toISOString();
  const notAfterToday = (date: string) => (date > today ? today : date);

  for (const trust of trusts) {
    const account = (prefix: string) => users.get(`${prefix}.${trust.code.toLowerCase()}@example.nhs.uk`) ?? null;
    const kpo = account('kpo');
    const team = account('team');
    // Some trusts' flows are slower than others'; every wait of the trust scales with this.
    const flow = between(0.85, 1.25);

    const streamIds = new Map<StreamTemplate['key'], string>();
    for (const stream of STREAMS) {
      const streamId = id();
      streamIds.set(stream.key, streamId);
      const created = addDays(today, -int(740, 760));
      demo.valueStreams.push({
        id: streamId,
        trust_id: trust.id,
        name: stream.name,
        description: stream.description,
        demand_per_day: int(stream.demandPerDay[0], stream.demandPerDay[1]),
        available_minutes_per_day: stream.availableMinutesPerDay,
        created_at: at(created),
        created_by: kpo,
      });
      const currentOn = addDays(created, int(7, 30));
      const futureOn = addDays(currentOn, int(45, 120));
      for (const [state, map, mappedOn, scale] of [
        ['current', stream.current, currentOn, flow],
        ['future', stream.future, futureOn, flow * between(0.9, 1.1)],
      ] as const) {
        const mapId = id();
        demo.maps.push({
          id: mapId,
          trust_id: trust.id,
          value_stream_id: streamId,
          state,
          title: map.title,
          mapped_on: mappedOn,
          created_at: at(mappedOn),
          created_by: team,
        });
        map.steps.forEach((template: StepTemplate, i) => {
          demo.steps.push({
            id: id(),
            map_id: mapId,
            position: i + 1,
            name: template.name,
            wait_time_minutes: Math.round(template.waitTimeMinutes * scale * between(0.85, 1.15)),
            cycle_time_minutes: Math.max(1, Math.round(template.cycleTimeMinutes * between(0.85, 1.15))),
            classification: template.classification,
            percent_complete_accurate:
              template.percentCompleteAccurate >= 100
                ? 100
                : Math.min(100, round(template.percentCompleteAccurate + between(-3, 3), 0)),
            staff: template.staff,
          });
        });
      }
    }

    // Each trust runs the eight kinds of event in its own order.
    const order = EVENTS.map((template) => ({ template, key: random() })).sort((a, b) => a.key - b.key);
    order.forEach(({ template }, slot) => {
      const startDate = notAfterToday(addDays(today, START_OFFSETS[slot] + int(-20, 12)));
      const length = { rpiw: 4, kaizen: int(2, 9), everyday_lean_idea: int(0, 10), pdsa: int(14, 42) }[template.kind];
      const plannedEnd = addDays(startDate, length);
      const ended = plannedEnd <= today;
      const eventId = id();
      const metrics = template.metrics.map((m, position) => ({
        id: id(),
        template: m,
        position: position + 1,
        baseline: round(between(m.baseline[0], m.baseline[1]), m.decimals),
      }));
      const abandoned = ended && (template.kind === 'kaizen' || template.kind === 'pdsa') && random() < 0.15;

      // Follow-ups at the kind's checkpoints that have come round; later ones nearer the target.
      const quality = between(0.75, 1.35);
      let latest = new Map<string, number>();
      if (ended && !abandoned && metrics.length) {
        FOLLOW_UP_DAYS[template.kind].forEach((day, k, days) => {
          const due = addDays(plannedEnd, day);
          if (due > today) return;
          const reached = ((k + 1) / days.length) * quality;
          const results = metrics.map((m) => {
            const progress = reached + between(-0.08, 0.08);
            const value = round(m.baseline + progress * (m.template.target - m.baseline), m.template.decimals);
            return { metricId: m.id, value: Math.max(0, value) };
          });
          latest = new Map(results.map((r) => [r.metricId, r.value]));
          const measuredOn = notAfterToday(addDays(due, int(0, 4)));
          demo.followUps.push({
            id: id(),
            event_id: eventId,
            trust_id: trust.id,
            checkpoint_day: day,
            measured_on: measuredOn,
            notes: `${day}-day follow-up: ${FOLLOW_UP_NOTES[int(0, FOLLOW_UP_NOTES.length - 1)]}`,
            results,
            created_at: at(measuredOn),
            created_by: team,
          });
        });
      }
      const allMet =
        metrics.length > 0 &&
        metrics.every((m) => {
          const value = latest.get(m.id);
          if (value === undefined) return false;
          return m.template.direction === 'lower_is_better' ? value <= m.template.target : value >= m.template.target;
        });
      const finalDue = addDays(plannedEnd, FOLLOW_UP_DAYS[template.kind].at(-1) ?? 0);
      const status = statusOf(template.kind, {
        started: startDate < today,
        ended,
        abandoned,
        followedUp: finalDue <= today,
        allMet,
      });

      demo.events.push({
        id: eventId,
        trust_id: trust.id,
        value_stream_id: template.stream ? (streamIds.get(template.stream) ?? null) : null,
        kind: template.kind,
        title: template.title,
        problem_statement: template.problemStatement,
        start_date: startDate,
        end_date: ended ? plannedEnd : null,
        status,
        created_at: at(addDays(startDate, -int(7, 28))),
        created_by: team,
      });
      for (const m of metrics) {
        demo.metrics.push({
          id: m.id,
          event_id: eventId,
          position: m.position,
          name: m.template.name,
          unit: m.template.unit,
          direction: m.template.direction,
          baseline: m.baseline,
          target: m.template.target,
        });
      }
    });

    // 24 monthly points ending with the last complete month.
    let firstMonth = monthOf(today);
    for (let i = 0; i < 24; i++) firstMonth = previousMonth(firstMonth);
    for (const template of MEASURES) {
      const measureId = id();
      demo.measures.push({
        id: measureId,
        trust_id: trust.id,
        name: template.name,
        unit: template.unit,
        improvement_direction: template.improvementDirection,
        target: template.target,
        trend_length: 7,
        shift_length: 7,
        created_at: at(`${firstMonth}-01`),
        created_by: kpo,
      });
      for (const point of monthlySeries(template, firstMonth, between, int)) {
        demo.points.push({ measure_id: measureId, period_start: point.periodStart, value: point.value });
      }
    }
  }
  return demo;
}

function statusOf(
  kind: EventTemplate['kind'],
  at: { started: boolean; ended: boolean; abandoned: boolean; followedUp: boolean; allMet: boolean },
): EventStatus {
  if (!at.ended) return at.started ? 'in_progress' : 'planned';
  if (at.abandoned) return 'abandoned';
  // An idea is done when it is in place; an event stays in follow-up until its last checkpoint.
  if (kind !== 'everyday_lean_idea' && !at.followedUp) return 'follow_up';
  return at.allMet ? 'sustained' : 'closed';
}

// A drifting series with noise and, from an RPIW month on, a step in the improving direction, so
// the boards' SPC charts show both common-cause wobble and special causes.
function monthlySeries(
  template: MeasureTemplate,
  firstMonth: string,
  between: (min: number, max: number) => number,
  int: (min: number, max: number) => number,
): Array<{ periodStart: string; value: number }> {
  const points: Array<{ periodStart: string; value: number }> = [];
  const stepAt = int(10, 16);
  const step = template.drift * int(3, 6);
  let level = between(template.start[0], template.start[1]);
  let month = firstMonth;
  for (let i = 0; i < 24; i++) {
    const raw = level + (i >= stepAt ? step : 0) + between(-template.noise, template.noise);
    const value = Math.min(template.max, Math.max(template.min, raw));
    points.push({ periodStart: `${month}-01`, value: Number(value.toFixed(template.decimals)) });
    level += template.drift;
    month = nextMonth(month);
  }
  return points;
}

// Column names and types of each table, for jsonb_to_recordset: one INSERT per table.
const COLUMNS = {
  value_streams: {
    id: 'uuid',
    trust_id: 'uuid',
    name: 'text',
    description: 'text',
    demand_per_day: 'numeric',
    available_minutes_per_day: 'numeric',
    created_at: 'timestamptz',
    created_by: 'uuid',
  },
  value_stream_maps: {
    id: 'uuid',
    trust_id: 'uuid',
    value_stream_id: 'uuid',
    state: 'text',
    title: 'text',
    mapped_on: 'date',
    created_at: 'timestamptz',
    created_by: 'uuid',
  },
  map_steps: {
    id: 'uuid',
    map_id: 'uuid',
    position: 'int',
    name: 'text',
    cycle_time_minutes: 'numeric',
    wait_time_minutes: 'numeric',
    classification: 'text',
    percent_complete_accurate: 'numeric',
    staff: 'int',
  },
  improvement_events: {
    id: 'uuid',
    trust_id: 'uuid',
    value_stream_id: 'uuid',
    kind: 'text',
    title: 'text',
    problem_statement: 'text',
    start_date: 'date',
    end_date: 'date',
    status: 'text',
    created_at: 'timestamptz',
    created_by: 'uuid',
  },
  event_metrics: {
    id: 'uuid',
    event_id: 'uuid',
    position: 'int',
    name: 'text',
    unit: 'text',
    direction: 'text',
    baseline: 'numeric',
    target: 'numeric',
  },
  follow_ups: {
    id: 'uuid',
    event_id: 'uuid',
    trust_id: 'uuid',
    checkpoint_day: 'int',
    measured_on: 'date',
    notes: 'text',
    results: 'jsonb',
    created_at: 'timestamptz',
    created_by: 'uuid',
  },
  measures: {
    id: 'uuid',
    trust_id: 'uuid',
    name: 'text',
    unit: 'text',
    improvement_direction: 'text',
    target: 'numeric',
    trend_length: 'int',
    shift_length: 'int',
    created_at: 'timestamptz',
    created_by: 'uuid',
  },
  measure_points: { measure_id: 'uuid', period_start: 'date', value: 'numeric' },
} as const;

async function insertRows(em: EntityManager, table: keyof typeof COLUMNS, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(COLUMNS[table]);
  const names = columns.map(([name]) => name).join(', ');
  // Records with a created_at are mutable records: updated_at starts equal to it.
  const timestamps =
    'created_at' in COLUMNS[table] ? { names: ', updated_at', values: ', created_at' } : { names: '', values: '' };
  await em.query(
    `INSERT INTO ${table} (${names}${timestamps.names})
     SELECT ${names}${timestamps.values}
       FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map(([name, type]) => `${name} ${type}`).join(', ')})`,
    [JSON.stringify(rows)],
  );
}

export const improvementSeed: SeedStep = {
  name: 'value streams, maps, improvement events and measures',
  async run(ctx: SeedContext) {
    const demo = buildImprovementDemo(ctx.trusts, ctx.users, ctx.today, ctx.random);
    await insertRows(ctx.em, 'value_streams', demo.valueStreams);
    await insertRows(ctx.em, 'value_stream_maps', demo.maps);
    await insertRows(ctx.em, 'map_steps', demo.steps);
    await insertRows(ctx.em, 'improvement_events', demo.events);
    await insertRows(ctx.em, 'event_metrics', demo.metrics);
    await insertRows(ctx.em, 'follow_ups', demo.followUps);
    await insertRows(ctx.em, 'measures', demo.measures);
    await insertRows(ctx.em, 'measure_points', demo.points);
    // The events' start and end days are rollup buckets (ideas, events completed and sustained).
    await ctx.em.query(
      `INSERT INTO rollup_marks (trust_id, day)
       SELECT DISTINCT e.trust_id, d.day
         FROM improvement_events e CROSS JOIN LATERAL (VALUES (e.start_date), (e.end_date)) AS d(day)
        WHERE d.day IS NOT NULL AND e.id = ANY($1::uuid[])`,
      [demo.events.map((e) => e.id)],
    );
    ctx.log(
      `${demo.valueStreams.length} value streams, ${demo.maps.length} maps with ${demo.steps.length} steps, ` +
        `${demo.events.length} improvement events with ${demo.followUps.length} follow-ups, ` +
        `${demo.measures.length} measures with ${demo.points.length} points`,
    );
  },
};
