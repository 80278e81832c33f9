import { completeWasteRow, validateWasteRow } from '@app/domain';
import { isWasteCsvHeader, stagingCopyLine, WASTE_CSV_COLUMNS, WASTE_CSV_HEADER, wasteRowFromCells } from './waste-csv';

const TODAY = '2026-03-15';
const cells = (overrides: Partial<Record<(typeof WASTE_CSV_COLUMNS)[number], string>> = {}) => {
  const row = {
    observedOn: '2026-03-01',
    wasteType: 'motion',
    minutesLost: '7.5',
    occurrences: '3',
    patientImpact: 'low',
    status: 'in_progress',
    valueStreamId: '',
    description: 'Nurses walk to the far store room',
    ...overrides,
  };
  return WASTE_CSV_COLUMNS.map((column) => row[column]);
};

describe('waste CSV rows', () => {
  it('has the header of SPEC §4', () => {
    expect(WASTE_CSV_HEADER).toBe(
      'observedOn,wasteType,minutesLost,occurrences,patientImpact,status,valueStreamId,description',
    );
    expect(isWasteCsvHeader(WASTE_CSV_HEADER.split(','))).toBe(true);
    expect(isWasteCsvHeader(WASTE_CSV_HEADER.toLowerCase().split(','))).toBe(false);
    expect(isWasteCsvHeader([...WASTE_CSV_HEADER.split(','), 'extra'])).toBe(false);
  });

  it('turns cells into the values a JSON body would carry', () => {
    expect(wasteRowFromCells(cells())).toEqual({
      observedOn: '2026-03-01',
      wasteType: 'motion',
      minutesLost: 7.5,
      occurrences: 3,
      patientImpact: 'low',
      status: 'in_progress',
      valueStreamId: null,
      description: 'Nurses walk to the far store room',
    });
  });

  it('lets empty occurrences and status take their defaults', () => {
    const row = wasteRowFromCells(cells({ occurrences: '', status: '' }));
    expect(validateWasteRow(row, TODAY)).toEqual([]);
    expect(completeWasteRow(row, TODAY)).toMatchObject({ occurrences: 1, status: 'identified' });
  });

  it.each([
    ['minutesLost', '', 'minutesLost must be a number conforming to the specified constraints'],
    ['minutesLost', 'ten', 'minutesLost must be a number conforming to the specified constraints'],
    ['minutesLost', '0x10', 'minutesLost must be a number conforming to the specified constraints'],
    ['minutesLost', ' 5', 'minutesLost must be a number conforming to the specified constraints'],
    ['minutesLost', '10080.5', 'minutesLost must not be greater than 10080'],
    ['occurrences', '2.5', 'occurrences must be an integer number'],
    ['occurrences', '0', 'occurrences must not be less than 1'],
    ['valueStreamId', 'VS-1', 'valueStreamId must be a UUID'],
    ['description', '', 'description must be longer than or equal to 1 characters'],
    ['observedOn', '01/03/2026', 'observedOn must be a real calendar date as YYYY-MM-DD'],
  ] as const)('judges %s %p by the JSON rules', (column, value, message) => {
    expect(validateWasteRow(wasteRowFromCells(cells({ [column]: value })), TODAY)).toEqual([
      { field: column, message },
    ]);
  });

  it('reads plain decimals and exponents as numbers', () => {
    expect(wasteRowFromCells(cells({ minutesLost: '.5' })).minutesLost).toBe(0.5);
    expect(wasteRowFromCells(cells({ minutesLost: '1e3' })).minutesLost).toBe(1000);
    expect(wasteRowFromCells(cells({ minutesLost: '-3' })).minutesLost).toBe(-3);
  });

  it('encodes a valid row as COPY text, escaping what COPY would misread', () => {
    const row = wasteRowFromCells(
      cells({ status: 'eliminated', description: 'tab\there\nnew line \\N back\\slash\r' }),
    );
    expect(stagingCopyLine(7, completeWasteRow(row, TODAY))).toBe(
      '7\t2026-03-01\tmotion\t7.5\t3\tlow\teliminated\t2026-03-15\t\\N\ttab\\there\\nnew line \\\\N back\\\\slash\\r\n',
    );
  });
});
