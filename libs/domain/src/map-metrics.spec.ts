import {
  compareMapMetrics,
  computeMapMetrics,
  MAP_FIGURES,
  type MapStepInput,
  type ValueStreamRates,
} from './map-metrics';

// An emergency-department current state and the future state an RPIW designed for it.
const currentState: MapStepInput[] = [
  // triage
  { waitTimeMinutes: 10, cycleTimeMinutes: 5, classification: 'value_added', percentCompleteAccurate: 90 },
  // bloods
  {
    waitTimeMinutes: 30,
    cycleTimeMinutes: 15,
    classification: 'necessary_non_value_added',
    percentCompleteAccurate: 95,
  },
  // consultant review
  { waitTimeMinutes: 45, cycleTimeMinutes: 20, classification: 'value_added', percentCompleteAccurate: 80 },
  // re-keying discharge notes; %C&A left at its default of 100
  { waitTimeMinutes: 60, cycleTimeMinutes: 10, classification: 'waste' },
];
const futureState: MapStepInput[] = [
  { waitTimeMinutes: 5, cycleTimeMinutes: 5, classification: 'value_added', percentCompleteAccurate: 95 },
  { waitTimeMinutes: 15, cycleTimeMinutes: 20, classification: 'value_added', percentCompleteAccurate: 90 },
  { waitTimeMinutes: 10, cycleTimeMinutes: 5, classification: 'necessary_non_value_added' },
];
const edStream = { demandPerDay: 30, availableMinutesPerDay: 450 };

describe('computeMapMetrics', () => {
  it('computes every figure of a hand-worked map', () => {
    const m = computeMapMetrics(currentState, edStream);
    // lead = (10+5) + (30+15) + (45+20) + (60+10) = 15 + 45 + 65 + 70 = 195
    expect(m.leadTimeMinutes).toBe(195);
    // value added = 5 + 20 = 25 (only value_added steps' cycle times)
    expect(m.valueAddedMinutes).toBe(25);
    // non-value-added = 195 − 25 = 170
    expect(m.nonValueAddedMinutes).toBe(170);
    // PCE = 25 / 195 = 0.128205...
    expect(m.processCycleEfficiency).toBeCloseTo(0.1282051282, 10);
    // rolled %C&A = 100 × 0.90 × 0.95 × 0.80 × 1.00 = 68.4
    expect(m.rolledPercentCompleteAccurate).toBeCloseTo(68.4, 10);
    // takt = 450 available minutes / 30 patients a day = 15 minutes
    expect(m.taktTimeMinutes).toBe(15);
    expect(m.stepCount).toBe(4);
  });

  it('answers null PCE when lead time is 0', () => {
    const m = computeMapMetrics([{ waitTimeMinutes: 0, cycleTimeMinutes: 0, classification: 'value_added' }], edStream);
    expect(m.leadTimeMinutes).toBe(0);
    expect(m.processCycleEfficiency).toBeNull();
  });

  it('counts the wait before a value-added step as non-value-added', () => {
    const m = computeMapMetrics([{ waitTimeMinutes: 30, cycleTimeMinutes: 10, classification: 'value_added' }], {});
    // lead 40, value added 10, PCE 10/40
    expect(m).toMatchObject({ leadTimeMinutes: 40, valueAddedMinutes: 10, nonValueAddedMinutes: 30 });
    expect(m.processCycleEfficiency).toBe(0.25);
  });

  it.each<[ValueStreamRates, string]>([
    [{}, 'both unset'],
    [{ demandPerDay: 30 }, 'available minutes unset'],
    [{ availableMinutesPerDay: 450 }, 'demand unset'],
    [{ demandPerDay: null, availableMinutesPerDay: 450 }, 'demand null'],
    [{ demandPerDay: 30, availableMinutesPerDay: null }, 'available minutes null'],
    [{ demandPerDay: 0, availableMinutesPerDay: 450 }, 'demand 0 (never stored; no Infinity)'],
  ])('answers null takt when %j (%s)', (valueStream) => {
    expect(computeMapMetrics(currentState, valueStream).taktTimeMinutes).toBeNull();
  });

  it('keeps fractional takt unrounded', () => {
    // 450 / 7 = 64.2857142857...
    expect(computeMapMetrics(currentState, { demandPerDay: 7, availableMinutesPerDay: 450 }).taktTimeMinutes).toBe(
      450 / 7,
    );
  });

  it('multiplies %C&A as raw doubles', () => {
    const steps: MapStepInput[] = [99.9, 99.9, 99.9].map((pca) => ({
      waitTimeMinutes: 0.1,
      cycleTimeMinutes: 0.2,
      classification: 'value_added',
      percentCompleteAccurate: pca,
    }));
    const m = computeMapMetrics(steps, {});
    // 100 × 0.999³ = 99.7002999
    expect(m.rolledPercentCompleteAccurate).toBeCloseTo(99.7002999, 10);
    // 3 × (0.1 + 0.2) ≈ 0.9 (not exactly, in binary floating point)
    expect(m.leadTimeMinutes).toBeCloseTo(0.9, 12);
    expect(m.valueAddedMinutes).toBeCloseTo(0.6, 12);
    expect(m.nonValueAddedMinutes).toBeCloseTo(0.3, 12);
  });

  it('reads 0 %C&A when any step is never complete and accurate', () => {
    const steps: MapStepInput[] = [
      { waitTimeMinutes: 1, cycleTimeMinutes: 1, classification: 'waste', percentCompleteAccurate: 0 },
      { waitTimeMinutes: 1, cycleTimeMinutes: 1, classification: 'value_added', percentCompleteAccurate: 50 },
    ];
    expect(computeMapMetrics(steps, {}).rolledPercentCompleteAccurate).toBe(0);
  });

  it('reads an empty map as 100 %C&A and no PCE', () => {
    expect(computeMapMetrics([], {})).toEqual({
      leadTimeMinutes: 0,
      valueAddedMinutes: 0,
      nonValueAddedMinutes: 0,
      processCycleEfficiency: null,
      rolledPercentCompleteAccurate: 100,
      taktTimeMinutes: null,
      stepCount: 0,
    });
  });
});

