import { buildBoardPack, packPeriods, ZERO_FIGURES } from './board-pack.builder';
import type { BoardPackInputs, PackFigures } from './board-pack.types';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

const figures = (n: number): PackFigures => ({
  wasteRecords: n,
  occurrences: 2 * n,
  minutesLost: 10 * n,
  minutesEliminated: 5 * n,
  eventsCompleted: n,
  eventsSustained: 0,
  ideas: 3 * n,
});

function inputs(overrides: Partial<BoardPackInputs> = {}): BoardPackInputs {
  return {
    meeting: { id: 'meeting-1', month: '2024-01', heldOn: '2024-01-25' },
    generatedAt: '2024-01-26T10:00:00.000Z',
    publishedAt: null,
    trusts: [
      { id: A, code: 'AAA', name: 'Alpha' },
      { id: B, code: 'BBB', name: 'Beta' },
    ],
    reports: [
      { trustId: B, progress: 'p', challenges: 'c', asks: null, version: 2, updatedAt: '2024-01-20T09:00:00.000Z' },
    ],
    figures: {
      month: { byTrust: new Map([[A, figures(1)]]), programme: figures(1) },
      previousMonth: {
        byTrust: new Map([
          [A, figures(2)],
          [B, figures(3)],
        ]),
        programme: figures(5),
      },
      yearToDate: { byTrust: new Map([[A, figures(1)]]), programme: figures(1) },
    },
    measures: [],
    valueStreams: [],
    checkIns: [],
    pendingChanges: 0,
    ...overrides,
  };
}

describe('packPeriods', () => {
  it('gives the month, the month before (across a year end) and the calendar year to date', () => {
    expect(packPeriods('2024-01')).toEqual({
      month: { month: '2024-01', from: '2024-01-01', to: '2024-01-31' },
      previousMonth: { month: '2023-12', from: '2023-12-01', to: '2023-12-31' },
      yearToDate: { from: '2024-01-01', to: '2024-01-31' },
    });
    expect(packPeriods('2024-03').yearToDate).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(packPeriods('2024-03').previousMonth.to).toBe('2024-02-29');
  });
});

