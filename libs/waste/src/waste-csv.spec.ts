import { completeWasteRow, validateWasteRow } from '@app/domain';
import {
  formulaSafeCell,
  importedCell,
  isPlainDecimal,
  isWasteCsvHeader,
  stagingCopyLine,
  WASTE_CSV_COLUMNS,
  WASTE_CSV_HEADER,
  wasteRowFromCells,
} from './waste-csv';

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

describe('isPlainDecimal', () => {
  it('reads what a person or a spreadsheet writes, nothing else', () => {
    for (const ok of ['0', '7', '-3', '7.5', '7.', '.5', '-.5', '1e3', '1.5E-2', '2e+4', '007'])
      expect([ok, isPlainDecimal(ok)]).toEqual([ok, true]);
    for (const bad of [
      '',
      '-',
      '.',
      '-.',
      'e5',
      '.e5',
      '1e',
      '1e+',
      '0x10',
      '1,5',
      ' 1',
      '1 ',
      '+1',
      '1..2',
      'Infinity',
      'NaN',
      '1e5.5',
    ])
      expect([bad, isPlainDecimal(bad)]).toEqual([bad, false]);
  });

  it('takes linear time on the cells that made the old pattern backtrack (issue 11)', () => {
    // 64 KB of digits with a bad last character: the old /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ took
    // about 5 s on one such cell. Now n and 4n take time in proportion, and far under a millisecond each.
    const hostile = (n: number) => ['1'.repeat(n) + 'x', `${'1'.repeat(n)}.${'1'.repeat(n)}e`, `-.${'9'.repeat(n)}e+`];
    const small = hostile(16_000);
    const large = hostile(64_000);
    const tSmall = fastest(() => small.forEach(isPlainDecimal));
    const tLarge = fastest(() => large.forEach(isPlainDecimal));
    expect(large.map(isPlainDecimal)).toEqual([false, false, false]);
    expect(tLarge).toBeLessThan(Math.max(tSmall * 10, 20));
    expect(tLarge).toBeLessThan(100);
  });
});

describe('formula-safe cells', () => {
  it('guards a cell that a spreadsheet would run as a formula', () => {
    expect(formulaSafeCell('=HYPERLINK("http://evil.example","click")')).toBe(
      '\'=HYPERLINK("http://evil.example","click")',
    );
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(formulaSafeCell(`${c}1`)).toBe(`'${c}1`);
    expect(formulaSafeCell('Porters wait')).toBe('Porters wait');
    expect(formulaSafeCell("'quoted")).toBe("'quoted");
    expect(formulaSafeCell("''=x")).toBe("'''=x");
    expect(formulaSafeCell('')).toBe('');
  });

  it('round-trips every cell: the import removes exactly the one apostrophe the export added', () => {
    const cellsToTry = [
      '=1+1',
      '+44 20',
      '-5',
      '@SUM(A1)',
      '\tx',
      '\rx',
      "'=x",
      "''+x",
      "'",
      "'plain",
      'plain',
      '',
      "''",
    ];
    for (const cell of cellsToTry) expect([cell, importedCell(formulaSafeCell(cell))]).toEqual([cell, cell]);
    expect(importedCell("'-12")).toBe('-12');
    expect(importedCell("'plain")).toBe("'plain");
  });

  it('frees a description from the guard when reading a row', () => {
    expect(wasteRowFromCells(cells({ description: '\'=HYPERLINK("x")' })).description).toBe('=HYPERLINK("x")');
  });

  it('takes linear time on a cell of apostrophes', () => {
    const n = 200_000;
    const cell = "'".repeat(n) + '=';
    expect(fastest(() => importedCell(formulaSafeCell(cell)))).toBeLessThan(50);
  });
});
