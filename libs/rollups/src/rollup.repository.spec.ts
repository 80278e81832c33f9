import { bucketLiterals, bucketTransactionSql } from './rollup.repository';

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

  it('takes the locks in their own statement before the recompute, inside one transaction', () => {
    const statements = bucketTransactionSql({ trustId: TRUST, day: '2024-03-01' }).split(';\n');
    expect(statements[0]).toBe('BEGIN');
    expect(statements[1]).toMatch(/pg_advisory_xact_lock_shared[\s\S]*pg_advisory_xact_lock\(/);
    expect(statements[2]).toMatch(/WITH seen AS/);
    expect(statements[3]).toBe('COMMIT');
  });
});
