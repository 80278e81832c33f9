// XmR statistical process control (SPEC §3): Making Data Count rules, NHSRplotthedots as the reference behaviour.
//
// Decisions where SPEC §3 is silent or loose (checked against NHSRplotthedots 0.2.x source and
// test/fixtures/spc/spc-examples.json):
// - Input is sorted by periodStart on a copy (ISO dates sort as strings). Ties keep input order and
//   add a warning: SPEC allows one value per period, so a tie means the caller sent bad data.
// - Caller mistakes throw RangeError naming the field: a non-finite value or target, trendLength or
//   shiftLength not an integer 5–10, baselinePoints not an integer ≥ 1, an unknown direction.
// - baselinePoints null/undefined → every point is baseline. Larger than the series → the whole
//   series. Below 12 → allowed with a warning: SPEC's "12 at least" is advice (MDC trial limits).
// - Screening keeps moving ranges < 3.267 × MR̄ (drops ≥, as SPEC and the reference). If nothing is
//   left, or there was no moving range (one baseline point), MR̄ is 0 and the limits equal the mean;
//   every point off the mean then lies outside them.
// - The near-limit band is strictly beyond mean ± (2/3 × 2.66) × MR̄ and on or inside the limits:
//   a point exactly on a limit is inside (rule 1) so it counts for two-of-three (reference does so).
// - trend: trendLength points, i.e. trendLength − 1 strict rises (or falls) in a row, as the
//   reference's "7 point trend" (7 points, 6 steps).
// - Sides: outside, two-of-three and shift take the side of the mean; trend takes its direction,
//   so a rising trend below the mean is high. A turning point that ends one trend and starts the
//   opposite one takes the later trend's side (the reference "uses the right side").
// - Fewer than 13 points → still analysed, with a warning (the reference warns below 13 too).
// - SPEC wins where the reference differs: on a flat baseline the reference screens out every range
//   (0 < 3.267 × 0 is false) and its limits become NaN; here they equal the mean, as SPEC says.

export type ImprovementDirection = 'up' | 'down' | 'neither';
export type PointType =
  'common_cause' | 'special_cause_improvement' | 'special_cause_concern' | 'special_cause_neither';
export type Variation =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neither_high'
  | 'neither_low';
export type Assurance = 'pass' | 'fail' | 'inconsistent';
export type SpcRule = 'outside' | 'trend' | 'two_of_three' | 'shift';
type Side = 'high' | 'low';

export interface SpcInputPoint {
  periodStart: string;
  value: number;
}

export interface SpcOptions {
  improvementDirection: ImprovementDirection;
  target?: number | null;
  baselinePoints?: number | null;
  trendLength?: number;
  shiftLength?: number;
}

export interface SpcPoint {
  periodStart: string;
  value: number;
  mean: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  pointType: PointType;
  rule: SpcRule | null;
  side: Side | null;
}

export interface SpcResult {
  points: SpcPoint[];
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  variation: Variation | null;
  assurance: Assurance | null;
  warnings: string[];
}

/** Bounds of a measure's trendLength and shiftLength (SPEC §2), for DTOs to share. */
export const SPC_RUN_LENGTH = { min: 5, max: 10, default: 7 } as const;

const LIMIT_SIGMAS = 2.66; // 3σ expressed in moving-range units (3 / d2, d2 = 1.128)
const NEAR_LIMIT_SIGMAS = 2 * (LIMIT_SIGMAS / 3); // 2σ; same expression as the reference, same rounding
const MOVING_RANGE_SCREEN = 3.267; // upper limit of the moving-range chart (D4 × MR̄)
const MIN_POINTS_WITHOUT_WARNING = 13;
const MIN_BASELINE_WITHOUT_WARNING = 12;
const DIRECTIONS: readonly ImprovementDirection[] = ['up', 'down', 'neither'];

interface Limits {
  mean: number;
  upper: number;
  lower: number;
  nearUpper: number;
  nearLower: number;
}