describe('compareMapMetrics', () => {
  const a = computeMapMetrics(currentState, edStream);
  const b = computeMapMetrics(futureState, edStream);

  it('keeps both maps figures as from and to', () => {
    const comparison = compareMapMetrics(a, b);
    expect(comparison.from).toEqual(a);
    expect(comparison.to).toEqual(b);
    // future: lead = 10 + 35 + 15 = 60, value added = 5 + 20 = 25, rolled = 100 × 0.95 × 0.9 = 85.5
    expect(b).toMatchObject({ leadTimeMinutes: 60, valueAddedMinutes: 25, nonValueAddedMinutes: 35, stepCount: 3 });
  });

  it('lists a change for every figure', () => {
    expect(Object.keys(compareMapMetrics(a, b).change).sort()).toEqual([...MAP_FIGURES].sort());
  });

  it('computes absolute = B − A and percent = 100 × (B − A) / A', () => {
    const { change } = compareMapMetrics(a, b);
    // lead: 60 − 195 = −135; 100 × −135 / 195 = −69.2307...
    expect(change.leadTimeMinutes.absolute).toBe(-135);
    expect(change.leadTimeMinutes.percent).toBeCloseTo(-69.23076923, 8);
    // value added: 25 − 25 = 0; 0%
    expect(change.valueAddedMinutes).toEqual({ absolute: 0, percent: 0 });
    // non-value-added: 35 − 170 = −135; 100 × −135 / 170 = −79.4117...
    expect(change.nonValueAddedMinutes.absolute).toBe(-135);
    expect(change.nonValueAddedMinutes.percent).toBeCloseTo(-79.41176471, 8);
    // PCE: 25/60 − 25/195 = 0.416666... − 0.128205... = 0.288461...; percent = 100 × (195/60 − 1) = 225
    expect(change.processCycleEfficiency.absolute).toBeCloseTo(0.2884615385, 10);
    expect(change.processCycleEfficiency.percent).toBeCloseTo(225, 10);
    // rolled %C&A: 85.5 − 68.4 = 17.1; 100 × 17.1 / 68.4 = 25
    expect(change.rolledPercentCompleteAccurate.absolute).toBeCloseTo(17.1, 10);
    expect(change.rolledPercentCompleteAccurate.percent).toBeCloseTo(25, 10);
    // takt: same value stream, 15 → 15
    expect(change.taktTimeMinutes).toEqual({ absolute: 0, percent: 0 });
    // steps: 3 − 4 = −1; 100 × −1 / 4 = −25
    expect(change.stepCount).toEqual({ absolute: -1, percent: -25 });
  });

  it('answers null percent when A is 0 but keeps the absolute change', () => {
    const zero = computeMapMetrics([{ waitTimeMinutes: 0, cycleTimeMinutes: 0, classification: 'waste' }], {});
    const { change } = compareMapMetrics(zero, b);
    // value added 0 → 25
    expect(change.valueAddedMinutes).toEqual({ absolute: 25, percent: null });
    // rolled %C&A of the zero map is 100, not 0: percent stays defined (85.5 − 100 = −14.5)
    expect(change.rolledPercentCompleteAccurate.absolute).toBeCloseTo(-14.5, 10);
    expect(change.rolledPercentCompleteAccurate.percent).toBeCloseTo(-14.5, 10);
  });

  it('answers null absolute and percent when either figure is null', () => {
    const zero = computeMapMetrics([{ waitTimeMinutes: 0, cycleTimeMinutes: 0, classification: 'waste' }], {});
    // zero has no PCE and no takt; b has both
    expect(compareMapMetrics(zero, b).change.processCycleEfficiency).toEqual({ absolute: null, percent: null });
    expect(compareMapMetrics(zero, b).change.taktTimeMinutes).toEqual({ absolute: null, percent: null });
    expect(compareMapMetrics(b, zero).change.processCycleEfficiency).toEqual({ absolute: null, percent: null });
    expect(compareMapMetrics(b, zero).change.taktTimeMinutes).toEqual({ absolute: null, percent: null });
  });

  it('reads a map compared with itself as no change', () => {
    for (const { absolute, percent } of Object.values(compareMapMetrics(a, a).change)) {
      expect(absolute).toBe(0);
      expect(percent).toBe(0);
    }
  });
});
