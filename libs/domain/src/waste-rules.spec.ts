import {
  completeWasteRow,
  hasAtMostDecimalPlaces,
  mergeWastePatch,
  validateWasteRow,
  type WasteRowInput,
  type WasteValues,
} from './waste-rules';

const TODAY = '2026-03-15';
const valid: WasteRowInput = {
  observedOn: '2026-03-01',
  wasteType: 'waiting',
  description: 'Patients wait for porters',
  minutesLost: 12.5,
  patientImpact: 'medium',
};
const fieldsOf = (row: WasteRowInput, today = TODAY) => validateWasteRow(row, today).map((e) => e.field);

describe('validateWasteRow', () => {
  it('accepts a minimal record and names nothing', () => {
    expect(validateWasteRow(valid, TODAY)).toEqual([]);
  });

  it.each([
    ['observedOn', '2026-02-30', 'observedOn must be a real calendar date as YYYY-MM-DD'],
    ['observedOn', '1999-12-31', 'observedOn must not be before 2000-01-01'],
    ['observedOn', '2026-03-16', 'observedOn must not be in the future (today is 2026-03-15)'],
    ['observedOn', '2026-3-1', 'observedOn must be a real calendar date as YYYY-MM-DD'],
    [
      'wasteType',
      'muda',
      'wasteType must be one of the following values: transport, inventory, motion, waiting, overproduction, overprocessing, defects, skills',
    ],
    ['description', '', 'description must be longer than or equal to 1 characters'],
    ['description', 'x'.repeat(2001), 'description must be shorter than or equal to 2000 characters'],
    ['description', 'a\u0000b', 'description must not contain NUL characters'],
    ['description', '\u{1F3E5}'.repeat(2001), 'description must be shorter than or equal to 2000 characters'],
    ['description', 'lone \uD83C surrogate', 'description must be valid Unicode text (it holds an unpaired surrogate)'],
    ['minutesLost', -0.01, 'minutesLost must not be less than 0'],
    ['minutesLost', 10080.01, 'minutesLost must not be greater than 10080'],
    ['minutesLost', '5', 'minutesLost must be a number conforming to the specified constraints'],
    ['minutesLost', Number.NaN, 'minutesLost must be a number conforming to the specified constraints'],
    ['occurrences', 0, 'occurrences must not be less than 1'],
    ['occurrences', 100001, 'occurrences must not be greater than 100000'],
    ['occurrences', 1.5, 'occurrences must be an integer number'],
    ['occurrences', null, 'occurrences must be an integer number'],
    ['patientImpact', 'severe', 'patientImpact must be one of the following values: none, low, medium, high'],
    [
      'status',
      'done',
      'status must be one of the following values: identified, countermeasure_planned, in_progress, eliminated, accepted',
    ],
    ['valueStreamId', 'not-a-uuid', 'valueStreamId must be a UUID'],
    ['mapStepId', '123', 'mapStepId must be a UUID'],
    ['improvementEventId', 42, 'improvementEventId must be a UUID'],
  ])('names %s for %p', (field, value, message) => {
    expect(validateWasteRow({ ...valid, [field]: value }, TODAY)).toEqual([{ field, message }]);
  });

  it('counts a description in characters, as Postgres does, not in UTF-16 units', () => {
    expect(fieldsOf({ ...valid, description: '\u{1F3E5}'.repeat(2000) })).toEqual([]);
    expect(fieldsOf({ ...valid, description: `x${'\u{1F3E5}'.repeat(1999)}` })).toEqual([]);
    expect(fieldsOf({ ...valid, description: `xy${'\u{1F3E5}'.repeat(1999)}` })).toEqual(['description']);
  });

  it('accepts every limit itself', () => {
    const row = { ...valid, observedOn: TODAY, minutesLost: 10080, occurrences: 100000, description: 'x'.repeat(2000) };
    expect(validateWasteRow(row, TODAY)).toEqual([]);
    expect(fieldsOf({ ...valid, observedOn: '2000-01-01', minutesLost: 0, occurrences: 1, description: 'x' })).toEqual(
      [],
    );
  });

  it('requires the fields without a default and lists each once, in field order', () => {
    expect(fieldsOf({})).toEqual(['observedOn', 'wasteType', 'description', 'minutesLost', 'patientImpact']);
  });

  it('lets eliminatedOn go only with status eliminated, from observedOn up to today', () => {
    expect(fieldsOf({ ...valid, status: 'eliminated', eliminatedOn: '2026-03-10' })).toEqual([]);
    expect(validateWasteRow({ ...valid, eliminatedOn: '2026-03-10' }, TODAY)).toEqual([
      { field: 'eliminatedOn', message: 'eliminatedOn may only be given when status is eliminated' },
    ]);
    expect(fieldsOf({ ...valid, status: 'in_progress', eliminatedOn: '2026-03-10' })).toEqual(['eliminatedOn']);
    expect(validateWasteRow({ ...valid, status: 'eliminated', eliminatedOn: '2026-02-28' }, TODAY)).toEqual([
      { field: 'eliminatedOn', message: 'eliminatedOn must not be before observedOn' },
    ]);
    expect(fieldsOf({ ...valid, status: 'eliminated', eliminatedOn: '2026-03-16' })).toEqual(['eliminatedOn']);
    expect(fieldsOf({ ...valid, status: 'in_progress', eliminatedOn: null })).toEqual([]);
  });
});

