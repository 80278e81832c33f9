import { auditChanges } from './diff';

describe('auditChanges', () => {
  it('lists only changed fields with before and after', () => {
    expect(auditChanges({ name: 'A', code: 'X', version: 1 }, { name: 'B', code: 'X', version: 2 })).toEqual({
      name: { before: 'A', after: 'B' },
    });
  });

  it('records a create as nulls before and a delete as nulls after', () => {
    expect(auditChanges(null, { name: 'A' })).toEqual({ name: { before: null, after: 'A' } });
    expect(auditChanges({ name: 'A' }, null)).toEqual({ name: { before: 'A', after: null } });
  });

  it('never records a password or its hash', () => {
    const changes = auditChanges(null, { email: 'a@b', password: 'secret', passwordHash: '$argon2id$...' });
    expect(Object.keys(changes)).toEqual(['email']);
  });

  it('compares nested values and dates by content', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(auditChanges({ steps: [{ a: 1 }], at }, { steps: [{ a: 1 }], at: new Date(at) })).toEqual({});
  });
});
