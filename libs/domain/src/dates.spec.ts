import {
  addDays,
  compareDates,
  daysBetween,
  isoWeekday,
  isValidDate,
  isValidMonth,
  isValidTimeZone,
  todayIn,
} from './dates';

describe('todayIn', () => {
  it('reads the next day in London at 23:30 UTC in summer (BST is UTC+1)', () => {
    // 2024-07-15T23:30Z + 1h = 2024-07-16 00:30 BST
    expect(todayIn('Europe/London', new Date('2024-07-15T23:30:00Z'))).toBe('2024-07-16');
  });

  it('keeps the same day in London at 23:30 UTC in winter (GMT is UTC+0)', () => {
    expect(todayIn('Europe/London', new Date('2024-01-15T23:30:00Z'))).toBe('2024-01-15');
  });

  it('follows the clocks changing in London', () => {
    // Clocks go forward at 01:00 UTC on 2024-03-31: before it 23:30 UTC is still the same day in GMT.
    expect(todayIn('Europe/London', new Date('2024-03-30T23:30:00Z'))).toBe('2024-03-30');
    expect(todayIn('Europe/London', new Date('2024-03-31T23:30:00Z'))).toBe('2024-04-01');
    // Clocks go back at 01:00 UTC on 2024-10-27: 23:30 UTC on the 26th is 00:30 BST on the 27th.
    expect(todayIn('Europe/London', new Date('2024-10-26T23:30:00Z'))).toBe('2024-10-27');
    expect(todayIn('Europe/London', new Date('2024-10-27T23:30:00Z'))).toBe('2024-10-27');
  });

  it('crosses the year end ahead of UTC and behind it', () => {
    // Kiritimati is UTC+14: 2023-12-31T10:00Z is 2024-01-01 00:00 there.
    expect(todayIn('Pacific/Kiritimati', new Date('2023-12-31T10:00:00Z'))).toBe('2024-01-01');
    // New York is UTC-5 in winter: 2024-01-01T03:00Z is still 22:00 on 2023-12-31.
    expect(todayIn('America/New_York', new Date('2024-01-01T03:00:00Z'))).toBe('2023-12-31');
    expect(todayIn('UTC', new Date('2024-02-29T12:00:00Z'))).toBe('2024-02-29');
  });

  it('defaults to the current instant', () => {
    const before = todayIn('UTC', new Date());
    const today = todayIn('UTC');
    const after = todayIn('UTC', new Date());
    expect([before, after]).toContain(today);
    expect(isValidDate(today)).toBe(true);
  });

  it('rejects an unknown time zone', () => {
    expect(() => todayIn('Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('isValidDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '0001-01-01', '9999-12-31', '0099-06-15'])('accepts %s', (s) =>
    expect(isValidDate(s)).toBe(true),
  );

  it.each([
    '2023-02-29', // 2023 is not a leap year
    '1900-02-29', // divisible by 100 but not 400: not a leap year
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1-05',
    '24-01-05',
    '2024-01-05T00:00:00Z',
    ' 2024-01-05',
    '2024/01/05',
    '0000-01-01', // no year zero; PostgreSQL refuses it
    '',
  ])('refuses %j', (s) => expect(isValidDate(s)).toBe(false));

  it('refuses what is not a string', () => {
    expect(isValidDate(undefined)).toBe(false);
    expect(isValidDate(20240105)).toBe(false);
    expect(isValidDate(new Date('2024-01-05'))).toBe(false);
  });
});

describe('isValidMonth', () => {
  it.each(['2024-01', '2024-12', '0000-06'])('accepts %s', (s) => expect(isValidMonth(s)).toBe(true));
  it.each(['2024-00', '2024-13', '2024-1', '2024-01-01', '202401', ''])('refuses %j', (s) =>
    expect(isValidMonth(s)).toBe(false),
  );
  it('refuses what is not a string', () => expect(isValidMonth(202401)).toBe(false));
});

describe('addDays', () => {
  it('moves across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-03-15', 0)).toBe('2024-03-15');
    // 2024 has 366 days
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('is not shifted by the clocks changing (arithmetic is in UTC)', () => {
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-10-27', 1)).toBe('2024-10-28');
  });

  it('keeps years below 100 as written', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('refuses an invalid date, a fractional count and a result beyond year 9999', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow('Invalid date "2023-02-29"');
    expect(() => addDays('2024-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts calendar days', () => {
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365); // leap year: 366 days, 365 steps
    expect(daysBetween('2023-01-01', '2023-12-31')).toBe(364);
    expect(daysBetween('2024-03-31', '2024-03-30')).toBe(-1);
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2); // across the spring clock change, still whole days
  });
});

describe('compareDates', () => {
  it('orders dates in calendar order', () => {
    expect(compareDates('2024-01-02', '2024-01-10')).toBeLessThan(0);
    expect(compareDates('2024-01-10', '2024-01-02')).toBeGreaterThan(0);
    expect(compareDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(['2024-10-01', '2023-12-31', '2024-02-29'].sort(compareDates)).toEqual([
      '2023-12-31',
      '2024-02-29',
      '2024-10-01',
    ]);
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2024-01-01')).toBe(1); // a Monday
    expect(isoWeekday('2021-01-03')).toBe(7); // a Sunday
    expect(isoWeekday('2024-02-29')).toBe(4); // a Thursday
  });
});
