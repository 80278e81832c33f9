// Pure: which points of a measure a `PUT points` write changes, for the audit entry (one value per
// measure and period; a second write replaces the first, SPEC §2).

export interface PointValue {
  periodStart: string;
  value: number;
}

export interface PointChanges {
  /** The stored value of each changed period, null for a new period. */
  before: Array<{ periodStart: string; value: number | null }>;
  after: PointValue[];
  /** One message per period given twice, naming it as `points.<index>.periodStart`. */
  errors: string[];
}

export function pointChanges(stored: ReadonlyMap<string, number>, incoming: readonly PointValue[]): PointChanges {
  const seen = new Set<string>();
  const errors: string[] = [];
  const changes: PointChanges = { before: [], after: [], errors };
  incoming.forEach(({ periodStart, value }, index) => {
    if (seen.has(periodStart)) {
      errors.push(`points.${index}.periodStart ${periodStart} appears more than once; give one value per period`);
      return;
    }
    seen.add(periodStart);
    const was = stored.get(periodStart);
    if (was === value) return;
    changes.before.push({ periodStart, value: was ?? null });
    changes.after.push({ periodStart, value });
  });
  const order = (a: { periodStart: string }, b: { periodStart: string }) => (a.periodStart < b.periodStart ? -1 : 1);
  changes.before.sort(order);
  changes.after.sort(order);
  return changes;
}
