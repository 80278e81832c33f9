import { computeEventMetrics, type EventMetricInput, type FollowUpInput } from './event-progress';

const lengthOfStay: EventMetricInput = {
  id: 'm-los',
  name: 'Length of stay',
  unit: 'hours',
  direction: 'lower_is_better',
  baseline: 10,
  target: 6,
};
const patientsSeen: EventMetricInput = {
  id: 'm-seen',
  name: 'Patients seen before noon',
  unit: 'patients',
  direction: 'higher_is_better',
  baseline: 20,
  target: 30,
};
const unreported: EventMetricInput = {
  id: 'm-none',
  name: 'Staff overtime',
  unit: 'hours',
  direction: 'lower_is_better',
  baseline: 40,
  target: 20,
};

// Given out of order on purpose: the answer must not depend on the order of follow-ups.
const followUps: FollowUpInput[] = [
  { checkpointDay: 90, measuredOn: '2024-04-01', results: [{ metricId: 'm-seen', value: 31 }] },
  {
    checkpointDay: 30,
    measuredOn: '2024-02-01',
    results: [
      { metricId: 'm-los', value: 8 },
      { metricId: 'm-seen', value: 24 },
    ],
  },
  { checkpointDay: 60, measuredOn: '2024-03-01', results: [{ metricId: 'm-los', value: 7 }] },
];

describe('computeEventMetrics', () => {
  const [los, seen, none] = computeEventMetrics([lengthOfStay, patientsSeen, unreported], followUps);

  it('takes latest from the highest checkpoint day that reports the metric', () => {
    expect(los.latest).toBe(7); // day 60; day 90 does not report length of stay
    expect(seen.latest).toBe(31); // day 90
  });

  it('measures progress from baseline towards target', () => {
    // length of stay: (7 − 10) / (6 − 10) = −3 / −4 = 0.75
    expect(los.progressToTarget).toBe(0.75);
    // patients seen: (31 − 20) / (30 − 20) = 11 / 10 = 1.1 (past the target)
    expect(seen.progressToTarget).toBeCloseTo(1.1, 12);
  });

  it('judges the target by direction', () => {
    expect(los.targetMet).toBe(false); // lower is better: 7 ≤ 6 fails
    expect(seen.targetMet).toBe(true); // higher is better: 31 ≥ 30 holds
  });

  it('answers nulls for a metric no follow-up reports', () => {
    expect(none).toEqual({ ...unreported, latest: null, progressToTarget: null, targetMet: null });
  });

  it('keeps the metric fields and adds only the three figures', () => {
    expect(los).toEqual({ ...lengthOfStay, latest: 7, progressToTarget: 0.75, targetMet: false });
  });

  it('drops fields of the input beyond the API shape', () => {
    const entity = { ...lengthOfStay, eventId: 'e-1', createdAt: new Date() };
    expect(Object.keys(computeEventMetrics([entity], [])[0]).sort()).toEqual(
      ['baseline', 'direction', 'id', 'latest', 'name', 'progressToTarget', 'target', 'targetMet', 'unit'].sort(),
    );
  });

  it('counts meeting the target exactly as met, both directions', () => {
    const atTarget: FollowUpInput[] = [
      {
        checkpointDay: 30,
        measuredOn: '2024-02-01',
        results: [
          { metricId: 'm-los', value: 6 },
          { metricId: 'm-seen', value: 30 },
        ],
      },
    ];
    const [l, s] = computeEventMetrics([lengthOfStay, patientsSeen], atTarget);
    expect([l.targetMet, l.progressToTarget]).toEqual([true, 1]);
    expect([s.targetMet, s.progressToTarget]).toEqual([true, 1]);
  });

  it('reads a move away from the target as negative progress', () => {
    const worse: FollowUpInput[] = [
      { checkpointDay: 30, measuredOn: '2024-02-01', results: [{ metricId: 'm-los', value: 12 }] },
    ];
    // (12 − 10) / (6 − 10) = 2 / −4 = −0.5
    const [l] = computeEventMetrics([lengthOfStay], worse);
    expect(l.progressToTarget).toBe(-0.5);
    expect(l.targetMet).toBe(false);
  });

  it('answers null progress when target equals baseline, and still judges the target', () => {
    const hold: EventMetricInput = { ...lengthOfStay, id: 'm-hold', baseline: 5, target: 5 };
    const at: FollowUpInput[] = [
      { checkpointDay: 30, measuredOn: '2024-02-01', results: [{ metricId: 'm-hold', value: 5 }] },
    ];
    expect(computeEventMetrics([hold], at)[0]).toMatchObject({ latest: 5, progressToTarget: null, targetMet: true });
  });

  it('breaks a checkpoint-day tie by the later measuredOn, whatever the order given', () => {
    const tie: FollowUpInput[] = [
      { checkpointDay: 90, measuredOn: '2024-04-03', results: [{ metricId: 'm-seen', value: 29 }] },
      { checkpointDay: 90, measuredOn: '2024-04-01', results: [{ metricId: 'm-seen', value: 31 }] },
    ];
    expect(computeEventMetrics([patientsSeen], tie)[0].latest).toBe(29);
    expect(computeEventMetrics([patientsSeen], [...tie].reverse())[0].latest).toBe(29);
  });

  it('ranks a higher checkpoint day above a later measuredOn', () => {
    // the 60-day follow-up was measured late, after the 90-day one; day 90 still wins
    const late: FollowUpInput[] = [
      { checkpointDay: 60, measuredOn: '2024-05-01', results: [{ metricId: 'm-seen', value: 25 }] },
      { checkpointDay: 90, measuredOn: '2024-04-01', results: [{ metricId: 'm-seen', value: 31 }] },
    ];
    expect(computeEventMetrics([patientsSeen], late)[0].latest).toBe(31);
  });

  it('compares checkpoint days as numbers (120 after 90)', () => {
    const long: FollowUpInput[] = [
      { checkpointDay: 120, measuredOn: '2024-05-01', results: [{ metricId: 'm-seen', value: 33 }] },
      { checkpointDay: 90, measuredOn: '2024-04-01', results: [{ metricId: 'm-seen', value: 31 }] },
    ];
    expect(computeEventMetrics([patientsSeen], long)[0].latest).toBe(33);
  });

  it('takes the follow-up given last on a full tie', () => {
    const same: FollowUpInput[] = [
      { checkpointDay: 30, measuredOn: '2024-02-01', results: [{ metricId: 'm-seen', value: 21 }] },
      { checkpointDay: 30, measuredOn: '2024-02-01', results: [{ metricId: 'm-seen', value: 22 }] },
    ];
    expect(computeEventMetrics([patientsSeen], same)[0].latest).toBe(22);
  });

  it('answers an empty list for an event without metrics', () => {
    expect(computeEventMetrics([], followUps)).toEqual([]);
  });
});
