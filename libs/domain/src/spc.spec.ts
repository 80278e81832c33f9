import * as fs from 'fs';
import * as path from 'path';
import { analyseSpc, ImprovementDirection, SpcInputPoint, SpcOptions, SpcResult } from './spc';

// Reference vectors computed by NHSRplotthedots (SPEC §3), kept inside the repository
// (test/fixtures/spc); reading them must fail the suite if they are missing, never skip it.
interface ReferenceCase {
  name: string;
  improvementDirection: ImprovementDirection;
  target: number | null;
  baselinePoints: number | null;
  variation: string;
  assurance: string | null;
  points: Array<{
    periodStart: string;
    value: number;
    mean: number;
    upperProcessLimit: number;
    lowerProcessLimit: number;
    pointType: string;
  }>;
}
const fixtures = path.resolve(__dirname, '../../../test/fixtures/spc');
const referenceFile = path.join(fixtures, 'spc-examples.json');
const referenceCases: ReferenceCase[] = JSON.parse(fs.readFileSync(referenceFile, 'utf8')).cases;

/** Monthly points from 2020-01-01 in the given order of values. */
function series(values: number[]): SpcInputPoint[] {
  return values.map((value, i) => ({
    periodStart: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
    value,
  }));
}

// A 12-point baseline with mean exactly 10 and MR̄ exactly 20: limits 10 ± 53.2, the near-limit
// band beyond 10 ± 35.47. It alternates, so it holds no trend, shift or band point of its own.
const BASELINE = [0, 20, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20];
const UPPER = 10 + 2.66 * 20;
const LOWER = 10 - 2.66 * 20;
const NEAR_UPPER = 10 + 2 * (2.66 / 3) * 20;

/** Analyses BASELINE followed by `tail`, limits fixed on the baseline; answers the tail's points. */
function afterBaseline(tail: number[], options: Partial<SpcOptions> = {}) {
  const result = analyseSpc(series([...BASELINE, ...tail]), {
    improvementDirection: 'up',
    baselinePoints: 12,
    ...options,
  });
  return { result, tail: result.points.slice(BASELINE.length) };
}

const rulesOf = (result: SpcResult) => result.points.map((p) => p.rule);

describe('analyseSpc against the NHSRplotthedots reference vectors', () => {
  it('has cases to check', () => expect(referenceCases.length).toBeGreaterThan(0));

  describe.each(referenceCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = analyseSpc(
      c.points.map(({ periodStart, value }) => ({ periodStart, value })),
      { improvementDirection: c.improvementDirection, target: c.target, baselinePoints: c.baselinePoints },
    );

    it('matches mean and process limits at every point', () => {
      expect(result.points).toHaveLength(c.points.length);
      c.points.forEach((expected, i) => {
        const actual = result.points[i];
        expect(actual.periodStart).toBe(expected.periodStart);
        expect(actual.mean).toBeCloseTo(expected.mean, 5);
        expect(actual.upperProcessLimit).toBeCloseTo(expected.upperProcessLimit, 5);
        expect(actual.lowerProcessLimit).toBeCloseTo(expected.lowerProcessLimit, 5);
      });
    });

    it('matches the point type of every point', () => {
      expect(result.points.map((p) => p.pointType)).toEqual(c.points.map((p) => p.pointType));
    });

    it('matches variation and assurance', () => {
      expect(result.variation).toBe(c.variation);
      expect(result.assurance).toBe(c.assurance);
    });

    it('answers the same for shuffled input', () => {
      const reversed = [...c.points].reverse().map(({ periodStart, value }) => ({ periodStart, value }));
      const again = analyseSpc(reversed, {
        improvementDirection: c.improvementDirection,
        target: c.target,
        baselinePoints: c.baselinePoints,
      });
      expect(again).toEqual(result);
    });
  });
});

describe("analyseSpc against the reference package's own test series (ptd_spc_standard)", () => {
  const standard = JSON.parse(fs.readFileSync(path.join(fixtures, 'plotthedots-standard.json'), 'utf8')) as {
    values: number[];
    cases: Array<{
      name: string;
      replace: { index: number; value: number } | null;
      mean: number;
      lowerProcessLimit: number;
      upperProcessLimit: number;
    }>;
  };

  it.each(standard.cases.map((c) => [c.name, c] as const))(
    '%s: mean and limits as the package prints them',
    (_n, c) => {
      const values = [...standard.values];
      if (c.replace) values[c.replace.index] = c.replace.value;
      const result = analyseSpc(series(values), { improvementDirection: 'up' });
      // The snapshot prints 7 significant digits.
      expect(result.mean).toBeCloseTo(c.mean, 6);
      expect(result.lowerProcessLimit).toBeCloseTo(c.lowerProcessLimit, 5);
      expect(result.upperProcessLimit).toBeCloseTo(c.upperProcessLimit, 5);
    },
  );
});

