import { liveCacheSeconds, liveValue, readCached, rowIsLive } from './session-cache';

describe('session cache rules', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const inSeconds = (s: number) => new Date(now.getTime() + s * 1000);

  it('reads live only for the same user; anything else cached is ended; nothing is unknown', () => {
    expect(readCached(liveValue('u1'), 'u1')).toBe('live');
    expect(readCached(liveValue('u2'), 'u1')).toBe('ended');
    expect(readCached('ended', 'u1')).toBe('ended');
    expect(readCached(null, 'u1')).toBe('unknown');
    expect(readCached(undefined, 'u1')).toBe('unknown');
  });

  it('keeps a live copy at most five minutes and never past the session end', () => {
    expect(liveCacheSeconds(inSeconds(8 * 3600), now)).toBe(300);
    expect(liveCacheSeconds(inSeconds(42.9), now)).toBe(42);
    expect(liveCacheSeconds(inSeconds(-5), now)).toBe(0);
  });

  it('takes a row as live only when it is the user, open and unexpired', () => {
    const row = { userId: 'u1', expiresAt: inSeconds(60), endedAt: null };
    expect(rowIsLive(row, 'u1', now)).toBe(true);
    expect(rowIsLive(row, 'u2', now)).toBe(false);
    expect(rowIsLive({ ...row, endedAt: now }, 'u1', now)).toBe(false);
    expect(rowIsLive({ ...row, expiresAt: inSeconds(0) }, 'u1', now)).toBe(false);
    expect(rowIsLive(null, 'u1', now)).toBe(false);
  });
});
