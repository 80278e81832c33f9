import { analyseSpc, computeMapMetrics } from '@app/domain';
import { buildBoardPack, packPeriods, RECENT_POINTS, ZERO_FIGURES } from './board-pack.builder';
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
    const expected = analyseSpc(points, { improvementDirection: 'up', target: 50, trendLength: 6, shiftLength: 7 });
    const [packed] = pack.trusts[0].measures;
    expect(packed).toMatchObject({
      measureId: 'm1',
      pointCount: 30,
      latest: points[29],
      mean: expected.mean,
      upperProcessLimit: expected.upperProcessLimit,
      variation: expected.variation,
      assurance: expected.assurance,
    });
    expect(packed.recentPoints).toHaveLength(RECENT_POINTS);
    expect(packed.recentPoints[RECENT_POINTS - 1]).toEqual({
      periodStart: points[29].periodStart,
      value: points[29].value,
      pointType: expected.points[29].pointType,
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
    const current = computeMapMetrics(currentSteps, {}).processCycleEfficiency as number;
    const future = computeMapMetrics(futureSteps, {}).processCycleEfficiency as number;
    expect(outpatients.current).toMatchObject({ mapId: 'cur', processCycleEfficiency: current, leadTimeMinutes: 150 });
    expect(outpatients.future).toMatchObject({ mapId: 'fut', processCycleEfficiency: future });
    expect(outpatients.processCycleEfficiencyChange.absolute).toBeCloseTo(future - current, 12);
    expect(outpatients.processCycleEfficiencyChange.percent).toBeCloseTo((100 * (future - current)) / current, 10);
    expect(flow).toMatchObject({
      name: 'Flow',
      current: null,
      future: null,
      processCycleEfficiencyChange: { absolute: null, percent: null },
    });
  });
});
