import { validateRollupSettings } from './rollup-settings';

describe('validateRollupSettings', () => {
  it('applies the documented defaults', () => {
    const settings = validateRollupSettings({});
    expect(settings.ROLLUP_RECONCILE_EVERY_MS).toBe(300_000);
    expect(settings.ROLLUP_RECONCILE_DAYS).toBe(60);
    expect(settings.ROLLUP_RELAY_POLL_MS).toBe(1000);
  });

  it('reads numbers and names the variable that is wrong', () => {
    expect(validateRollupSettings({ ROLLUP_CONCURRENCY: '8' }).ROLLUP_CONCURRENCY).toBe(8);
    expect(() => validateRollupSettings({ ROLLUP_CONCURRENCY: 'many' })).toThrow(
      /ROLLUP_CONCURRENCY must be an integer/,
    );
    expect(() => validateRollupSettings({ ROLLUP_RECONCILE_DAYS: '0' })).toThrow(/ROLLUP_RECONCILE_DAYS/);
  });
});
