// The field rules of a waste record (SPEC §2) in one place: the JSON API and the CSV import both run
// every row through `validateWasteRow`, and the API's DTO decorators use the same limits and message
// wording (a unit test checks the two agree). Pure: no Nest, no database; trust membership of linked
// records is checked by the waste service against Postgres.
import { isValidDate } from './dates';
import {
  PATIENT_IMPACTS,
  WASTE_STATUSES,
  WASTE_TYPES,
  type PatientImpact,
  type WasteStatus,
  type WasteType,
} from './vocab';

export const WASTE_LIMITS = {
  /** observedOn may not be earlier than this. */
  earliestDate: '2000-01-01',
  descriptionMaxLength: 2000,
  /** Minutes lost per occurrence: one week at most. */
  minutesLostMax: 10080,
  /** minutes_lost is numeric(7,2): hundredths of a minute at most. */
  minutesLostDecimals: 2,
  occurrencesMin: 1,
  occurrencesMax: 100000,
} as const;

export const WASTE_DEFAULTS = { occurrences: 1, status: 'identified' } as const satisfies {
  occurrences: number;
  status: WasteStatus;
};

/** One broken rule: `message` starts with the field name, as class-validator's messages do. */
export interface WasteFieldError {
  field: string;
  message: string;
}

/**
 * A waste record's fields as a client sends them (JSON body, or a CSV row after its cells were
 * converted). `undefined` means "not given" (the default applies to occurrences and status); `null`
 * clears an optional link or eliminatedOn.
 */
export interface WasteRowInput {
  observedOn?: unknown;
  wasteType?: unknown;
  description?: unknown;
  minutesLost?: unknown;
  occurrences?: unknown;
  patientImpact?: unknown;
  status?: unknown;
  eliminatedOn?: unknown;
  valueStreamId?: unknown;
  mapStepId?: unknown;
  improvementEventId?: unknown;
}

/** A valid waste record's own fields with the defaults and the eliminatedOn rule applied. */
export interface WasteValues {
  observedOn: string;
  wasteType: WasteType;
  description: string;
  minutesLost: number;
  occurrences: number;
  patientImpact: PatientImpact;
  status: WasteStatus;
  eliminatedOn: string | null;
  valueStreamId: string | null;
  mapStepId: string | null;
  improvementEventId: string | null;
}

// Message wording shared with the DTO decorators; the class-validator built-ins word theirs the same.
export const wasteMessages = {
  date: (field: string) => `${field} must be a real calendar date as YYYY-MM-DD`,
  notBefore: (field: string, earliest: string) => `${field} must not be before ${earliest}`,
  future: (field: string, today: string) => `${field} must not be in the future (today is ${today})`,
  oneOf: (field: string, values: readonly string[]) =>
    `${field} must be one of the following values: ${values.join(', ')}`,
  string: (field: string) => `${field} must be a string`,
  minLength: (field: string, min: number) => `${field} must be longer than or equal to ${min} characters`,
  maxLength: (field: string, max: number) => `${field} must be shorter than or equal to ${max} characters`,
  noNul: (field: string) => `${field} must not contain NUL characters`,
  // Worded as the global ValidationPipe words it, so a JSON body gets the message once.
  wellFormed: (field: string) => `${field} must be valid Unicode text (it holds an unpaired surrogate)`,
  number: (field: string) => `${field} must be a number conforming to the specified constraints`,
  integer: (field: string) => `${field} must be an integer number`,
  min: (field: string, min: number) => `${field} must not be less than ${min}`,
  max: (field: string, max: number) => `${field} must not be greater than ${max}`,
  decimals: (field: string, places: number) => `${field} must have at most ${places} decimal places`,
  uuid: (field: string) => `${field} must be a UUID`,
  eliminatedOnWithoutStatus: () => 'eliminatedOn may only be given when status is eliminated',
};

