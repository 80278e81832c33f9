import { jsonLimitProblem, JSON_MAX_DEPTH, JSON_MAX_KEYS, maxKeysFor } from './json-limits';

const bytes = (text: string) => Buffer.from(text);
const manyKeys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;

/** Milliseconds of the fastest of three runs (the machine is shared: the minimum is the least noisy). */
function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

describe('jsonLimitProblem', () => {
  it('accepts a body at every limit', () => {
    expect(jsonLimitProblem(bytes(manyKeys(JSON_MAX_KEYS)))).toBeNull();
    expect(jsonLimitProblem(bytes(`${'['.repeat(JSON_MAX_DEPTH)}${']'.repeat(JSON_MAX_DEPTH)}`))).toBeNull();
    expect(jsonLimitProblem(bytes('{"steps":[{"name":"a:b{[","x":"\\":{"}]}'))).toBeNull();
  });

  it('counts keys at every depth and names the body', () => {
    expect(jsonLimitProblem(bytes(manyKeys(JSON_MAX_KEYS + 1)))).toEqual({
      status: 400,
      message: 'body has more than 1000 keys in all (at most 1000)',
    });
    const nested = `{"a":[${Array.from({ length: 600 }, () => '{"x":1,"y":2}').join(',')}]}`;
    expect(jsonLimitProblem(bytes(nested))?.message).toMatch(/^body has more than 1000 keys/);
  });

  it('refuses nesting beyond the limit', () => {
    const deep = `${'{"a":'.repeat(JSON_MAX_DEPTH + 1)}1${'}'.repeat(JSON_MAX_DEPTH + 1)}`;
    expect(jsonLimitProblem(bytes(deep))).toEqual({ status: 400, message: 'body is nested more than 10 levels deep' });
    expect(jsonLimitProblem(bytes(`{"a":${'['.repeat(100_000)}`))?.message).toBe(
      'body is nested more than 10 levels deep',
    );
  });

  it('does not count colons, brackets or escaped quotes inside strings', () => {
    const text = JSON.stringify({ description: `${'{[:"\\'.repeat(50_000)}` });
    expect(jsonLimitProblem(bytes(text))).toBeNull();
  });

  it('takes linear time: the 0.96 MB body of 112,000 keys is refused in milliseconds', () => {
    // The body of issue 11 (unknown keys to POST /api/auth/login), and the same shape under the limit
    // but full length, scanned to the end: time for n and 4n must grow about 4×, not 16×.
    const attack = bytes(manyKeys(112_000));
    expect(fastest(() => jsonLimitProblem(attack))).toBeLessThan(50);
    const quoted = (n: number) => bytes(JSON.stringify({ a: ':'.repeat(n), b: '['.repeat(n) }));
    const small = quoted(250_000);
    const large = quoted(1_000_000);
    const tSmall = fastest(() => jsonLimitProblem(small));
    const tLarge = fastest(() => jsonLimitProblem(large));
    expect(tLarge).toBeLessThan(Math.max(tSmall * 10, 40));
    expect(tLarge).toBeLessThan(200);
  });
});

describe('maxKeysFor', () => {
  it('keeps 1,000 keys for every route but the two whose largest valid body needs more', () => {
    expect(maxKeysFor('POST', '/api/waste-records')).toBe(1000);
    expect(maxKeysFor('POST', '/api/auth/login')).toBe(1000);
    // 1,000 points of {periodStart, value}
    expect(maxKeysFor('PUT', '/api/measures/6f1d/points')).toBeGreaterThanOrEqual(2000);
    expect(maxKeysFor('PUT', '/api/measures/6f1d/points?x=1')).toBeGreaterThanOrEqual(2000);
    // a map of 200 steps with 6 fields each, plus the map's own fields
    expect(maxKeysFor('POST', '/api/value-streams/6f1d/maps')).toBeGreaterThanOrEqual(1204);
    expect(maxKeysFor('PUT', '/api/maps/6f1d/steps')).toBeGreaterThanOrEqual(1200);
  });

  it('does not widen the limit for other methods or look-alike paths', () => {
    expect(maxKeysFor('POST', '/api/measures/6f1d/points')).toBe(1000);
    expect(maxKeysFor('PUT', '/api/measures/6f1d/points/extra')).toBe(1000);
    expect(maxKeysFor('PUT', '/api/maps/a/b/steps')).toBe(1000);
    expect(maxKeysFor(undefined, undefined)).toBe(1000);
  });
});