describe('the near-limit band uses 2/3 of 2.66 (1.7733…) moving ranges, by hand', () => {
  // BASELINE: mean 10, MR̄ 20. The band starts at 10 ± 35.4667 (1.7733 × 20); a wrong coefficient
  // of 1.8 would start it at 10 ± 36. 45.8 and −25.8 lie 35.8 from the mean: inside the right
  // band, outside the wrong one. The middle point stays on the same side of the mean.
  it('flags two of three just inside the band above the mean', () => {
    const { tail } = afterBaseline([45.8, 12, 45.8]);
    expect(tail.map((p) => p.rule)).toEqual(['two_of_three', null, 'two_of_three']);
    expect(tail.map((p) => p.pointType)).toEqual([
      'special_cause_improvement',
      'common_cause',
      'special_cause_improvement',
    ]);
  });

  it('flags two of three just inside the band below the mean', () => {
    const { tail } = afterBaseline([-25.8, 8, -25.8]);
    expect(tail.map((p) => p.rule)).toEqual(['two_of_three', null, 'two_of_three']);
    expect(tail[0].pointType).toBe('special_cause_concern');
  });

  it('does not flag points just short of the band', () => {
    // 35.4 from the mean: below 1.7733 × 20 = 35.4667.
    expect(afterBaseline([45.4, 12, 45.4]).tail.map((p) => p.rule)).toEqual([null, null, null]);
  });
});