// The shape class-validator's @IsUUID() accepts (validator.js 'all': versions 1-8, nil and max).
const UUID_PATTERN =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

const given = (value: unknown) => value !== undefined;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

// An import checks a million rows that share a few hundred dates: remember the verdicts (bounded).
const dateVerdicts = new Map<string, boolean>();
function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let verdict = dateVerdicts.get(value);
  if (verdict === undefined) {
    if (dateVerdicts.size >= 10_000) dateVerdicts.clear();
    verdict = isValidDate(value);
    dateVerdicts.set(value, verdict);
  }
  return verdict;
}

/** The first broken rule of a calendar-date field (no time zone: `today` is passed in). */
export function checkWasteDate(field: string, value: unknown, today?: string): string | null {
  if (!isRealDate(value)) return wasteMessages.date(field);
  if (value < WASTE_LIMITS.earliestDate) return wasteMessages.notBefore(field, WASTE_LIMITS.earliestDate);
  if (today !== undefined && value > today) return wasteMessages.future(field, today);
  return null;
}

// A UTF-16 surrogate without its partner: no Unicode character, and not storable as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Length in Unicode characters (code points), as Postgres' char_length counts it. */
function characterCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++, count++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

/** The first broken rule of a description: 1-2000 characters of well-formed text without NUL. */
export function checkDescription(value: unknown): string | null {
  if (typeof value !== 'string') return wasteMessages.string('description');
  if (value.length < 1) return wasteMessages.minLength('description', 1);
  if (LONE_SURROGATE.test(value)) return wasteMessages.wellFormed('description');
  // Characters, not UTF-16 code units: 2000 emoji are 2000 characters, as the database counts them.
  const max = WASTE_LIMITS.descriptionMaxLength;
  if (value.length > max && characterCount(value) > max) return wasteMessages.maxLength('description', max);
  // Postgres text cannot hold U+0000; refuse it here rather than fail in SQL without a field name.
  if (value.includes('\u0000')) return wasteMessages.noNul('description');
  return null;
}

/**
 * Whether a finite number has at most `places` digits after the decimal point as JavaScript writes it
 * (the shortest form that reads back as the same number, so 0.29 is 2 places, not 0.28999…).
 * Exponent forms are counted too: 1e-7 has 7 places, 1.5e+21 none.
 */
export function hasAtMostDecimalPlaces(value: number, places: number): boolean {
  const text = String(Math.abs(value));
  const e = text.indexOf('e');
  const mantissa = e === -1 ? text : text.slice(0, e);
  const exponent = e === -1 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const fraction = dot === -1 ? 0 : mantissa.length - dot - 1;
  return fraction - exponent <= places;
}

function checkRange(field: string, value: unknown, min: number, max: number, integer: boolean): string | null {
  if (!isFiniteNumber(value)) return integer ? wasteMessages.integer(field) : wasteMessages.number(field);
  if (integer && !Number.isInteger(value)) return wasteMessages.integer(field);
  if (value < min) return wasteMessages.min(field, min);
  if (value > max) return wasteMessages.max(field, max);
  return null;
}

/** minutesLost: a number from 0 to 10080 with at most 2 decimal places. */
export function checkMinutesLost(value: unknown): string | null {
  const rangeError = checkRange('minutesLost', value, 0, WASTE_LIMITS.minutesLostMax, false);
  if (rangeError) return rangeError;
  return hasAtMostDecimalPlaces(value as number, WASTE_LIMITS.minutesLostDecimals)
    ? null
    : wasteMessages.decimals('minutesLost', WASTE_LIMITS.minutesLostDecimals);
}

function checkOneOf(field: string, value: unknown, values: readonly string[]): string | null {
  return typeof value === 'string' && values.includes(value) ? null : wasteMessages.oneOf(field, values);
}

/**
 * The first broken rule of a given eliminatedOn: a calendar date from 2000 (not after `today` when
 * given), only with status `eliminated` (the default status is not), and not before observedOn.
 */
