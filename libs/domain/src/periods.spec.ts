import fc from 'fast-check';
import { addDays, daysBetween, isoWeekday } from './dates';
import {
  DEFAULT_MAX_PERIODS,
  monthOf,
  monthRange,
  nextMonth,
  periodEnd,
  periodsInRange,
  periodStart,
  previousMonth,
  yearToDate,
} from './periods';
import { GRANULARITIES, type Granularity } from './vocab';

describe('periodStart', () => {
  it('keeps a day as it is', () => expect(periodStart('2024-02-29', 'day')).toBe('2024-02-29'));

  it('finds the ISO Monday of the week', () => {
    expect(periodStart('2024-01-01', 'week')).toBe('2024-01-01'); // a Monday is its own start
    expect(periodStart('2024-02-29', 'week')).toBe('2024-02-26'); // Thursday − 3 days
    // 2021-01-03 is a Sunday: ISO week 53 of 2020, which began on Monday 2020-12-28.
    expect(periodStart('2021-01-03', 'week')).toBe('2020-12-28');
    expect(periodStart('2021-01-04', 'week')).toBe('2021-01-04');
    expect(periodStart('2025-01-01', 'week')).toBe('2024-12-30'); // Wednesday − 2 days
  });

  it('finds the first of the month', () => {
    expect(periodStart('2024-02-29', 'month')).toBe('2024-02-01');
    expect(periodStart('2024-12-31', 'month')).toBe('2024-12-01');
  });

  it('refuses an invalid date or granularity', () => {
    expect(() => periodStart('2023-02-29', 'day')).toThrow('Invalid date "2023-02-29"');
    expect(() => periodStart('2024-01-01', 'year' as Granularity)).toThrow('Invalid granularity "year"');
  });
});

describe('periodEnd', () => {
  it('finds the last day of the period', () => {
    expect(periodEnd('2024-02-10', 'day')).toBe('2024-02-10');
    expect(periodEnd('2020-12-31', 'week')).toBe('2021-01-03'); // Monday 2020-12-28 + 6
    expect(periodEnd('2024-02-10', 'month')).toBe('2024-02-29');
    expect(periodEnd('2023-02-10', 'month')).toBe('2023-02-28');
  });
});

describe('periodsInRange', () => {
  it('lists every day, leap day included', () => {
    expect(periodsInRange('2024-02-27', '2024-03-01', 'day')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(periodsInRange('2023-02-27', '2023-03-01', 'day')).toEqual(['2023-02-27', '2023-02-28', '2023-03-01']);
  });

  it('lists ISO weeks across the year end, the first starting before `from`', () => {
    // 2020-12-30 (Wed) is in the week of 2020-12-28; 2021-01-12 (Tue) in the week of 2021-01-11.
    expect(periodsInRange('2020-12-30', '2021-01-12', 'week')).toEqual(['2020-12-28', '2021-01-04', '2021-01-11']);
  });

  it('lists a week once when the range sits inside it', () => {
    expect(periodsInRange('2024-02-27', '2024-02-29', 'week')).toEqual(['2024-02-26']);
  });

  it('lists months across the year end', () => {
    expect(periodsInRange('2023-11-15', '2024-02-10', 'month')).toEqual([
      '2023-11-01',
      '2023-12-01',
      '2024-01-01',
      '2024-02-01',
    ]);
  });

  it('answers one period for a one-day range', () => {
    expect(periodsInRange('2024-05-05', '2024-05-05', 'day')).toEqual(['2024-05-05']);
    expect(periodsInRange('2024-05-05', '2024-05-05', 'week')).toEqual(['2024-04-29']);
    expect(periodsInRange('2024-05-05', '2024-05-05', 'month')).toEqual(['2024-05-01']);
  });

  it('refuses an inverted range', () => {
    expect(() => periodsInRange('2024-05-06', '2024-05-05', 'day')).toThrow('from 2024-05-06 is after to 2024-05-05');
  });

  it('refuses invalid dates', () => {
    expect(() => periodsInRange('2024-02-30', '2024-03-05', 'day')).toThrow(RangeError);
    expect(() => periodsInRange('2024-02-01', '2024-3-05', 'day')).toThrow(RangeError);
  });

  it(`allows ${DEFAULT_MAX_PERIODS} periods by default and refuses one more`, () => {
    const from = '2024-01-01';
    expect(periodsInRange(from, addDays(from, DEFAULT_MAX_PERIODS - 1), 'day')).toHaveLength(DEFAULT_MAX_PERIODS);
    expect(() => periodsInRange(from, addDays(from, DEFAULT_MAX_PERIODS), 'day')).toThrow(
      `holds ${DEFAULT_MAX_PERIODS + 1} day periods; at most ${DEFAULT_MAX_PERIODS} allowed`,
    );
  });

  it('refuses a huge range without building it', () => {
    // 0001-01-01..9999-12-31 is about 3.65 million days
    expect(() => periodsInRange('0001-01-01', '9999-12-31', 'day')).toThrow(RangeError);
  });

  it('takes a custom limit', () => {
    // 2024-01-01..2024-03-31 touches three months; weeks 2024-01-01..2024-03-25 are 13
    expect(periodsInRange('2024-01-01', '2024-03-31', 'month', 3)).toHaveLength(3);
    expect(() => periodsInRange('2024-01-01', '2024-03-31', 'week', 12)).toThrow('holds 13 week periods');
  });

  it('lists contiguous period starts covering the range (property)', () => {
    const dayIndex = fc.integer({ min: 0, max: 3_000 });
    fc.assert(
      fc.property(dayIndex, fc.integer({ min: 0, max: 800 }), fc.constantFrom(...GRANULARITIES), (a, len, g) => {
        const from = addDays('2019-06-01', a);
        const to = addDays(from, len);
        const starts = periodsInRange(from, to, g);
        expect(starts[0]).toBe(periodStart(from, g));
        expect(starts[starts.length - 1]).toBe(periodStart(to, g));
        starts.forEach((start, i) => {
          expect(periodStart(start, g)).toBe(start);
          if (i > 0) expect(starts[i - 1] < start && addDays(periodEnd(starts[i - 1], g), 1) === start).toBe(true);
        });
      }),
    );
  });
});

describe('periodStart (properties)', () => {
  it('a week starts on the Monday at most six days before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (n) => {
        const date = addDays('1900-01-01', n);
        const start = periodStart(date, 'week');
        expect(isoWeekday(start)).toBe(1);
        expect(daysBetween(start, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(start, date)).toBeLessThanOrEqual(6);
      }),
    );
  });
});

