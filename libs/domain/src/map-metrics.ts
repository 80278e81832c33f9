// Figures of a value-stream map (SPEC §3) and the figure-by-figure change from one map to another.
// Raw doubles throughout: rounding is for display, and rounding here would make comparisons drift.
import type { StepClassification } from './vocab';

export interface MapStepInput {
  cycleTimeMinutes: number;
  /** The delay before the step. */
  waitTimeMinutes: number;
  classification: StepClassification;
  /** 0-100; a step without one counts as 100 (the stored default). */
  percentCompleteAccurate?: number | null;
}

export interface ValueStreamRates {
  demandPerDay?: number | null;
  availableMinutesPerDay?: number | null;
}

export interface MapMetrics {
  leadTimeMinutes: number;
  valueAddedMinutes: number;
  nonValueAddedMinutes: number;
  /** Value-added share of lead time, 0-1; null when lead time is 0. */
  processCycleEfficiency: number | null;
  /** Percent (0-100) of work that passes every step without rework. */
  rolledPercentCompleteAccurate: number;
  taktTimeMinutes: number | null;
  stepCount: number;
}

/** Every figure of MapMetrics, in the order a comparison lists them. */
export const MAP_FIGURES = [
  'leadTimeMinutes',
  'valueAddedMinutes',
  'nonValueAddedMinutes',
  'processCycleEfficiency',
  'rolledPercentCompleteAccurate',
  'taktTimeMinutes',
  'stepCount',
] as const satisfies readonly (keyof MapMetrics)[];
export type MapFigure = (typeof MAP_FIGURES)[number];

export interface FigureChange {
  /** B − A; null when either is null. */
  absolute: number | null;
  /** 100 × (B − A) / A; null when A is 0 or either is null. */
  percent: number | null;
}

export interface MapComparison {
  from: MapMetrics;
  to: MapMetrics;
  change: Record<MapFigure, FigureChange>;
}

export function computeMapMetrics(steps: readonly MapStepInput[], valueStream: ValueStreamRates): MapMetrics {
  let leadTimeMinutes = 0;
  let valueAddedMinutes = 0;
  // Π over no steps is 1, so an empty map reads 100 %C&A; stored maps always hold at least one step.
  let rolledFraction = 1;
  for (const step of steps) {
    leadTimeMinutes += step.waitTimeMinutes + step.cycleTimeMinutes;
    if (step.classification === 'value_added') valueAddedMinutes += step.cycleTimeMinutes;
    rolledFraction *= (step.percentCompleteAccurate ?? 100) / 100;
  }
  return {
    leadTimeMinutes,
    valueAddedMinutes,
    nonValueAddedMinutes: leadTimeMinutes - valueAddedMinutes,
    processCycleEfficiency: leadTimeMinutes === 0 ? null : valueAddedMinutes / leadTimeMinutes,
    rolledPercentCompleteAccurate: 100 * rolledFraction,
    taktTimeMinutes: taktTime(valueStream),
    stepCount: steps.length,
  };
}

function taktTime({ demandPerDay, availableMinutesPerDay }: ValueStreamRates): number | null {
  if (demandPerDay == null || availableMinutesPerDay == null) return null;
  // Validation keeps demand above 0; should a 0 slip through, "no takt" beats Infinity (JSON has no Infinity).
  if (demandPerDay <= 0) return null;
  return availableMinutesPerDay / demandPerDay;
}

/** How each figure moved from map A (`from`) to map B (`to`), e.g. current state to future state. */
export function compareMapMetrics(from: MapMetrics, to: MapMetrics): MapComparison {
  const change = {} as Record<MapFigure, FigureChange>;
  for (const figure of MAP_FIGURES) change[figure] = figureChange(from[figure], to[figure]);
  return { from, to, change };
}

function figureChange(a: number | null, b: number | null): FigureChange {
  if (a === null || b === null) return { absolute: null, percent: null };
  return { absolute: b - a, percent: a === 0 ? null : (100 * (b - a)) / a };
}
