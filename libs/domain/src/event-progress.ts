// Where each metric of an improvement event stands after its follow-ups (SPEC §3): the latest value and how
// far it has moved from baseline towards target.
import type { MetricDirection } from './vocab';

export interface EventMetricInput {
  id: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  baseline: number;
  target: number;
}

export interface FollowUpInput {
  checkpointDay: number;
  /** 'YYYY-MM-DD' */
  measuredOn: string;
  results: readonly { metricId: string; value: number }[];
}

export interface EventMetricProgress extends EventMetricInput {
  /** Value at the latest follow-up that reports the metric; null when none does. */
  latest: number | null;
  /** 0 at baseline, 1 at target, beyond 1 past it, negative when worse than baseline. */
  progressToTarget: number | null;
  targetMet: boolean | null;
}

// The latest follow-up is the one with the highest checkpointDay (a 90-day follow-up entered late still
// outranks a 60-day one), ties broken by the later measuredOn. Date strings compare as text.
function isLater(a: FollowUpInput, b: FollowUpInput): boolean {
  if (a.checkpointDay !== b.checkpointDay) return a.checkpointDay > b.checkpointDay;
  return a.measuredOn > b.measuredOn;
}

// Latest value of every reported metric in one pass over the follow-ups. On a full tie (same day, same
// date) the follow-up given last wins, so callers ordering by creation get the most recent entry.
function latestValues(followUps: readonly FollowUpInput[]): Map<string, number> {
  const best = new Map<string, { followUp: FollowUpInput; value: number }>();
  for (const followUp of followUps) {
    for (const { metricId, value } of followUp.results) {
      const current = best.get(metricId);
      if (!current || current.followUp === followUp || !isLater(current.followUp, followUp)) {
        best.set(metricId, { followUp, value });
      }
    }
  }
  return new Map([...best].map(([metricId, { value }]) => [metricId, value]));
}

export function computeEventMetrics(
  metrics: readonly EventMetricInput[],
  followUps: readonly FollowUpInput[],
): EventMetricProgress[] {
  const latest = latestValues(followUps);
  // Fields are copied one by one so an entity's extra columns (eventId, timestamps) never reach the API.
  return metrics.map(({ id, name, unit, direction, baseline, target }) => {
    const value = latest.get(id) ?? null;
    return {
      id,
      name,
      unit,
      direction,
      baseline,
      target,
      latest: value,
      progressToTarget: value === null || target === baseline ? null : (value - baseline) / (target - baseline),
      targetMet: value === null ? null : direction === 'lower_is_better' ? value <= target : value >= target,
    };
  });
}
