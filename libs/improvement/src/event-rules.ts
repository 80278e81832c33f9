// Pure rules of improvement events and their follow-ups that a DTO cannot express on its own,
// because they compare fields with each other or with stored records.
import type { Bucket } from '@app/rollups';
import type { EventMetricProgress } from '@app/domain';

/** The message of an endDate before startDate, naming the field (SPEC §2: endDate ≥ startDate). */
export function endDateError(startDate: string, endDate: string | null | undefined): string | null {
  if (endDate === null || endDate === undefined) return null;
  return endDate < startDate ? `endDate must be on or after startDate (${startDate})` : null;
}

/** Follow-up results must name metrics of the same event, each at most once. */
export function followUpResultErrors(metricIds: readonly string[], results: readonly { metricId: string }[]): string[] {
  const known = new Set(metricIds);
  const seen = new Set<string>();
  const errors: string[] = [];
  results.forEach(({ metricId }, index) => {
    if (!known.has(metricId)) errors.push(`results.${index}.metricId must be the id of a metric of this event`);
    else if (seen.has(metricId)) errors.push(`results.${index}.metricId appears more than once in this follow-up`);
    seen.add(metricId);
  });
  return errors;
}

/**
 * The rollup buckets an event sits in: its startDate (ideas) and endDate (events completed and
 * sustained). Give the event before and after a change so both the old and new buckets are redone.
 */
export function eventBuckets(
  ...events: Array<{ trustId: string; startDate: string; endDate: string | null } | null | undefined>
): Bucket[] {
  const buckets: Bucket[] = [];
  for (const event of events) {
    if (!event) continue;
    buckets.push({ trustId: event.trustId, day: event.startDate });
    if (event.endDate) buckets.push({ trustId: event.trustId, day: event.endDate });
  }
  return buckets;
}

export interface EventProgressSummary {
  /** How many metrics the event tracks. */
  metrics: number;
  /** How many of them have a value from a follow-up. */
  reported: number;
  /** How many reported metrics meet their target. */
  targetsMet: number;
  /** The highest checkpointDay of the event's follow-ups; null before the first. */
  latestCheckpointDay: number | null;
}

/** One line on where an event stands, for lists and boards (SPEC §4: events with metrics and progress). */
export function summariseProgress(
  metrics: readonly EventMetricProgress[],
  followUps: readonly { checkpointDay: number }[],
): EventProgressSummary {
  return {
    metrics: metrics.length,
    reported: metrics.filter((m) => m.latest !== null).length,
    targetsMet: metrics.filter((m) => m.targetMet === true).length,
    latestCheckpointDay: followUps.length ? Math.max(...followUps.map((f) => f.checkpointDay)) : null,
  };
}
