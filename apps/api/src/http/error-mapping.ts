// Pure: turns errors that are not HttpExceptions into the HTTP answer a user should get, so
// nothing a client can cause ends as a 500, and a database outage is a 503, not a hang.
import {
  BadRequestException,
  ConflictException,
  HttpException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

interface ErrorLike {
  code?: string;
  status?: number;
  type?: string;
  message?: string;
  detail?: string;
  column?: string;
  table?: string;
  constraint?: string;
  driverError?: ErrorLike;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08006',
  '08003',
  '08001',
]);

const RELEASED_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/** body-parser's errors (they carry a `type`), in our words. */
function mapBodyError(e: ErrorLike): HttpException | null {
  if (e.type === 'entity.too.large' || e.status === 413)
    return new PayloadTooLargeException('the request body is larger than the 1 MB limit');
  if (e.type === 'entity.parse.failed') return new BadRequestException(['body must be valid JSON']);
  // json-limits.ts: too many keys or too deep, refused before parsing; the message names `body`
  if (e.type === 'entity.limits') return new BadRequestException([e.message ?? 'body breaks a JSON limit']);
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new UnsupportedMediaTypeException('body must be JSON in UTF-8 (Content-Type: application/json)');
  }
  return null;
}

/**
 * An HttpException built from a bare string answers `{statusCode, message}`; SPEC §4 wants
 * `{statusCode, error, message}` on every error (the throttler's 429 is one such).
 */
function withErrorName(exception: HttpException): HttpException {
  const body = exception.getResponse();
  if (typeof body !== 'string') return exception;
  const status = exception.getStatus();
  return new HttpException({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: body }, status, {
    cause: exception,
  });
}

/** snake_case column → the API's camelCase field (`value_stream_id` → `valueStreamId`). */
const fieldOfColumn = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const CONSTRAINT_SUFFIXES = ['_check', '_fkey', '_key', '_idx', '_unique'];

/**
 * The API field a constraint guards, from PostgreSQL's default names `<table>_<column>_check`,
 * `_fkey`, `_key` (`map_steps_name_check` → `name`). A length rule the validators count differently
 * from char_length (class-validator skips U+FE0E/U+FE0F) then still answers naming the field.
 */
export function checkedField(pg: Pick<ErrorLike, 'table' | 'constraint'>): string | null {
  const { table, constraint } = pg;
  if (!table || !constraint?.startsWith(`${table}_`)) return null;
  const suffix = CONSTRAINT_SUFFIXES.find((s) => constraint.endsWith(s));
  if (!suffix) return null;
  const column = constraint.slice(table.length + 1, -suffix.length);
  return column ? fieldOfColumn(column) : null;
}

/**
 * The fields of a unique or foreign key from PostgreSQL's detail, `Key (trust_id, lower(email))=(…)`:
 * the columns only, never the values. Indexes and slices only (linear); null when it is not that shape.
 */
export function keyFields(detail: string | undefined): string[] | null {
  if (!detail?.startsWith('Key (')) return null;
  const end = detail.indexOf(')=(');
  if (end === -1) return null;
  const fields = detail
    .slice('Key ('.length, end)
    .split(', ')
    .map((part) => {
      // an expression index, `lower((email)::text)`: the innermost name before any cast
      const open = part.lastIndexOf('(');
      const inner = open === -1 ? part : part.slice(open + 1);
      const cast = inner.indexOf('::');
      const name = (cast === -1 ? inner : inner.slice(0, cast)).replaceAll(')', '').trim();
      return /^[a-z_][a-z0-9_]*$/.test(name) ? fieldOfColumn(name) : null;
    });
  return fields.every((f): f is string => f !== null) ? fields : null;
}

/** The fields a key or constraint error is about: from the detail, else the constraint's default name. */
function fieldsOf(pg: ErrorLike): string[] | null {
  const fromDetail = keyFields(pg.detail);
  if (fromDetail) return fromDetail.filter((f) => f !== 'trustId' || fromDetail.length === 1);
  const field = checkedField(pg);
  return field ? [field] : null;
}

const andList = (fields: string[]) => fields.join(' and ');

// Answers below never carry PostgreSQL's message, detail, constraint or table names (SPEC §7): the
// filter logs those; the client gets the field and the rule.
export function mapError(error: unknown): HttpException | null {
  if (error instanceof HttpException) {
    // Nest 12's express adapter already wraps body-parser errors in a plain HttpException with
    // the parser's wording; the original error is its cause.
    const cause = error.cause as ErrorLike | undefined;
    return (cause?.type ? mapBodyError(cause) : null) ?? withErrorName(error);
  }
  const e = (error ?? {}) as ErrorLike;
  const pg = e.driverError ?? e;
  const bodyError = mapBodyError(e);
  if (bodyError) return bodyError;
  // TypeORM releases a transaction's query runner when its connection emits an error (a terminated
  // backend, a dropped socket); the transaction's next query then fails with one of these.
  if (RELEASED_RUNNER.has((error as Error)?.name)) {
    return new ServiceUnavailableException('the database is unavailable; try again shortly');
  }
  if (pg.code && CONNECTION_CODES.has(pg.code))
    return new ServiceUnavailableException('the database is unavailable; try again shortly');
  const message = pg.message ?? '';
  if (
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(
      message,
    )
  ) {
    return new ServiceUnavailableException('the database is unavailable; try again shortly');
  }
  switch (pg.code) {
    case '22P02': // invalid_text_representation (e.g. a malformed uuid reaching SQL)
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22001': // string_data_right_truncation
    case '22021': {
      // character_not_in_repertoire (NUL bytes)
      const field = pg.column ? fieldOfColumn(pg.column) : null;
      return new BadRequestException([
        field ? `${field} is out of range or malformed` : 'a value is out of range or malformed',
      ]);
    }
    case '23502': {
      // NOT NULL: a value the validators let through as missing (defence in depth; the DTOs should catch it)
      const field = pg.column ? fieldOfColumn(pg.column) : null;
      return new BadRequestException([field ? `${field} must be given` : 'a required value is missing']);
    }
    case '23505': {
      const fields = fieldsOf(pg);
      return new ConflictException(
        fields
          ? `${andList(fields)} must be unique: another record already has this ${andList(fields)}`
          : 'another record already has this value',
      );
    }
    case '23503': {
      const fields = fieldsOf(pg);
      return new BadRequestException([
        fields
          ? `${andList(fields)} refers to a record that does not exist`
          : 'a reference refers to a record that does not exist',
      ]);
    }
    case '23514': {
      const field = checkedField(pg);
      return new BadRequestException([
        field
          ? `${field} breaks a rule of the record: check its length and range`
          : 'a value breaks a rule of the record: check its length and range',
      ]);
    }
    case '40001':
    case '40P01':
      return new ConflictException('the record was changed by someone else at the same moment; try again');
    default:
      return null;
  }
}