describe('buildBoardPack', () => {
  it('lists every trust with its report (or null) and its figures, zeros where the rollups hold none', () => {
    const pack = buildBoardPack(inputs());
    expect(pack.trusts.map((t) => t.code)).toEqual(['AAA', 'BBB']);
    expect(pack.trusts[0].report).toBeNull();
    expect(pack.trusts[1].report).toEqual({
      progress: 'p',
      challenges: 'c',
      asks: null,
      version: 2,
      updatedAt: '2024-01-20T09:00:00.000Z',
    });
    expect(pack.trusts[0].figures).toEqual({ month: figures(1), previousMonth: figures(2), yearToDate: figures(1) });
    expect(pack.trusts[1].figures).toEqual({
      month: ZERO_FIGURES,
      previousMonth: figures(3),
      yearToDate: ZERO_FIGURES,
    });
    expect(pack.programme.figures.previousMonth).toEqual(figures(5));
    expect(pack.published).toBe(false);
    expect(pack.publishedAt).toBeNull();
  });

  it('is plain JSON: parsing its text gives the same pack', () => {
    const pack = buildBoardPack(inputs({ publishedAt: '2024-01-26T10:00:00.000Z' }));
    expect(pack.published).toBe(true);
    expect(JSON.parse(JSON.stringify(pack))).toEqual(pack);
  });

  it('puts only the check-ins that were not met into the discussion, the regulator first', () => {
    const checkIn = (id: string, trustId: string | null, status: 'met' | 'partly_met' | 'not_met') => ({
      id,
      commitmentId: `c-${id}`,
      commitmentText: `text ${id}`,
      party: 'all' as const,
      category: 'behaviour' as const,
      trustId,
      status,
      note: `note ${id}`,
    });
    const pack = buildBoardPack(
      inputs({
        checkIns: [
          checkIn('1', B, 'partly_met'),
          checkIn('2', A, 'met'),
          checkIn('3', null, 'not_met'),
          checkIn('4', A, 'not_met'),
          checkIn('5', null, 'met'),
        ],
      }),
    );
    expect(pack.compactDiscussion.map((c) => [c.checkInId, c.trustCode, c.status])).toEqual([
      ['3', null, 'not_met'],
      ['4', 'AAA', 'not_met'],
      ['1', 'BBB', 'partly_met'],
    ]);
    expect(pack.compactDiscussion[1]).toMatchObject({
      trustName: 'Alpha',
      commitmentText: 'text 4',
      note: 'note 4',
      party: 'all',
    });
  });

  it("analyses each measure's points with the measure's own settings and keeps the last points for the sparkline", () => {
    const monthStart = (i: number) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    const points = Array.from({ length: 30 }, (_, i) => ({
      periodStart: monthStart(i),
      value: i < 20 ? 10 + (i % 3) : 30 + i,
    }));
    const measure = {
      id: 'm1',
      trustId: A,
      name: 'Discharges before noon',
      unit: '%',
      improvementDirection: 'up' as const,
      target: 50,
      trendLength: 6,
      shiftLength: 7,
      points: [...points].reverse(),
    };
    const pack = buildBoardPack(inputs({ measures: [measure] }));
    // Worked by hand: the values sum to 764, so the mean is 764/30. Of the 29 moving ranges (sum 73,
    // mean 73/29), the jump 11 → 50 is at or above 3.267 × 73/29 and is screened out, leaving 34/28;
    // the upper limit is 764/30 + 2.66 × 34/28 = 28.697. The last point, 59, is above it: special cause,
    // high, an improvement for an "up" measure; the target 50 lies above the upper limit, so the process
    // will not meet it.
    const [packed] = pack.trusts[0].measures;
    expect(packed).toMatchObject({
      measureId: 'm1',
      pointCount: 30,
      latest: points[29],
      variation: 'improvement_high',
      assurance: 'fail',
    });
    expect(packed.mean).toBeCloseTo(25.466667, 6);
    expect(packed.upperProcessLimit).toBeCloseTo(28.696667, 6);
    // the sparkline: the last two years of points, oldest first
    expect(packed.recentPoints).toHaveLength(24);
    expect(packed.recentPoints[0].periodStart).toBe(points[6].periodStart);
    expect(packed.recentPoints[23]).toEqual({
      periodStart: points[29].periodStart,
      value: 59,
      pointType: 'special_cause_improvement',
    });
    expect(pack.trusts[1].measures).toEqual([]);
  });

  it("compares each value stream's latest current map with its latest future map", () => {
    const step = (cycle: number, wait: number, classification: 'value_added' | 'waste') => ({
      cycleTimeMinutes: cycle,
      waitTimeMinutes: wait,
      classification,
      percentCompleteAccurate: 100,
    });
    const currentSteps = [step(10, 90, 'value_added'), step(5, 45, 'waste')];
    const futureSteps = [step(10, 30, 'value_added')];
    const pack = buildBoardPack(
      inputs({
        valueStreams: [
          {
            id: 'vs1',
            trustId: B,
            name: 'Outpatients',
            demandPerDay: null,
            availableMinutesPerDay: null,
            maps: [
              { id: 'old', state: 'current', title: 'Old', mappedOn: '2023-01-01', steps: [step(1, 1, 'waste')] },
              { id: 'cur', state: 'current', title: 'Now', mappedOn: '2023-06-01', steps: currentSteps },
              { id: 'fut', state: 'future', title: 'Ideal', mappedOn: '2023-06-02', steps: futureSteps },
            ],
          },
          { id: 'vs2', trustId: B, name: 'Flow', demandPerDay: null, availableMinutesPerDay: null, maps: [] },
        ],
      }),
    );
    const [flow, outpatients] = pack.trusts[1].valueStreams;
    // By hand: value-added cycle time over lead time, 10/150 now and 10/40 in the future state; the
    // change is 0.25 − 1/15 = 0.18333…, or 275 % of the current figure.
    expect(outpatients.current).toMatchObject({
      mapId: 'cur',
      processCycleEfficiency: expect.closeTo(1 / 15, 12),
      leadTimeMinutes: 150,
    });
    expect(outpatients.future).toMatchObject({ mapId: 'fut', processCycleEfficiency: 0.25 });
    expect(outpatients.processCycleEfficiencyChange.absolute).toBeCloseTo(0.183333333333, 10);
    expect(outpatients.processCycleEfficiencyChange.percent).toBeCloseTo(275, 8);
    expect(flow).toMatchObject({
      name: 'Flow',
      current: null,
      future: null,
      processCycleEfficiencyChange: { absolute: null, percent: null },
    });
  });
});
