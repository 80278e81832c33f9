import { acrossTrusts, asSystem, currentRowScope, rowScopeKey, rowScopeSettings, withRowScope } from './row-scope';
import { trustPolicyExpressions } from './trust-row-security';

const TRUST = '11111111-1111-4111-8111-111111111111';

describe('row scope', () => {
  it('is "none" outside any scope, so the policies show no trust rows', () => {
    expect(currentRowScope()).toEqual({ kind: 'none' });
    expect(rowScopeSettings(currentRowScope())).toEqual({ allTrusts: 'off', trustId: '' });
  });

  it('follows the async call chain and ends with it', async () => {
    const seen = await withRowScope({ kind: 'trust', trustId: TRUST }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentRowScope();
    });
    expect(seen).toEqual({ kind: 'trust', trustId: TRUST });
    expect(currentRowScope()).toEqual({ kind: 'none' });
  });

  it('maps each kind to the two session settings', () => {
    expect(rowScopeSettings({ kind: 'trust', trustId: TRUST })).toEqual({ allTrusts: 'off', trustId: TRUST });
    expect(rowScopeSettings({ kind: 'programme' })).toEqual({ allTrusts: 'on', trustId: '' });
    expect(asSystem('test', () => rowScopeSettings(currentRowScope()))).toEqual({ allTrusts: 'on', trustId: '' });
    expect(acrossTrusts('test', () => currentRowScope().kind)).toBe('system');
  });

  it('gives equal settings one key and different settings different keys', () => {
    const keys = [
      rowScopeKey(rowScopeSettings({ kind: 'none' })),
      rowScopeKey(rowScopeSettings({ kind: 'programme' })),
      rowScopeKey(rowScopeSettings({ kind: 'trust', trustId: TRUST })),
    ];
    expect(new Set(keys).size).toBe(3);
    expect(rowScopeKey(rowScopeSettings({ kind: 'system', reason: 'x' }))).toBe(keys[1]);
  });
});

describe('trust policy expressions', () => {
  it('lets rows of no trust be read, never written, in a trust scope, and only where trust_id may be null', () => {
    const nullable = trustPolicyExpressions(true);
    const required = trustPolicyExpressions(false);
    expect(nullable.using).toContain('trust_id IS NULL');
    expect(nullable.check).not.toContain('trust_id IS NULL');
    expect(required.using).toBe(required.check);
    expect(required.using).not.toContain('IS NULL');
  });
});
