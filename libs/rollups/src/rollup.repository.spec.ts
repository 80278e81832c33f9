// That a bucket job takes its locks before it reads (so a job queued behind another of its bucket
// counts what was committed while it waited) is checked by behaviour in
// test/rollups/rollup-pipeline.e2e-spec.ts, not by the text of the SQL.
import { bucketLiterals } from './rollup.repository';

const TRUST = '5B0C6E1A-2F3D-4C5B-8A9E-0123456789AB';

describe('bucket job SQL', () => {
  it('quotes a checked bucket as literals, trust ids in lower case', () => {
    expect(bucketLiterals({ trustId: TRUST, day: '2024-02-29' })).toEqual({
      trust: `'5b0c6e1a-2f3d-4c5b-8a9e-0123456789ab'::uuid`,
      day: `'2024-02-29'::date`,
    });
  });

  it('refuses anything that is not a UUID and a real date, so nothing else reaches the SQL text', () => {
    expect(() => bucketLiterals({ trustId: `${TRUST}'; DROP TABLE rollup_daily; --`, day: '2024-01-01' })).toThrow(
      /UUID/,
    );
    expect(() => bucketLiterals({ trustId: TRUST, day: "2024-01-01'::date; --" })).toThrow(/calendar date/);
    expect(() => bucketLiterals({ trustId: TRUST, day: '2023-02-29' })).toThrow(/calendar date/);
  });
});