describe('analyseSpc input handling', () => {
  it('answers empty input with nulls and a warning', () => {
    const result = analyseSpc([], { improvementDirection: 'up', target: 5 });
    expect(result).toEqual({
      points: [],
      mean: null,
      upperProcessLimit: null,
      lowerProcessLimit: null,
      variation: null,
      assurance: null,
      warnings: [expect.stringContaining('no points')],
    });
  });

  it('sorts by periodStart without mutating the input', () => {
    const input = [
      { periodStart: '2024-03-01', value: 3 },
      { periodStart: '2024-01-01', value: 1 },
      { periodStart: '2024-02-01', value: 2 },
    ];
    const copy = structuredClone(input);
    const result = analyseSpc(input, { improvementDirection: 'up' });
    expect(result.points.map((p) => p.periodStart)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(input).toEqual(copy);
  });

  it('warns below 13 points but still answers, and is silent at 13', () => {
    const short = analyseSpc(series([1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2]), { improvementDirection: 'up' });
    expect(short.points).toHaveLength(12);
    expect(short.mean).toBe(2);
    expect(short.warnings).toEqual([expect.stringContaining('13')]);
    const enough = analyseSpc(series([1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1]), { improvementDirection: 'up' });
    expect(enough.warnings).toEqual([]);
  });

  it('warns when a period appears twice', () => {
    const points = [...series([...BASELINE, 1]), { periodStart: '2020-01-01', value: 5 }];
    const result = analyseSpc(points, { improvementDirection: 'up' });
    expect(result.warnings).toEqual([expect.stringContaining('periodStart 2020-01-01 appears more than once')]);
  });

  it.each([
    [{ trendLength: 4 }, /trendLength must be an integer from 5 to 10/],
    [{ trendLength: 11 }, /trendLength/],
    [{ trendLength: 6.5 }, /trendLength/],
    [{ shiftLength: 4 }, /shiftLength must be an integer from 5 to 10/],
    [{ baselinePoints: 0 }, /baselinePoints must be an integer of at least 1/],
    [{ baselinePoints: 2.5 }, /baselinePoints/],
    [{ target: Number.NaN }, /target must be a finite number/],
    [{ improvementDirection: 'sideways' as ImprovementDirection }, /improvementDirection/],
  ])('rejects %p with a RangeError naming the field', (bad, message) => {
    const run = () => analyseSpc(series(BASELINE), { improvementDirection: 'up', ...bad });
    expect(run).toThrow(RangeError);
    expect(run).toThrow(message);
  });

  it('rejects a non-finite value, naming its period', () => {
    expect(() => analyseSpc(series([1, Infinity]), { improvementDirection: 'up' })).toThrow(
      /value of 2020-02-01 must be a finite number/,
    );
  });

  it('accepts run lengths 5 and 10', () => {
    expect(() =>
      analyseSpc(series(BASELINE), { improvementDirection: 'up', trendLength: 5, shiftLength: 10 }),
    ).not.toThrow();
  });
});

describe('analyseSpc limits', () => {
  it('takes mean and moving ranges from the baseline only', () => {
    const { result } = afterBaseline([100, 100, 100]);
    expect(result.mean).toBe(10);
    expect(result.upperProcessLimit).toBeCloseTo(63.2, 10);
    expect(result.lowerProcessLimit).toBeCloseTo(-43.2, 10); // not clipped at 0
    expect(result.points.every((p) => p.mean === 10 && p.upperProcessLimit === UPPER)).toBe(true);
  });

  it('uses every point when baselinePoints is absent', () => {
    const result = analyseSpc(series([...BASELINE, 10]), { improvementDirection: 'up' });
    expect(result.mean).toBeCloseTo(130 / 13, 10);
  });

  it('clamps baselinePoints to the series length', () => {
    const clamped = analyseSpc(series(BASELINE), { improvementDirection: 'up', baselinePoints: 50 });
    const all = analyseSpc(series(BASELINE), { improvementDirection: 'up' });
    expect(clamped.upperProcessLimit).toBe(all.upperProcessLimit);
  });

  it('allows a baseline under 12 points with a warning', () => {
    const result = analyseSpc(series([...BASELINE, 1, 2]), { improvementDirection: 'up', baselinePoints: 4 });
    expect(result.mean).toBe(10);
    expect(result.warnings).toEqual([expect.stringContaining('baselinePoints is 4')]);
  });

  it('drops moving ranges of at least 3.267 × MR̄ once, then re-averages', () => {
    // Moving ranges 2 ×5, 18, 18, 2 ×5: MR̄ 56/12 ≈ 4.67, screen 15.2, so both 18s go and MR̄ is 2.
    const values = [10, 12, 10, 12, 10, 12, 30, 12, 10, 12, 10, 12, 10];
    const result = analyseSpc(series(values), { improvementDirection: 'up' });
    const mean = 162 / 13;
    expect(result.mean).toBeCloseTo(mean, 10);
    expect(result.upperProcessLimit).toBeCloseTo(mean + 2.66 * 2, 10);
    expect(result.lowerProcessLimit).toBeCloseTo(mean - 2.66 * 2, 10);
    // The spike is a special cause against the screened limits.
    expect(result.points[6]).toMatchObject({ rule: 'outside', side: 'high' });
  });

  it('screens only once: a range that would fail a second screen stays', () => {
    // Ranges 1 ×10, 5, 45: MR̄ 60/12 = 5, screen 16.3 drops 45; the rest average 15/11 ≈ 1.36,
    // whose screen (4.46) 5 would fail, but screening does not repeat.
    const values = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 5, 50];
    const result = analyseSpc(series(values), { improvementDirection: 'up' });
    expect(result.upperProcessLimit! - result.mean!).toBeCloseTo(2.66 * (15 / 11), 10);
  });

  it('drops a moving range exactly on 3.267 × MR̄', () => {
    // Ranges 794 ×10, 793, 3267: MR̄ 12000/12 = 1000, so 3267 sits exactly on the screen and goes.
    const values = [0, 794, 0, 794, 0, 794, 0, 794, 0, 794, 0, 793, 4060];
    const result = analyseSpc(series(values), { improvementDirection: 'up' });
    expect(result.upperProcessLimit! - result.mean!).toBeCloseTo(2.66 * (8733 / 11), 8);
  });

  it('sets the limits to the mean for a flat series, with every point common cause', () => {
    const result = analyseSpc(series(Array(15).fill(7)), { improvementDirection: 'up', target: 7 });
    expect(result).toMatchObject({ mean: 7, upperProcessLimit: 7, lowerProcessLimit: 7, variation: 'common_cause' });
    expect(result.points.every((p) => p.pointType === 'common_cause')).toBe(true);
    expect(result.assurance).toBe('inconsistent'); // target on the (collapsed) limits
  });

  it('sets the limits to the mean when screening leaves only zero ranges', () => {
    const result = analyseSpc(series([...Array(12).fill(10), 20]), { improvementDirection: 'up' });
    expect(result.upperProcessLimit).toBe(result.mean);
    expect(result.lowerProcessLimit).toBe(result.mean);
    expect(result.points[12]).toMatchObject({ rule: 'outside', side: 'high' });
  });

  it('analyses a single point: limits equal its value', () => {
    const result = analyseSpc(series([4]), { improvementDirection: 'down' });
    expect(result).toMatchObject({ mean: 4, upperProcessLimit: 4, lowerProcessLimit: 4, variation: 'common_cause' });
  });
});

