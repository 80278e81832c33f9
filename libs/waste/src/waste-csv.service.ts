// CSV import and export of the waste log (SPEC §4). The import streams: the request body is checked
// to be UTF-8 and parsed record by record, each row is judged by the same `validateWasteRow` as the
// JSON API, and valid rows go on to Postgres COPY in large chunks while the upload continues. Memory stays bounded whatever
// the file's size: at most one chunk of COPY text and 100 errors are held.
import { Actor, listScope, writeTrust } from '@app/auth';
import { completeWasteRow, todayIn, validateWasteRow } from '@app/domain';
import { Environment } from '@app/config';
import { BadRequestException, HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import { once } from 'node:events';
import { setImmediate as turnOfTheEventLoop } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { BulkSlot, BulkSlots } from './bulk-slots';
import { TransferCutOffError, TransferWatch } from './transfer-watch';
import { MAX_IMPORT_ERRORS, StagingImport, WasteBulkRepository } from './waste-bulk.repository';
import {
  CsvLineError,
  isWasteCsvHeader,
  stagingCopyLine,
  WASTE_CSV_COLUMNS,
  WASTE_CSV_HEADER,
  wasteRowFromCells,
} from './waste-csv';
import { WasteRecordsRepository } from './waste-records.repository';
import { InvalidUtf8Error, Utf8Guard } from './utf8-guard';
import { assertObservedRange, type WasteListQuery } from './waste-records.service';

/** COPY text is sent to Postgres in chunks of about this many characters. */
const COPY_CHUNK_CHARS = 1 << 20;

/**
 * The parse loop gives the event loop a turn after this much work: records already parsed are read
 * through promises that resolve at once, so without it a fast upload kept other requests waiting for
 * seconds (bench/abuse.mjs: a 200,000-row import pushed the liveness probe's p99 to 1.7 s).
 */
const MAX_SLICE_MS = 10;

/** No valid row comes near this (description ≤ 2000); a longer record is refused, not buffered. */
const MAX_RECORD_BYTES = 64 * 1024;

type ImportOutcome = { imported: number } | { errors: CsvLineError[] };

/** How many line breaks quoted cells of a record hold: a description may span lines. */
function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks++;
  }
  return breaks;
}

/** Reads and throws away what is left of a request body, so the answer can be sent on a clean connection. */
async function discard(body: Readable): Promise<void> {
  if (body.readableEnded || body.destroyed) return;
  // Detach the UTF-8 check and parser first: a stopped consumer would otherwise pause the body again.
  body.unpipe();
  body.resume();
  await once(body, 'end').catch(() => undefined);
}

