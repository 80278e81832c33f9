// Rollup period arithmetic on 'YYYY-MM-DD' strings: which bucket a date falls in and which buckets a range
// covers. Days, ISO weeks (Monday first) and calendar months, as SPEC §3 defines the dashboard series.
import { addDays, daysBetween, isoWeekday, isValidDate, isValidMonth } from './dates';
import type { Granularity } from './vocab';

/** Largest series `periodsInRange` builds unless told otherwise: about 13 years of days. */
export const DEFAULT_MAX_PERIODS = 5000;

function assertDate(date: string): void {
  if (!isValidDate(date)) throw new RangeError(`Invalid date "${date}": expected a real calendar date as YYYY-MM-DD`);
}

function assertMonth(month: string): void {
  if (!isValidMonth(month)) throw new RangeError(`Invalid month "${month}": expected YYYY-MM`);
}

// Granularities often arrive from query strings; an unknown one must fail loudly, not yield undefined.
function unknownGranularity(granularity: never): never {
  throw new RangeError(`Invalid granularity "${String(granularity)}": expected day, week or month`);
}

/** The first day of the period holding `date`: the date itself, its ISO week's Monday, or the 1st. */
export function periodStart(date: string, granularity: Granularity): string {
  assertDate(date);
  switch (granularity) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, 1 - isoWeekday(date));
    case 'month':
      return `${monthOf(date)}-01`;
    default:
      return unknownGranularity(granularity);
  }
}

/** The last day of the period holding `date`. */
export function periodEnd(date: string, granularity: Granularity): string {
  switch (granularity) {
    case 'day':
      return periodStart(date, 'day');
    case 'week':
      return addDays(periodStart(date, 'week'), 6);
    case 'month':
      return monthRange(monthOf(date)).to;
    default:
      return unknownGranularity(granularity);
  }
}

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  if (year < 0 || year > 9999) throw new RangeError(`Month out of range: year ${year} is outside 0000-9999`);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// How many periods [from, to] touches, counted without building them so a huge range fails cheaply.
function periodCount(from: string, to: string, granularity: Granularity): number {
  switch (granularity) {
    case 'day':
      return daysBetween(from, to) + 1;
    case 'week':
      return daysBetween(periodStart(from, 'week'), periodStart(to, 'week')) / 7 + 1;
    case 'month':
      return monthIndex(to) - monthIndex(from) + 1;
    default:
      return unknownGranularity(granularity);
  }
}

/**
 * The start of every period that overlaps [from, to] (inclusive), in order. The first may begin before
 * `from` (a week or month already under way). Throws RangeError for an inverted range or one of more than
 * `maxPeriods` periods, which protects the dashboards from a request for a century of days.
 */
export function periodsInRange(
  from: string,
  to: string,
  granularity: Granularity,
  maxPeriods = DEFAULT_MAX_PERIODS,
): string[] {
  assertDate(from);
  assertDate(to);
  if (from > to) throw new RangeError(`Invalid range: from ${from} is after to ${to}`);
  const count = periodCount(from, to, granularity);
  if (count > maxPeriods) {
    throw new RangeError(`Range ${from}..${to} holds ${count} ${granularity} periods; at most ${maxPeriods} allowed`);
  }
  const first = periodStart(from, granularity);
  return Array.from({ length: count }, (_, i) => {
    if (granularity === 'month') return `${monthFromIndex(monthIndex(first) + i)}-01`;
    return addDays(first, granularity === 'week' ? 7 * i : i);
  });
}

/** The 'YYYY-MM' month of a date. */
export function monthOf(date: string): string {
  assertDate(date);
  return date.slice(0, 7);
}

/** The month before, e.g. '2024-01' → '2023-12'. */
export function previousMonth(month: string): string {
  assertMonth(month);
  return monthFromIndex(monthIndex(month) - 1);
}

/** The month after, e.g. '2023-12' → '2024-01'. */
export function nextMonth(month: string): string {
  assertMonth(month);
  return monthFromIndex(monthIndex(month) + 1);
}

/** First and last day of a month; February follows the leap-year rule. */
export function monthRange(month: string): { from: string; to: string } {
  assertMonth(month);
  const from = `${month}-01`;
  // The day before the next month's first day; the year-9999 December has no next month to step back from.
  const to = month.endsWith('-12') ? `${month}-31` : addDays(`${nextMonth(month)}-01`, -1);
  return { from, to };
}

/**
 * Year to date for a board pack of `month`: from the start of the year holding the month to the month's
 * last day. The default is the calendar year (January), the plain reading of "year to date" in SPEC §4 and
 * the same year the dashboards' date ranges use. NHS financial years start in April: pass
 * `firstMonthOfYear = 4` for financial year to date (then February 2024 counts from 2023-04-01).
 */
export function yearToDate(month: string, firstMonthOfYear = 1): { from: string; to: string } {
  assertMonth(month);
  if (!Number.isInteger(firstMonthOfYear) || firstMonthOfYear < 1 || firstMonthOfYear > 12) {
    throw new RangeError(`Invalid firstMonthOfYear ${firstMonthOfYear}: expected an integer 1-12`);
  }
  const index = monthIndex(month);
  // Step back to the latest month numbered firstMonthOfYear at or before `month`.
  const startIndex = index - ((index - (firstMonthOfYear - 1) + 12) % 12);
  return { from: `${monthFromIndex(startIndex)}-01`, to: monthRange(month).to };
}