describe('completeWasteRow', () => {
  it('applies the defaults', () => {
    expect(completeWasteRow(valid, TODAY)).toMatchObject({
      occurrences: 1,
      status: 'identified',
      eliminatedOn: null,
      valueStreamId: null,
      mapStepId: null,
      improvementEventId: null,
    });
  });

  it('dates an elimination today unless a date is given', () => {
    expect(completeWasteRow({ ...valid, status: 'eliminated' }, TODAY).eliminatedOn).toBe(TODAY);
    expect(completeWasteRow({ ...valid, status: 'eliminated', eliminatedOn: '2026-03-02' }, TODAY).eliminatedOn).toBe(
      '2026-03-02',
    );
  });
});

describe('mergeWastePatch', () => {
  const stored: WasteValues = { ...completeWasteRow(valid, TODAY), status: 'eliminated', eliminatedOn: '2026-03-05' };
  const afterPatch = (patch: WasteRowInput) => {
    const merged = mergeWastePatch(stored, patch);
    return { errors: validateWasteRow(merged, TODAY), values: completeWasteRow(merged, TODAY) };
  };

  it('keeps the elimination date while the record stays eliminated', () => {
    expect(afterPatch({ description: 'changed' }).values.eliminatedOn).toBe('2026-03-05');
    expect(afterPatch({ eliminatedOn: '2026-03-07' }).values.eliminatedOn).toBe('2026-03-07');
  });

  it('clears it when the status leaves eliminated, and refuses a date given with another status', () => {
    expect(afterPatch({ status: 'accepted' })).toEqual({
      errors: [],
      values: expect.objectContaining({ eliminatedOn: null }),
    });
    expect(afterPatch({ status: 'accepted', eliminatedOn: '2026-03-07' }).errors.map((e) => e.field)).toEqual([
      'eliminatedOn',
    ]);
  });

  it('dates a new elimination today', () => {
    const open: WasteValues = { ...stored, status: 'in_progress', eliminatedOn: null };
    const merged = mergeWastePatch(open, { status: 'eliminated' });
    expect(completeWasteRow(merged, TODAY).eliminatedOn).toBe(TODAY);
  });

  it('refuses moving observedOn after the stored elimination date', () => {
    expect(afterPatch({ observedOn: '2026-03-06' }).errors).toEqual([
      { field: 'eliminatedOn', message: 'eliminatedOn must not be before observedOn' },
    ]);
  });

  it('lets null clear a link', () => {
    const linked: WasteValues = { ...stored, valueStreamId: '0b8f6a3e-2c57-4c1e-9b4f-1d2e3f4a5b6c' };
    expect(completeWasteRow(mergeWastePatch(linked, { valueStreamId: null }), TODAY).valueStreamId).toBeNull();
  });
});

describe('minutesLost precision (numeric(7,2))', () => {
  it.each([
    [0, true],
    [12.5, true],
    [0.29, true],
    [10079.99, true],
    [12.345, false],
    [0.001, false],
    [1e-7, false],
    [1.5e21, true],
  ])('%p has at most 2 decimal places: %p', (value, ok) => {
    expect(hasAtMostDecimalPlaces(value, 2)).toBe(ok);
  });

  it('names the field and the rule', () => {
    expect(validateWasteRow({ ...valid, minutesLost: 1.234 }, TODAY)).toEqual([
      { field: 'minutesLost', message: 'minutesLost must have at most 2 decimal places' },
    ]);
  });
});
