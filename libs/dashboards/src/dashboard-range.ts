// Pure rules of a dashboard request: the default range, its limits, and a series with every period.
import {
  addDays,
  daysBetween,
  type Granularity,
  isValidDate,
  periodsInRange,
  WASTE_TYPES,
  type WasteType,
} from '@app/domain';

/** Most periods one series may hold (about 2.7 years of days). */
export const MAX_SERIES_PERIODS = 1000;
/** Longest range a dashboard answers, whatever the granularity. */
export const MAX_RANGE_DAYS = 3660;

export interface DashboardRange {
  from: string;
  to: string;
  granularity: Granularity;
}

export interface Figures {
  wasteRecords: number;
  occurrences: number;
  minutesLost: number;
  minutesEliminated: number;
  eventsCompleted: number;
  eventsSustained: number;
  ideas: number;
}

export interface WasteTypeFigures {
  wasteType: WasteType;
  wasteRecords: number;
  occurrences: number;
  minutesLost: number;
  minutesEliminated: number;
}

export type SeriesPoint = Figures & { periodStart: string };

export class DashboardRangeError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** The same calendar date one year earlier; 29 February becomes 28 February. */
export function oneYearBefore(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return isValidDate(candidate) ? candidate : addDays(`${year}${date.slice(4, 8)}01`, 27);
}

/**
 * The range a request asks for. `to` defaults to today (platform time zone); `from` to the same date
 * one year before `to`; granularity to week. Dates are validated by the DTO; this checks the range.
 */
export function resolveRange(
  query: { from?: string; to?: string; granularity?: Granularity },
  today: string,
): DashboardRange {
  const to = query.to ?? today;
  const from = query.from ?? oneYearBefore(to);
  const granularity = query.granularity ?? 'week';
  if (from > to) throw new DashboardRangeError([`from must be on or before to (from ${from}, to ${to})`]);
  const days = daysBetween(from, to) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new DashboardRangeError([`to must be at most ${MAX_RANGE_DAYS} days after from (the range holds ${days})`]);
  }
  const periods = periodsInRange(from, to, granularity, Number.MAX_SAFE_INTEGER).length;
  if (periods > MAX_SERIES_PERIODS) {
    throw new DashboardRangeError([
      `granularity ${granularity} gives ${periods} periods from ${from} to ${to}; at most ${MAX_SERIES_PERIODS} (choose week or month, or a shorter range)`,
    ]);
  }
  return { from, to, granularity };
}

export function zeroFigures(): Figures {
  return {
    wasteRecords: 0,
    occurrences: 0,
    minutesLost: 0,
    minutesEliminated: 0,
    eventsCompleted: 0,
    eventsSustained: 0,
    ideas: 0,
  };
}

/** Every period overlapping the range, in order, with the figures found or zeros. */
export function fillSeries(
  range: DashboardRange,
  found: ReadonlyMap<string, Figures>,
  granularity: Granularity = range.granularity,
): SeriesPoint[] {
  return periodsInRange(range.from, range.to, granularity, Number.MAX_SAFE_INTEGER).map((periodStart) => ({
    periodStart,
    ...(found.get(periodStart) ?? zeroFigures()),
  }));
}

/** All eight wastes in their canonical order, zeros for the ones not found. */
export function fillWasteTypes(found: ReadonlyMap<string, Omit<WasteTypeFigures, 'wasteType'>>): WasteTypeFigures[] {
  return WASTE_TYPES.map((wasteType) => ({
    wasteType,
    ...(found.get(wasteType) ?? { wasteRecords: 0, occurrences: 0, minutesLost: 0, minutesEliminated: 0 }),
  }));
}