describe('analyseSpc rule 1: outside the limits', () => {
  it('flags a point strictly above the upper or below the lower limit', () => {
    const { tail } = afterBaseline([64, 10, -44]);
    expect(tail.map((p) => [p.rule, p.side])).toEqual([
      ['outside', 'high'],
      [null, null],
      ['outside', 'low'],
    ]);
  });

  it('treats a point exactly on a limit as inside', () => {
    const { tail } = afterBaseline([UPPER, 10, LOWER]);
    expect(tail.map((p) => p.rule)).toEqual([null, null, null]);
  });
});

describe('analyseSpc rule 2: trend', () => {
  it('flags seven points each strictly higher than the one before, across the mean', () => {
    const { tail } = afterBaseline([5, 7, 9, 11, 13, 15, 17, 0]);
    expect(tail.map((p) => p.rule)).toEqual([...Array(7).fill('trend'), null]);
    expect(tail.slice(0, 7).every((p) => p.side === 'high' && p.pointType === 'special_cause_improvement')).toBe(true);
  });

  it('flags a falling trend as low', () => {
    const { tail } = afterBaseline([17, 15, 13, 11, 9, 7, 5]);
    expect(tail.every((p) => p.rule === 'trend' && p.side === 'low')).toBe(true);
  });

  it('needs trendLength points: six rising points pass at 7 and are flagged at 6', () => {
    const six = [5, 7, 9, 11, 13, 15, 0];
    expect(afterBaseline(six).tail.map((p) => p.rule)).toEqual(Array(7).fill(null));
    expect(afterBaseline(six, { trendLength: 6 }).tail.map((p) => p.rule)).toEqual([...Array(6).fill('trend'), null]);
  });

  it('is broken by equal neighbours', () => {
    const { tail } = afterBaseline([5, 7, 9, 9, 11, 13, 15, 17]);
    expect(tail.map((p) => p.rule)).toEqual(Array(8).fill(null));
  });

  it('takes its side from the direction, even below the mean, and outranks a shift', () => {
    // Seven rising points all below the mean also make a low shift; trend is checked first.
    const { tail } = afterBaseline([1, 2, 3, 4, 5, 6, 7]);
    expect(tail.every((p) => p.rule === 'trend' && p.side === 'high')).toBe(true);
  });

  it('gives a turning point shared by two trends the later trend side', () => {
    const { tail } = afterBaseline([12, 13, 14, 15, 16, 17, 18, 17, 16, 15, 14, 13, 12]);
    expect(tail.map((p) => p.side)).toEqual([...Array(6).fill('high'), ...Array(7).fill('low')]);
    expect(tail.every((p) => p.rule === 'trend')).toBe(true);
  });
});

describe('analyseSpc rule 3: two of three near a limit', () => {
  it('flags only the band points of three on one side of the mean', () => {
    const { tail } = afterBaseline([50, 30, 50]);
    expect(tail.map((p) => [p.rule, p.side])).toEqual([
      ['two_of_three', 'high'],
      [null, null],
      ['two_of_three', 'high'],
    ]);
  });

  it('flags the low side too', () => {
    const { tail } = afterBaseline([-30, -30, -10]);
    expect(tail.map((p) => p.rule)).toEqual(['two_of_three', 'two_of_three', null]);
    expect(tail[0]).toMatchObject({ side: 'low', pointType: 'special_cause_concern' });
  });

  it('does not flag when the middle point crosses the mean', () => {
    const { tail } = afterBaseline([50, 5, 50]);
    expect(tail.map((p) => p.rule)).toEqual([null, null, null]);
  });

  it('needs two band points', () => {
    expect(afterBaseline([50, 30, 30]).tail.map((p) => p.rule)).toEqual([null, null, null]);
  });

  it('counts a point on the limit as in the band, but not one on the band edge', () => {
    expect(afterBaseline([UPPER, 30, 50]).tail.map((p) => p.rule)).toEqual(['two_of_three', null, 'two_of_three']);
    expect(afterBaseline([NEAR_UPPER, 30, 50]).tail.map((p) => p.rule)).toEqual([null, null, null]);
  });

  it('does not count a point beyond the limit as in the band', () => {
    const { tail } = afterBaseline([70, 50, 30]);
    expect(tail.map((p) => p.rule)).toEqual(['outside', null, null]);
  });
});

