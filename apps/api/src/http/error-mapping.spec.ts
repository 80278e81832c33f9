import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { keyFields, mapError } from './error-mapping';

const bodyOf = (e: HttpException | null) => ({ status: e?.getStatus(), body: e?.getResponse() });

describe('mapError', () => {
  it('keeps HttpExceptions that already have the {statusCode, error, message} shape', () => {
    const notFound = new NotFoundException('waste record not found');
    expect(mapError(notFound)).toBe(notFound);
  });

  it('adds the error name to a bare-string HttpException (e.g. the throttler 429)', () => {
    expect(bodyOf(mapError(new HttpException('ThrottlerException: Too Many Requests', 429)))).toEqual({
      status: 429,
      body: { statusCode: 429, error: 'Too Many Requests', message: 'ThrottlerException: Too Many Requests' },
    });
  });

  it("maps body-parser errors, raw or wrapped by Nest's express adapter", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 });
    const wrapped = new HttpException('request entity too large', 413, { cause: tooLarge });
    for (const error of [tooLarge, wrapped]) {
      expect(bodyOf(mapError(error))).toEqual({
        status: 413,
        body: {
          statusCode: 413,
          error: 'Payload Too Large',
          message: 'the request body is larger than the 1 MB limit',
        },
      });
    }
    const parse = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    expect(bodyOf(mapError(new BadRequestException(parse.message, { cause: parse }))).body).toMatchObject({
      message: ['body must be valid JSON'],
    });
    const charset = Object.assign(new Error('unsupported charset "LATIN1"'), {
      type: 'charset.unsupported',
      status: 415,
    });
    expect(mapError(new HttpException(charset.message, 415, { cause: charset }))?.getStatus()).toBe(415);
  });

  it('maps PostgreSQL errors a client can cause to 4xx, never 500, without database text', () => {
    const pg = (code: string, extra: object = {}) => ({ driverError: { code, message: `pg ${code}`, ...extra } });
    const unique = pg('23505', {
      table: 'users',
      constraint: 'users_email_key',
      detail: 'Key (lower(email::text))=(a@b.nhs.uk) already exists.',
    });
    expect(bodyOf(mapError(unique))).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: 'email must be unique: another record already has this email',
      },
    });
    // without a detail, the constraint's default name; never the name itself
    expect(mapError(pg('23505', { table: 'trusts', constraint: 'trusts_code_key' }))?.getResponse()).toMatchObject({
      message: 'code must be unique: another record already has this code',
    });
    const composite = pg('23505', { detail: 'Key (measure_id, period_start)=(x, 2026-01-01) already exists.' });
    expect(mapError(composite)?.getResponse()).toMatchObject({
      message: 'measureId and periodStart must be unique: another record already has this measureId and periodStart',
    });
    expect(
      mapError(
        pg('23503', { detail: 'Key (value_stream_id)=(x) is not present in table "value_streams".' }),
      )?.getResponse(),
    ).toMatchObject({ message: ['valueStreamId refers to a record that does not exist'] });
    expect(mapError(pg('23503'))?.getStatus()).toBe(400);
    expect(mapError(pg('23514'))?.getStatus()).toBe(400);
    expect(mapError(pg('23502', { column: 'cycle_time_minutes' }))?.getResponse()).toMatchObject({
      message: ['cycleTimeMinutes must be given'],
    });
    // a CHECK with PostgreSQL's default name says which API field it guards
    expect(
      mapError(pg('23514', { table: 'map_steps', constraint: 'map_steps_name_check' }))?.getResponse(),
    ).toMatchObject({ message: ['name breaks a rule of the record: check its length and range'] });
    expect(
      mapError(
        pg('23514', { table: 'value_streams', constraint: 'value_streams_available_minutes_per_day_check' }),
      )?.getResponse(),
    ).toMatchObject({ message: [expect.stringMatching(/^availableMinutesPerDay /)] });
    expect(mapError(pg('22P02'))?.getStatus()).toBe(400);
    expect(mapError(pg('40001'))?.getStatus()).toBe(409);
    // no message, detail, constraint or table of PostgreSQL reaches the client
    const leaky = {
      message: 'pg secret message',
      detail: 'Key (code)=(secret value) already exists.',
      constraint: 'secret_constraint',
      table: 'secret_table',
      column: undefined,
    };
    for (const code of ['22P02', '22003', '22021', '23502', '23505', '23503', '23514', '40001']) {
      const text = JSON.stringify(mapError(pg(code, leaky))?.getResponse());
      expect([code, /secret|pg |constraint/.test(text)]).toEqual([code, false]);
    }
  });

  it('reads key fields from a detail in linear time', () => {
    const detail = `Key (${'('.repeat(200_000)}a${')'.repeat(200_000)})=(x)`;
    const started = Date.now();
    keyFields(detail);
    keyFields(`Key (${'a, '.repeat(200_000)}`);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('answers 503 when the database is unreachable', () => {
    expect(mapError({ code: 'ECONNREFUSED' })?.getStatus()).toBe(503);
    // the next query of a transaction whose connection died (test/faults/postgres-kill)
    for (const name of ['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']) {
      expect(mapError(Object.assign(new Error('Query runner already released'), { name }))?.getStatus()).toBe(503);
    }
    expect(mapError(new Error('Connection terminated unexpectedly'))?.getStatus()).toBe(503);
    expect(mapError({ driverError: { code: '57P01' } })?.getStatus()).toBe(503);
  });

  it('leaves programming errors alone (they are 500s and get logged)', () => {
    expect(mapError(new TypeError('x is undefined'))).toBeNull();
    expect(mapError(undefined)).toBeNull();
  });
});
