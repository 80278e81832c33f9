// Limits of the improvement records. SPEC §2 sets most; where it is silent (upper bounds of
// minutes and figures, metric names and units, checkpoint days) these keep every sum and
// ratio a finite double and every list a size one request can carry. docs/decisions/improvement-records.md.
export const LIMITS = {
  valueStreamName: 120,
  valueStreamDescription: 2000,
  maxDemandPerDay: 1_000_000,
  maxAvailableMinutesPerDay: 1440,
  mapTitle: 200,
  minSteps: 1,
  maxSteps: 200,
  stepName: 120,
  /** Ten years of minutes: more than any wait a value-stream map records. */
  maxStepMinutes: 5_256_000,
  maxStaff: 10_000,
  eventTitle: 200,
  problemStatement: 4000,
  maxMetrics: 20,
  metricName: 120,
  metricUnit: 40,
  /** Bound of metric baselines, targets, follow-up values and measure values and targets. */
  maxAbsFigure: 1e12,
  maxCheckpointDay: 3650,
  followUpNotes: 4000,
  measureName: 200,
  measureUnit: 40,
  maxPointsPerWrite: 1000,
  /** SPEC §3: limits come from at least 12 baseline points. */
  minBaselinePoints: 12,
} as const;
