import type { EventMetricProgress } from '@app/domain';
import { endDateError, eventBuckets, followUpResultErrors, summariseProgress } from './event-rules';

describe('event rules', () => {
  it('accepts an end on or after the start and names endDate otherwise', () => {
    expect(endDateError('2025-03-03', '2025-03-07')).toBeNull();
    expect(endDateError('2025-03-03', '2025-03-03')).toBeNull();
    expect(endDateError('2025-03-03', null)).toBeNull();
    expect(endDateError('2025-03-03', '2025-03-02')).toBe('endDate must be on or after startDate (2025-03-03)');
  });

  it('names follow-up results that are not metrics of the event, or repeat one', () => {
    expect(followUpResultErrors(['m1', 'm2'], [{ metricId: 'm2' }, { metricId: 'm1' }])).toEqual([]);
    expect(followUpResultErrors(['m1'], [{ metricId: 'm1' }, { metricId: 'other' }, { metricId: 'm1' }])).toEqual([
      'results.1.metricId must be the id of a metric of this event',
      'results.2.metricId appears more than once in this follow-up',
    ]);
  });

  it('lists the start and end buckets of the event before and after a change', () => {
    const before = { trustId: 'T', startDate: '2025-01-06', endDate: '2025-01-10' };
    const after = { trustId: 'T', startDate: '2025-01-13', endDate: null };
    expect(eventBuckets(before, after, null)).toEqual([
      { trustId: 'T', day: '2025-01-06' },
      { trustId: 'T', day: '2025-01-10' },
      { trustId: 'T', day: '2025-01-13' },
    ]);
  });

  it('summarises how many metrics are reported and met', () => {
    const metric = (latest: number | null, targetMet: boolean | null): EventMetricProgress => ({
      id: 'x',
      name: 'n',
      unit: 'u',
      direction: 'lower_is_better',
      baseline: 10,
      target: 5,
      latest,
      progressToTarget: null,
      targetMet,
    });
    expect(
      summariseProgress(
        [metric(4, true), metric(8, false), metric(null, null)],
        [{ checkpointDay: 30 }, { checkpointDay: 90 }],
      ),
    ).toEqual({
      metrics: 3,
      reported: 2,
      targetsMet: 1,
      latestCheckpointDay: 90,
    });
    expect(summariseProgress([], [])).toEqual({ metrics: 0, reported: 0, targetsMet: 0, latestCheckpointDay: null });
  });
});