@Injectable()
export class WasteCsvService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: WasteRecordsRepository,
    private readonly bulk: WasteBulkRepository,
    private readonly slots: BulkSlots,
    private readonly env: Environment,
  ) {}

  private tooLarge(): TransferCutOffError {
    return new TransferCutOffError(
      HttpStatus.PAYLOAD_TOO_LARGE,
      `the file is larger than the import limit of ${this.env.IMPORT_MAX_BYTES} bytes (IMPORT_MAX_BYTES)`,
    );
  }

  /**
   * Imports a CSV file into the caller's trust (admins name one): 201 `{imported}` when every row is
   * valid, otherwise 422 with the first 100 `{line, field, message}` and nothing stored. Beyond the
   * limits: 413 (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS), 429 (too many transfers at once), 408 (too slow);
   * those end the request without reading the rest of the body (TransferCutOffError).
   * `declaredBytes` is the request's Content-Length, when it has one.
   */
  async importCsv(
    actor: Actor,
    requestedTrustId: string | undefined,
    body: Readable,
    declaredBytes?: number,
  ): Promise<{ imported: number }> {
    let slot: BulkSlot | null = null;
    let readRest = true;
    try {
      const trustId = writeTrust(actor, requestedTrustId);
      if (declaredBytes !== undefined && declaredBytes > this.env.IMPORT_MAX_BYTES) throw this.tooLarge();
      if (actor.trustId !== trustId && !(await this.records.trustExists(this.db.manager, trustId))) {
        throw new BadRequestException([`trustId: no trust ${trustId}`]);
      }
      slot = await this.slots.acquire(trustId);
      const outcome = await this.load(body, trustId, actor.id, todayIn(this.env.TZ));
      if ('errors' in outcome) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: 'the file has invalid rows; nothing was imported',
          errors: outcome.errors,
        });
      }
      return outcome;
    } catch (error) {
      if ((error as { closeConnection?: boolean }).closeConnection) readRest = false;
      throw error;
    } finally {
      await slot?.release();
      if (readRest) await discard(body);
      else body.unpipe();
    }
  }

  /**
   * The filtered list as CSV in the import's format (newest observedOn first), on a connection of the
   * bulk pool. Takes a transfer slot (429 when none is free) that is given back when the stream closes.
   */
  async exportCsv(actor: Actor, query: Omit<WasteListQuery, 'limit' | 'cursor'>): Promise<Readable> {
    const { trustId, ...filter } = query;
    assertObservedRange(filter);
    const scope = listScope(actor, trustId);
    // a programme-wide export (no trust filter) counts against a slot key of its own
    const slot = await this.slots.acquire(scope ?? 'all-trusts');
    try {
      const stream = await this.bulk.exportCsv({ ...filter, trustId: scope }, WASTE_CSV_COLUMNS);
      stream.once('close', () => void slot.release());
      return stream;
    } catch (error) {
      await slot.release();
      throw error;
    }
  }

  private async load(body: Readable, trustId: string, actorId: string, today: string): Promise<ImportOutcome> {
    // No `info` and no skip_empty_lines: csv-parse's per-record info costs a fifth of the parse, and
    // counting lines here is cheap. A record starts on the line after the previous one ended.
    const parser = parse({
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n'],
      max_record_size: MAX_RECORD_BYTES,
    });
    const utf8 = new Utf8Guard();
    body.on('error', (error) => utf8.destroy(error));
    utf8.on('error', (error) => parser.destroy(error));
    // Size and pace are judged on the bytes as they arrive; a breach ends the parse with its 413 or 408.
    let received = 0;
    const cutOff = (error: TransferCutOffError) => {
      watch.stop();
      if (!utf8.destroyed) utf8.destroy(error);
    };
    const watch = new TransferWatch(this.env.TRANSFER_MIN_BYTES_PER_SECOND, this.env.TRANSFER_WINDOW_SECONDS, () =>
      cutOff(
        new TransferCutOffError(
          HttpStatus.REQUEST_TIMEOUT,
          `the upload was slower than ${this.env.TRANSFER_MIN_BYTES_PER_SECOND} bytes per second over ` +
            `${this.env.TRANSFER_WINDOW_SECONDS} seconds and was cut off`,
        ),
      ),
    ).start();
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      watch.add(chunk.length);
      if (received > this.env.IMPORT_MAX_BYTES) cutOff(this.tooLarge());
    };
    body.on('data', onData);
    body.once('end', () => watch.stop());
    body.pipe(utf8).pipe(parser);
    try {
      return await this.parseAndStage(parser, trustId, actorId, today);
    } finally {
      watch.stop();
      body.off('data', onData);
    }
  }

  private async parseAndStage(
    parser: AsyncIterable<string[]>,
    trustId: string,
    actorId: string,
    today: string,
  ): Promise<ImportOutcome> {
    const maxRows = this.env.IMPORT_MAX_ROWS;
    let rows = 0;
    let sliceStarted = performance.now();

    const errors: CsvLineError[] = [];
    let staging: StagingImport | null = null;
    let chunk = '';
    let sawHeader = false;
    let anyValueStream = false;
    let nextLine = 1;
    try {
      for await (const record of parser) {
        if (performance.now() - sliceStarted > MAX_SLICE_MS) {
          await turnOfTheEventLoop();
          sliceStarted = performance.now();
        }
        const line = nextLine;
        nextLine = line + 1 + lineBreaksIn(record);
        if (record.length === 1 && record[0] === '') continue; // an empty line
        if (!sawHeader) {
          sawHeader = true;
          if (!isWasteCsvHeader(record)) {
            errors.push({ line, field: 'header', message: `the header must be exactly ${WASTE_CSV_HEADER}` });
            break;
          }
          staging = await this.bulk.openStaging();
          continue;
        }
        if (++rows > maxRows) {
          throw new TransferCutOffError(
            HttpStatus.PAYLOAD_TOO_LARGE,
            `the file has more than ${maxRows} rows, the import limit (IMPORT_MAX_ROWS)`,
          );
        }
        if (record.length !== WASTE_CSV_COLUMNS.length) {
          errors.push({
            line,
            field: 'row',
            message: `a row must have ${WASTE_CSV_COLUMNS.length} fields, this one has ${record.length}`,
          });
        } else {
          const row = wasteRowFromCells(record);
          const rowErrors = validateWasteRow(row, today);
          for (const { field, message } of rowErrors) errors.push({ line, field, message });
          // Once a row is invalid nothing will be stored: keep validating, stop sending rows to COPY.
          if (errors.length === 0) {
            if (row.valueStreamId) anyValueStream = true;
            chunk += stagingCopyLine(line, completeWasteRow(row, today));
            if (chunk.length >= COPY_CHUNK_CHARS) {
              await staging!.write(chunk);
              chunk = '';
            }
          }
        }
        if (errors.length >= MAX_IMPORT_ERRORS) break;
      }
    } catch (error) {
      if (error instanceof InvalidUtf8Error) {
        errors.push({ line: error.line, field: 'row', message: error.message });
      } else if (error instanceof CsvError) {
        const lines = (error as CsvError & { lines?: number }).lines ?? nextLine;
        errors.push({ line: lines, field: 'row', message: error.message });
      } else {
        await staging?.abort(error as Error);
        throw error;
      }
    }
    if (!sawHeader && errors.length === 0) {
      errors.push({
        line: 1,
        field: 'header',
        message: `the file is empty: the header must be exactly ${WASTE_CSV_HEADER}`,
      });
    }
    if (errors.length || !staging) {
      await staging?.abort();
      return { errors: errors.slice(0, MAX_IMPORT_ERRORS) };
    }
    try {
      if (chunk) await staging.write(chunk);
    } catch (error) {
      await staging.abort(error as Error);
      throw error;
    }
    return staging.commit(trustId, actorId, anyValueStream);
  }
}