export function checkEliminatedOn(row: WasteRowInput, today?: string): string | null {
  const dateError = checkWasteDate('eliminatedOn', row.eliminatedOn, today);
  if (dateError) return dateError;
  if ((row.status ?? WASTE_DEFAULTS.status) !== 'eliminated') return wasteMessages.eliminatedOnWithoutStatus();
  if (isValidDate(row.observedOn) && (row.eliminatedOn as string) < row.observedOn) {
    return 'eliminatedOn must not be before observedOn';
  }
  return null;
}

/**
 * Every broken field rule of one complete waste record, at most one message per field, in field
 * order. `today` is the platform's calendar date (TZ): dates may not lie after it. A given
 * eliminatedOn must go with status `eliminated` and may not precede observedOn.
 */
export function validateWasteRow(row: WasteRowInput, today: string): WasteFieldError[] {
  const errors: WasteFieldError[] = [];
  const add = (field: string, message: string | null) => {
    if (message) errors.push({ field, message });
  };
  add('observedOn', checkWasteDate('observedOn', row.observedOn, today));
  add('wasteType', checkOneOf('wasteType', row.wasteType, WASTE_TYPES));
  add('description', checkDescription(row.description));
  add('minutesLost', checkMinutesLost(row.minutesLost));
  if (given(row.occurrences)) {
    add(
      'occurrences',
      checkRange('occurrences', row.occurrences, WASTE_LIMITS.occurrencesMin, WASTE_LIMITS.occurrencesMax, true),
    );
  }
  add('patientImpact', checkOneOf('patientImpact', row.patientImpact, PATIENT_IMPACTS));
  if (given(row.status)) add('status', checkOneOf('status', row.status, WASTE_STATUSES));
  if (given(row.eliminatedOn) && row.eliminatedOn !== null) add('eliminatedOn', checkEliminatedOn(row, today));
  for (const field of ['valueStreamId', 'mapStepId', 'improvementEventId'] as const) {
    const value = row[field];
    if (given(value) && value !== null && !isUuid(value)) add(field, wasteMessages.uuid(field));
  }
  return errors;
}

/**
 * The stored values of a row that passed `validateWasteRow`: defaults applied, and eliminatedOn set to
 * today when the status is `eliminated` and no date was given, cleared for every other status.
 */
export function completeWasteRow(row: WasteRowInput, today: string): WasteValues {
  const status = (row.status ?? WASTE_DEFAULTS.status) as WasteStatus;
  const eliminatedOn = (row.eliminatedOn ?? null) as string | null;
  return {
    observedOn: row.observedOn as string,
    wasteType: row.wasteType as WasteType,
    description: row.description as string,
    minutesLost: row.minutesLost as number,
    occurrences: (row.occurrences ?? WASTE_DEFAULTS.occurrences) as number,
    patientImpact: row.patientImpact as PatientImpact,
    status,
    eliminatedOn: status === 'eliminated' ? (eliminatedOn ?? today) : null,
    valueStreamId: (row.valueStreamId ?? null) as string | null,
    mapStepId: (row.mapStepId ?? null) as string | null,
    improvementEventId: (row.improvementEventId ?? null) as string | null,
  };
}

/**
 * The row an update is judged as: the current record with the patch laid over it. The current
 * eliminatedOn carries over only while the record stays eliminated, so leaving `eliminated` clears
 * it, while a date given with a status other than `eliminated` is refused.
 */
export function mergeWastePatch(current: WasteValues, patch: WasteRowInput): WasteRowInput {
  const merged: WasteRowInput = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof WasteRowInput, unknown][]) {
    if (value !== undefined) merged[key] = value;
  }
  const status = merged.status;
  if (patch.eliminatedOn === undefined || patch.eliminatedOn === null) {
    merged.eliminatedOn = status === 'eliminated' && current.status === 'eliminated' ? current.eliminatedOn : undefined;
  }
  return merged;
}
