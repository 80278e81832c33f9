import {
  DashboardRangeError,
  fillSeries,
  fillWasteTypes,
  oneYearBefore,
  resolveRange,
  zeroFigures,
} from './dashboard-range';

describe('resolveRange', () => {
  it('defaults to the year up to today, by week', () => {
    expect(resolveRange({}, '2025-06-15')).toEqual({ from: '2024-06-15', to: '2025-06-15', granularity: 'week' });
    expect(resolveRange({ to: '2024-03-01', granularity: 'month' }, '2025-06-15')).toEqual({
      from: '2023-03-01',
      to: '2024-03-01',
      granularity: 'month',
    });
    expect(resolveRange({ from: '2025-01-01' }, '2025-06-15').to).toBe('2025-06-15');
  });

  it('steps 29 February back to 28 February', () => {
    expect(oneYearBefore('2024-02-29')).toBe('2023-02-28');
    expect(oneYearBefore('2024-03-01')).toBe('2023-03-01');
  });

  it('accepts a one-day range and refuses an inverted one naming from and to', () => {
    expect(resolveRange({ from: '2025-01-01', to: '2025-01-01' }, '2025-06-15').from).toBe('2025-01-01');
    expect(() => resolveRange({ from: '2025-02-01', to: '2025-01-01' }, '2025-06-15')).toThrow(
      /from must be on or before to/,
    );
  });

  it('refuses ranges too long for the granularity or at all', () => {
    expect(() => resolveRange({ from: '2020-01-01', to: '2025-01-01', granularity: 'day' }, '2025-06-15')).toThrow(
      /granularity day gives 1828 periods/,
    );
    expect(resolveRange({ from: '2020-01-01', to: '2025-01-01', granularity: 'week' }, '2025-06-15').granularity).toBe(
      'week',
    );
    expect(() => resolveRange({ from: '2000-01-01', to: '2025-01-01', granularity: 'month' }, '2025-06-15')).toThrow(
      DashboardRangeError,
    );
  });
});

describe('fillSeries', () => {
  it('lists every period overlapping the range, zeros included, partial weeks at both ends', () => {
    const found = new Map([['2024-01-08', { ...zeroFigures(), wasteRecords: 2, minutesLost: 30 }]]);
    // 2024-01-03 is a Wednesday; 2024-01-16 a Tuesday.
    const series = fillSeries({ from: '2024-01-03', to: '2024-01-16', granularity: 'week' }, found);
    expect(series.map((p) => p.periodStart)).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(series[0]).toEqual({ periodStart: '2024-01-01', ...zeroFigures() });
    expect(series[1]).toMatchObject({ wasteRecords: 2, minutesLost: 30, ideas: 0 });
  });

  it('fills months and days', () => {
    const range = { from: '2024-01-31', to: '2024-03-01', granularity: 'month' as const };
    expect(fillSeries(range, new Map()).map((p) => p.periodStart)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(fillSeries({ ...range, granularity: 'day' }, new Map())).toHaveLength(31);
  });

  it('can fill the weekly series of a range asked by month', () => {
    const range = { from: '2024-01-01', to: '2024-01-31', granularity: 'month' as const };
    expect(fillSeries(range, new Map(), 'week').map((p) => p.periodStart)).toEqual([
      '2024-01-01',
      '2024-01-08',
      '2024-01-15',
      '2024-01-22',
      '2024-01-29',
    ]);
  });
});

describe('fillWasteTypes', () => {
  it('always answers the eight wastes', () => {
    const types = fillWasteTypes(
      new Map([['defects', { wasteRecords: 1, occurrences: 3, minutesLost: 9, minutesEliminated: 0 }]]),
    );
    expect(types.map((t) => t.wasteType)).toEqual([
      'transport',
      'inventory',
      'motion',
      'waiting',
      'overproduction',
      'overprocessing',
      'defects',
      'skills',
    ]);
    expect(types.find((t) => t.wasteType === 'defects')).toEqual({
      wasteType: 'defects',
      wasteRecords: 1,
      occurrences: 3,
      minutesLost: 9,
      minutesEliminated: 0,
    });
    expect(types.find((t) => t.wasteType === 'skills')?.wasteRecords).toBe(0);
  });
});