export function analyseSpc(points: SpcInputPoint[], options: SpcOptions): SpcResult {
  const { trendLength, shiftLength, baselinePoints } = validateOptions(options);
  points.forEach((point) => requireFinite(point.value, `value of ${point.periodStart}`));
  if (points.length === 0) {
    return {
      points: [],
      mean: null,
      upperProcessLimit: null,
      lowerProcessLimit: null,
      variation: null,
      assurance: null,
      warnings: ['no points: SPC needs at least one value to analyse'],
    };
  }

  const sorted = [...points].sort((a, b) => compareStrings(a.periodStart, b.periodStart));
  const values = sorted.map((point) => point.value);
  const baselineCount = Math.min(baselinePoints ?? values.length, values.length);
  const limits = computeLimits(values.slice(0, baselineCount));

  // Rule order is SPEC §3's: the first rule that flags a point labels it.
  const rules: Array<[SpcRule, Array<Side | null>]> = [
    ['outside', outsideSides(values, limits)],
    ['trend', trendSides(values, trendLength)],
    ['two_of_three', twoOfThreeSides(values, limits)],
    ['shift', shiftSides(values, limits.mean, shiftLength)],
  ];

  const analysed = sorted.map((point, i): SpcPoint => {
    const hit = rules.find(([, sides]) => sides[i] !== null);
    const side = hit ? hit[1][i] : null;
    return {
      periodStart: point.periodStart,
      value: point.value,
      mean: limits.mean,
      upperProcessLimit: limits.upper,
      lowerProcessLimit: limits.lower,
      pointType: pointTypeOf(side, options.improvementDirection),
      rule: hit ? hit[0] : null,
      side,
    };
  });

  return {
    points: analysed,
    mean: limits.mean,
    upperProcessLimit: limits.upper,
    lowerProcessLimit: limits.lower,
    variation: variationOf(analysed[analysed.length - 1]),
    assurance: assuranceOf(options.target, options.improvementDirection, limits),
    warnings: warningsFor(sorted, baselinePoints),
  };
}

function validateOptions(options: SpcOptions): {
  trendLength: number;
  shiftLength: number;
  baselinePoints: number | null;
} {
  if (!DIRECTIONS.includes(options.improvementDirection)) {
    throw new RangeError(`improvementDirection must be one of ${DIRECTIONS.join(', ')}`);
  }
  if (options.target !== null && options.target !== undefined) requireFinite(options.target, 'target');
  const baselinePoints = options.baselinePoints ?? null;
  if (baselinePoints !== null && !(Number.isInteger(baselinePoints) && baselinePoints >= 1)) {
    throw new RangeError(`baselinePoints must be an integer of at least 1 (got ${baselinePoints})`);
  }
  return {
    trendLength: runLength(options.trendLength, 'trendLength'),
    shiftLength: runLength(options.shiftLength, 'shiftLength'),
    baselinePoints,
  };
}

function runLength(value: number | undefined, field: string): number {
  if (value === undefined) return SPC_RUN_LENGTH.default;
  if (!Number.isInteger(value) || value < SPC_RUN_LENGTH.min || value > SPC_RUN_LENGTH.max) {
    throw new RangeError(
      `${field} must be an integer from ${SPC_RUN_LENGTH.min} to ${SPC_RUN_LENGTH.max} (got ${value})`,
    );
  }
  return value;
}

