// Pure pieces of the CSV import and export: the one header both use, turning a row's cells into the
// same field values a JSON body carries (so `validateWasteRow` judges both alike), and encoding a
// valid row for Postgres `COPY ... FROM STDIN` (text format).
import type { WasteRowInput, WasteValues } from '@app/domain';

/** The import's columns in order; the export writes exactly these, so a file round-trips. */
export const WASTE_CSV_COLUMNS = [
  'observedOn',
  'wasteType',
  'minutesLost',
  'occurrences',
  'patientImpact',
  'status',
  'valueStreamId',
  'description',
] as const;

export const WASTE_CSV_HEADER = WASTE_CSV_COLUMNS.join(',');

/** A problem with one line of an import file; the header is line 1. */
export interface CsvLineError {
  line: number;
  field: string;
  message: string;
}

// A plain decimal as a person or a spreadsheet writes it; Number() alone would read '' as 0 and
// '0x10' as 16. Anything else stays a string and fails the number rule like a JSON string would.
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numberCell(cell: string): unknown {
  if (cell === '') return undefined;
  return DECIMAL.test(cell) ? Number(cell) : cell;
}

/**
 * The field values of one data row (cells in WASTE_CSV_COLUMNS order). An empty cell means "not
 * given": occurrences and status take their defaults and valueStreamId stays empty, exactly as when a
 * JSON body leaves them out. The file has no eliminatedOn column: an `eliminated` row gets today.
 */
export function wasteRowFromCells(cells: readonly string[]): WasteRowInput {
  return {
    observedOn: cells[0],
    wasteType: cells[1],
    minutesLost: numberCell(cells[2]),
    occurrences: numberCell(cells[3]),
    patientImpact: cells[4],
    status: cells[5] === '' ? undefined : cells[5],
    valueStreamId: cells[6] === '' ? null : cells[6],
    description: cells[7],
  };
}

/** Whether a file's first record is the expected header (cells compared exactly). */
export function isWasteCsvHeader(cells: readonly string[]): boolean {
  return cells.length === WASTE_CSV_COLUMNS.length && WASTE_CSV_COLUMNS.every((name, i) => cells[i] === name);
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: backslash, tab and line breaks escaped. */
function copyText(value: string): string {
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Columns of the staging table, in the order `stagingCopyLine` writes them. */
export const STAGING_COLUMNS = [
  'line',
  'observed_on',
  'waste_type',
  'minutes_lost',
  'occurrences',
  'patient_impact',
  'status',
  'eliminated_on',
  'value_stream_id',
  'description',
] as const;

/** One valid row as a line of COPY text format, tagged with its file line for later error reports. */
export function stagingCopyLine(line: number, v: WasteValues): string {
  return (
    `${line}\t${v.observedOn}\t${v.wasteType}\t${v.minutesLost}\t${v.occurrences}\t${v.patientImpact}\t${v.status}\t` +
    `${v.eliminatedOn ?? '\\N'}\t${v.valueStreamId ?? '\\N'}\t${copyText(v.description)}\n`
  );
}
