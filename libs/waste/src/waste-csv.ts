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

/** Whether a character code is an ASCII digit. */
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** Index of the first non-digit at or after `at`. */
function skipDigits(text: string, at: number): number {
  while (at < text.length && isDigit(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Whether a cell is a plain decimal as a person or a spreadsheet writes it: `-?(digits[.digits]|.digits)`
 * with an optional exponent. One left-to-right pass (a regular expression for this backtracked: a
 * 64 KB cell of digits took seconds). Number() alone would read '' as 0 and '0x10' as 16.
 */
export function isPlainDecimal(text: string): boolean {
  let at = text.charCodeAt(0) === 0x2d ? 1 : 0; // '-'
  const intEnd = skipDigits(text, at);
  let digits = intEnd - at;
  at = intEnd;
  if (text.charCodeAt(at) === 0x2e) {
    // '.'
    const fractionEnd = skipDigits(text, at + 1);
    digits += fractionEnd - at - 1;
    at = fractionEnd;
  }
  if (digits === 0) return false;
  const e = text.charCodeAt(at);
  if (e === 0x65 || e === 0x45) {
    // 'e' or 'E', then an optional sign and at least one digit
    at++;
    const sign = text.charCodeAt(at);
    if (sign === 0x2b || sign === 0x2d) at++;
    const exponentEnd = skipDigits(text, at);
    if (exponentEnd === at) return false;
    at = exponentEnd;
  }
  return at === text.length;
}

/** A number cell: a plain decimal becomes a number; anything else stays a string and fails the number rule. */
function numberCell(cell: string): unknown {
  if (cell === '') return undefined;
  return isPlainDecimal(cell) ? Number(cell) : cell;
}

/** Characters a spreadsheet takes as the start of a formula (SPEC §7). */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Whether a cell, after any leading apostrophes, begins with a formula character. */
function startsFormulaAfterQuotes(cell: string): boolean {
  let at = 0;
  while (cell[at] === "'") at++;
  return FORMULA_STARTS.has(cell[at]);
}

/**
 * A cell as the export writes it: one leading `'` before a formula character, so a spreadsheet shows
 * text instead of running `=HYPERLINK(...)`. A cell that already begins with apostrophes before such a
 * character gets one more, so that `importedCell` (which removes exactly one) gives back the original.
 */
export function formulaSafeCell(cell: string): string {
  return startsFormulaAfterQuotes(cell) ? `'${cell}` : cell;
}

/** The inverse of `formulaSafeCell`: removes one leading `'` before (apostrophes and) a formula character. */
export function importedCell(cell: string): string {
  return cell[0] === "'" && startsFormulaAfterQuotes(cell) ? cell.slice(1) : cell;
}

/**
 * The field values of one data row (cells in WASTE_CSV_COLUMNS order), each cell first freed of the
 * export's formula guard (`importedCell`). An empty cell means "not
 * given": occurrences and status take their defaults and valueStreamId stays empty, exactly as when a
 * JSON body leaves them out. The file has no eliminatedOn column: an `eliminated` row gets today.
 */
export function wasteRowFromCells(raw: readonly string[]): WasteRowInput {
  const cells = raw.map(importedCell);
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