describe('months', () => {
  it('monthOf takes the month of a date', () => {
    expect(monthOf('2024-02-29')).toBe('2024-02');
    expect(() => monthOf('2024-02')).toThrow(RangeError);
  });

  it('previousMonth and nextMonth step across the year end', () => {
    expect(previousMonth('2024-01')).toBe('2023-12');
    expect(previousMonth('2024-03')).toBe('2024-02');
    expect(nextMonth('2023-12')).toBe('2024-01');
    expect(nextMonth('2024-09')).toBe('2024-10');
    expect(() => previousMonth('2024-13')).toThrow('Invalid month "2024-13"');
  });

  it.each([
    ['2024-02', '2024-02-29'], // 2024 divisible by 4: leap year
    ['2023-02', '2023-02-28'],
    ['2000-02', '2000-02-29'], // divisible by 400: leap year
    ['1900-02', '1900-02-28'], // divisible by 100 only: not a leap year
    ['2024-04', '2024-04-30'],
    ['2024-12', '2024-12-31'],
    ['9999-12', '9999-12-31'],
  ])('monthRange(%s) ends on %s', (month, to) => {
    expect(monthRange(month)).toEqual({ from: `${month}-01`, to });
  });
});

describe('yearToDate', () => {
  it('runs from January 1 of the calendar year to the month end by default', () => {
    expect(yearToDate('2024-02')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(yearToDate('2024-01')).toEqual({ from: '2024-01-01', to: '2024-01-31' });
    expect(yearToDate('2023-12')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
  });

  it('runs from April 1 for the NHS financial year', () => {
    // February 2024 is in financial year 2023/24, which began 2023-04-01.
    expect(yearToDate('2024-02', 4)).toEqual({ from: '2023-04-01', to: '2024-02-29' });
    expect(yearToDate('2024-03', 4)).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(yearToDate('2024-04', 4)).toEqual({ from: '2024-04-01', to: '2024-04-30' });
    expect(yearToDate('2024-05', 4)).toEqual({ from: '2024-04-01', to: '2024-05-31' });
  });

  it('refuses an invalid month or year start', () => {
    expect(() => yearToDate('2024-1')).toThrow(RangeError);
    expect(() => yearToDate('2024-01', 13)).toThrow('Invalid firstMonthOfYear 13');
  });
});
