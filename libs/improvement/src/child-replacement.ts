// Pure: how a "replace the whole list" write (a map's steps, an event's metrics) maps onto stored rows.
// Items given with the `id` of an existing child keep that id, so links to it (waste records naming a
// map step, follow-up results naming a metric) survive a reorder or an edit; the rest are new.

export interface ReplacementPlan<T> {
  /** Every item with its 1-based position and the id it keeps, or null when it is new. */
  items: Array<{ position: number; id: string | null; item: T }>;
  /** Ids of existing children the new list leaves out. */
  removedIds: string[];
  /** One message per bad item, naming it as `<field>.<index>.id`. */
  errors: string[];
}

export function planReplacement<T extends { id?: string | null }>(
  field: string,
  existingIds: readonly string[],
  given: readonly T[],
): ReplacementPlan<T> {
  const existing = new Set(existingIds);
  const seen = new Set<string>();
  const errors: string[] = [];
  const items = given.map((item, index) => {
    const id = item.id ?? null;
    if (id !== null) {
      if (!existing.has(id))
        errors.push(`${field}.${index}.id must be the id of one of the record's ${field}, or left out for a new one`);
      else if (seen.has(id)) errors.push(`${field}.${index}.id appears more than once`);
      seen.add(id);
    }
    return { position: index + 1, id, item };
  });
  return { items, removedIds: existingIds.filter((id) => !seen.has(id)), errors };
}