function requireFinite(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${field} must be a finite number (got ${value})`);
  }
}

// Code-unit order, not localeCompare: ISO dates must sort the same on every server locale.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function average(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** MR̄ after dropping, once, the moving ranges so large they are special causes themselves. */
function screenedAverageMovingRange(baseline: number[]): number {
  const ranges = baseline.slice(1).map((value, i) => Math.abs(value - baseline[i]));
  const threshold = MOVING_RANGE_SCREEN * average(ranges);
  return average(ranges.filter((range) => range < threshold));
}

function computeLimits(baseline: number[]): Limits {
  const mean = average(baseline);
  const mr = screenedAverageMovingRange(baseline);
  return {
    mean,
    upper: mean + LIMIT_SIGMAS * mr,
    lower: mean - LIMIT_SIGMAS * mr,
    nearUpper: mean + NEAR_LIMIT_SIGMAS * mr,
    nearLower: mean - NEAR_LIMIT_SIGMAS * mr,
  };
}

function sideOf(value: number, reference: number): Side | null {
  return value > reference ? 'high' : value < reference ? 'low' : null;
}

function outsideSides(values: number[], limits: Limits): Array<Side | null> {
  return values.map((v) => (v > limits.upper ? 'high' : v < limits.lower ? 'low' : null));
}

/** Maximal runs of one non-null side that are at least minLength long. */
function longRuns(keys: Array<Side | null>, minLength: number): Array<{ start: number; end: number; side: Side }> {
  const runs: Array<{ start: number; end: number; side: Side }> = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i] === keys[start]) continue;
    const side = keys[start];
    if (side !== null && i - start >= minLength) runs.push({ start, end: i - 1, side });
    start = i;
  }
  return runs;
}

function trendSides(values: number[], trendLength: number): Array<Side | null> {
  const sides: Array<Side | null> = values.map(() => null);
  // steps[j] is the move from point j to point j + 1; an equal neighbour is null and breaks the run.
  const steps = values.slice(1).map((value, j) => sideOf(value, values[j]));
  // Runs go in time order, so a turning point shared by two trends keeps the later one's side.
  for (const run of longRuns(steps, trendLength - 1)) {
    for (let i = run.start; i <= run.end + 1; i++) sides[i] = run.side;
  }
  return sides;
}

function twoOfThreeSides(values: number[], limits: Limits): Array<Side | null> {
  const sides: Array<Side | null> = values.map(() => null);
  const ofMean = values.map((v) => sideOf(v, limits.mean));
  const inBand = values.map((v): Side | null =>
    v > limits.nearUpper && v <= limits.upper ? 'high' : v < limits.nearLower && v >= limits.lower ? 'low' : null,
  );
  for (let i = 0; i + 2 < values.length; i++) {
    const side = ofMean[i];
    if (side === null || ofMean[i + 1] !== side || ofMean[i + 2] !== side) continue;
    const banded = [i, i + 1, i + 2].filter((k) => inBand[k] === side);
    // Only the band points are flagged; the third point of the window is ordinary.
    if (banded.length >= 2) banded.forEach((k) => (sides[k] = side));
  }
  return sides;
}

function shiftSides(values: number[], mean: number, shiftLength: number): Array<Side | null> {
  const sides: Array<Side | null> = values.map(() => null);
  // A point exactly on the mean has no side, so it ends the run.
  const ofMean = values.map((v) => sideOf(v, mean));
  for (const run of longRuns(ofMean, shiftLength)) {
    for (let i = run.start; i <= run.end; i++) sides[i] = run.side;
  }
  return sides;
}

function pointTypeOf(side: Side | null, direction: ImprovementDirection): PointType {
  if (side === null) return 'common_cause';
  if (direction === 'neither') return 'special_cause_neither';
  const improving = (direction === 'up') === (side === 'high');
  return improving ? 'special_cause_improvement' : 'special_cause_concern';
}

function variationOf(latest: SpcPoint): Variation {
  if (latest.pointType === 'common_cause' || latest.side === null) return 'common_cause';
  const kind = {
    special_cause_improvement: 'improvement',
    special_cause_concern: 'concern',
    special_cause_neither: 'neither',
  } as const;
  return `${kind[latest.pointType]}_${latest.side}`;
}

/** Whether the process, as it runs, can be relied on to meet the target (MDC assurance icons). */
function assuranceOf(
  target: number | null | undefined,
  direction: ImprovementDirection,
  limits: Limits,
): Assurance | null {
  if (target === null || target === undefined || direction === 'neither') return null;
  if (target > limits.upper) return direction === 'up' ? 'fail' : 'pass';
  if (target < limits.lower) return direction === 'up' ? 'pass' : 'fail';
  return 'inconsistent'; // on or between the limits: the process hits and misses
}

function warningsFor(sorted: SpcInputPoint[], baselinePoints: number | null): string[] {
  const warnings: string[] = [];
  if (sorted.length < MIN_POINTS_WITHOUT_WARNING) {
    warnings.push(
      `only ${sorted.length} points: SPC needs at least ${MIN_POINTS_WITHOUT_WARNING} for dependable limits and rules`,
    );
  }
  if (baselinePoints !== null && baselinePoints < MIN_BASELINE_WITHOUT_WARNING) {
    warnings.push(
      `baselinePoints is ${baselinePoints}: limits from fewer than ${MIN_BASELINE_WITHOUT_WARNING} points are unreliable`,
    );
  }
  const duplicated = sorted.filter((p, i) => i > 0 && p.periodStart === sorted[i - 1].periodStart);
  for (const period of new Set(duplicated.map((p) => p.periodStart))) {
    warnings.push(`periodStart ${period} appears more than once: SPC expects one value per period`);
  }
  return warnings;
}
