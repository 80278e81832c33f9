// Pure: what the Redis copy of a session says, and how long it may say it.
// `live:<userId>` — open for that user; `ended` — ended (or never existed); absent — unknown, ask
// PostgreSQL (the record) and remember its answer.

export const ENDED = 'ended';

/** The longest a cached "live" stands before PostgreSQL confirms it again (see identity.md). */
export const LIVE_CACHE_SECONDS = 300;

export type CachedVerdict = 'live' | 'ended' | 'unknown';

export function liveValue(userId: string): string {
  return `live:${userId}`;
}

/** Reads a cached value for a token of `userId`; a live session of another user counts as ended. */
export function readCached(value: string | null | undefined, userId: string): CachedVerdict {
  if (value === null || value === undefined) return 'unknown';
  return value === liveValue(userId) ? 'live' : 'ended';
}

/** Seconds to keep a "live" copy: never past the session's end, at most LIVE_CACHE_SECONDS. */
export function liveCacheSeconds(expiresAt: Date, now: Date): number {
  const left = Math.floor((expiresAt.getTime() - now.getTime()) / 1000);
  return Math.max(0, Math.min(LIVE_CACHE_SECONDS, left));
}

/** Whether a `sessions` row is an open session of `userId` at `now`. */
export function rowIsLive(
  row: { userId: string; expiresAt: Date; endedAt: Date | null } | null,
  userId: string,
  now: Date,
): boolean {
  return !!row && row.userId === userId && row.endedAt === null && row.expiresAt.getTime() > now.getTime();
}
