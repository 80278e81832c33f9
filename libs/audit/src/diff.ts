// Pure: the before/after of the fields a write changed, with secrets left out.
import type { AuditChanges } from '@app/database';

const NEVER_AUDITED = new Set(['passwordHash', 'password', 'version', 'createdAt', 'updatedAt', 'createdBy']);

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

export function auditChanges(before: object | null, after: object | null): AuditChanges {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changes: AuditChanges = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (NEVER_AUDITED.has(key)) continue;
    const was = normalise(b[key]);
    const now = normalise(a[key]);
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[key] = { before: was, after: now };
  }
  return changes;
}
