import { pointChanges } from './point-changes';

describe('pointChanges', () => {
  const stored = new Map([
    ['2025-01-01', 10],
    ['2025-02-01', 12],
  ]);

  it('lists new and replaced periods in date order and leaves unchanged ones out', () => {
    const changes = pointChanges(stored, [
      { periodStart: '2025-03-01', value: 9 },
      { periodStart: '2025-02-01', value: 12 },
      { periodStart: '2025-01-01', value: 11 },
    ]);
    expect(changes.errors).toEqual([]);
    expect(changes.before).toEqual([
      { periodStart: '2025-01-01', value: 10 },
      { periodStart: '2025-03-01', value: null },
    ]);
    expect(changes.after).toEqual([
      { periodStart: '2025-01-01', value: 11 },
      { periodStart: '2025-03-01', value: 9 },
    ]);
  });

  it('refuses a period given twice in one write, naming the second', () => {
    const changes = pointChanges(stored, [
      { periodStart: '2025-03-01', value: 1 },
      { periodStart: '2025-03-01', value: 2 },
    ]);
    expect(changes.errors).toEqual([
      'points.1.periodStart 2025-03-01 appears more than once; give one value per period',
    ]);
  });
});
