// Calendar dates as plain 'YYYY-MM-DD' strings. Arithmetic runs in UTC on those strings, so a date never
// shifts with the server's own time zone; only `todayIn` looks at a clock and a time zone.

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

// Building an Intl.DateTimeFormat costs far more than using one, and "today" is asked on every write.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Gregorian calendar and Latin digits whatever the host's ICU default, so the parts parse as numbers.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date at instant `now` in an IANA time zone, e.g. todayIn('Europe/London'). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** Whether the runtime knows `timeZone` (an IANA name such as 'Europe/London'). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Milliseconds at UTC midnight of the date, or null when it is not a real calendar date. setUTCFullYear
// rather than Date.UTC, which would read years 0-99 as 1900-1999.
function parse(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // There is no year 0000 (1 BC precedes AD 1): PostgreSQL refuses it, so it is no date here either.
  if (year < 1) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  // Date rolls 2023-02-29 over to 2023-03-01; a real date survives the round trip unchanged.
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d.getTime() : null;
}

function toTime(date: string): number {
  const time = parse(date);
  if (time === null) throw new RangeError(`Invalid date "${date}": expected a real calendar date as YYYY-MM-DD`);
  return time;
}

function fromTime(time: number): string {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  // Four-digit years only, so every date string sorts as text in calendar order.
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range: year ${year} is outside 0000-9999`);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Strict 'YYYY-MM-DD' naming a real calendar date ('2023-02-29' is not one). */
export function isValidDate(value: unknown): value is string {
  return typeof value === 'string' && parse(value) !== null;
}

/** Strict 'YYYY-MM' with a month 01-12. */
export function isValidMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Invalid day count ${days}: expected an integer`);
  return fromTime(toTime(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  // UTC midnights have no DST, so the difference is an exact multiple of a day.
  return (toTime(to) - toTime(from)) / DAY_MS;
}

/** Sort order of two dates: negative, 0 or positive. Valid dates compare correctly as text. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO day of the week: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(toTime(date)).getUTCDay() || 7;
}