describe('analyseSpc rule 4: shift', () => {
  it('flags seven points strictly on one side of the mean', () => {
    // The baseline ends above the mean, so the tail starts below it to count exactly seven.
    const { tail } = afterBaseline([5, 12, 14, 12, 14, 12, 14, 12, 5]);
    expect(tail.map((p) => p.rule)).toEqual([null, ...Array(7).fill('shift'), null]);
    expect(tail[1]).toMatchObject({ side: 'high', pointType: 'special_cause_improvement' });
  });

  it('is broken by a point exactly on the mean', () => {
    const tailValues = [5, 12, 14, 12, 14, 12, 14, 10, 14, 12, 14, 12, 14, 12];
    expect(afterBaseline(tailValues).tail.map((p) => p.rule)).toEqual(Array(14).fill(null));
    expect(afterBaseline(tailValues, { shiftLength: 6 }).tail.map((p) => p.rule)).toEqual([
      null,
      ...Array(6).fill('shift'),
      null,
      ...Array(6).fill('shift'),
    ]);
  });

  it('flags a low shift', () => {
    const { tail } = afterBaseline([8, 6, 8, 6, 8, 6, 8]);
    expect(tail.every((p) => p.rule === 'shift' && p.side === 'low')).toBe(true);
  });

  it('lets an earlier rule label a point that is also in a shift', () => {
    const { tail } = afterBaseline([12, 14, 64, 14, 12, 14, 12]);
    expect(tail.map((p) => p.rule)).toEqual(['shift', 'shift', 'outside', 'shift', 'shift', 'shift', 'shift']);
  });
});

describe('analyseSpc point types and variation', () => {
  const highShift = [12, 14, 12, 14, 12, 14, 12];
  const lowShift = [8, 6, 8, 6, 8, 6, 8];

  it.each([
    ['up', highShift, 'special_cause_improvement', 'improvement_high'],
    ['up', lowShift, 'special_cause_concern', 'concern_low'],
    ['down', highShift, 'special_cause_concern', 'concern_high'],
    ['down', lowShift, 'special_cause_improvement', 'improvement_low'],
    ['neither', highShift, 'special_cause_neither', 'neither_high'],
    ['neither', lowShift, 'special_cause_neither', 'neither_low'],
  ] as const)('direction %s: %p → %s, variation %s', (direction, tailValues, pointType, variation) => {
    const { result, tail } = afterBaseline([...tailValues], { improvementDirection: direction });
    expect(tail.every((p) => p.pointType === pointType)).toBe(true);
    expect(result.variation).toBe(variation);
  });

  it('reports common cause variation when the latest point is common cause', () => {
    const { result } = afterBaseline([...highShift, 5]);
    expect(result.points[result.points.length - 2].pointType).toBe('special_cause_improvement');
    expect(result.variation).toBe('common_cause');
  });
});

describe('analyseSpc assurance', () => {
  // Limits are -43.2 .. 63.2.
  const assurance = (improvementDirection: ImprovementDirection, target: number | null | undefined) =>
    afterBaseline([10], { improvementDirection, target }).result.assurance;

  it.each([
    ['up', 70, 'fail'],
    ['up', -50, 'pass'],
    ['up', 30, 'inconsistent'],
    ['up', UPPER, 'inconsistent'],
    ['down', 70, 'pass'],
    ['down', -50, 'fail'],
    ['down', 0, 'inconsistent'],
    ['down', LOWER, 'inconsistent'],
  ] as const)('direction %s, target %p → %s', (direction, target, expected) => {
    expect(assurance(direction, target)).toBe(expected);
  });

  it('is null without a target or for direction neither', () => {
    expect(assurance('up', null)).toBeNull();
    expect(assurance('down', undefined)).toBeNull();
    expect(assurance('neither', 70)).toBeNull();
  });

  it('treats a target of 0 as a target', () => {
    expect(analyseSpc(series([5, 6, 5, 6]), { improvementDirection: 'up', target: 0 }).assurance).toBe('pass');
  });
});

describe('analyseSpc rule order on a whole series', () => {
  it('labels each point by the first rule that holds', () => {
    const { result } = afterBaseline([50, 30, 50, 70, 10]);
    expect(rulesOf(result).slice(12)).toEqual(['two_of_three', null, 'two_of_three', 'outside', null]);
  });
});
