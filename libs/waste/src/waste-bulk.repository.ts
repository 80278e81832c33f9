// SQL of the CSV import and export. Both stream through Postgres COPY on a dedicated client of the bulk
// pool (BulkDatabaseModule: small, separate from the main pool, so uploads and downloads in flight never
// take the connections the rest of the API needs), and neither holds a whole file in memory. An import writes its valid rows into a
// temporary staging table, then moves them into waste_records with the import's audit entry and rollup
// marks in set-based statements of the same transaction: all rows are stored, or none.
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import { from as copyFrom, to as copyTo, type CopyStreamQuery } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { BULK_DATA_SOURCE } from '@app/database';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { type CsvLineError, STAGING_COLUMNS } from './waste-csv';
import { type WasteFilter, wasteFilterSql } from './waste-records.repository';

/** A bulk statement may outlast the pool's 30 s statement_timeout: a large file takes a while to upload. */
const BULK_STATEMENT_TIMEOUT = '15min';

/** At most this many unknown value streams are reported (the import reports its first 100 errors). */
export const MAX_IMPORT_ERRORS = 100;

/** An import in progress: valid rows are streamed into the staging table until `commit` or `abort`. */
export class StagingImport {
  private failure: Error | null = null;
  private released = false;

  constructor(
    private readonly client: PoolClient,
    private readonly copy: CopyStreamQuery,
  ) {
    // Remember a COPY failure (e.g. the connection dropped) and raise it on the next write.
    copy.on('error', (error: Error) => (this.failure ??= error));
  }

  /** Sends COPY text; resolves when Postgres can take more, so the parser waits for the database. */
  async write(chunk: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.copy.write(chunk)) await once(this.copy, 'drain');
  }

  /**
   * Ends the COPY, checks every valueStreamId against the trust in one statement, then inserts all
   * rows, the import's audit entry and the rollup marks of every observed and eliminated day.
   */
  async commit(
    trustId: string,
    actorId: string,
    checkValueStreams: boolean,
  ): Promise<{ imported: number } | { errors: CsvLineError[] }> {
    try {
      this.copy.end();
      await finished(this.copy);
      if (checkValueStreams) {
        const { rows } = await this.client.query<{ line: number; valueStreamId: string }>(
          `SELECT s.line, s.value_stream_id AS "valueStreamId" FROM waste_import s
            WHERE s.value_stream_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM value_streams v WHERE v.id = s.value_stream_id AND v.trust_id = $1)
            ORDER BY s.line LIMIT ${MAX_IMPORT_ERRORS}`,
          [trustId],
        );
        if (rows.length) {
          await this.rollback();
          return {
            errors: rows.map((r) => ({
              line: r.line,
              field: 'valueStreamId',
              message: `valueStreamId: no value stream ${r.valueStreamId} in the trust`,
            })),
          };
        }
      }
      const inserted = await this.client.query(
        `INSERT INTO waste_records (trust_id, value_stream_id, waste_type, observed_on, description, minutes_lost,
                                    occurrences, patient_impact, status, eliminated_on, created_by)
         SELECT $1, value_stream_id, waste_type, observed_on, description, minutes_lost,
                occurrences, patient_impact, status, eliminated_on, $2
           FROM waste_import`,
        [trustId, actorId],
      );
      const imported = inserted.rowCount ?? 0;
      // One audit entry for the whole import (see docs/decisions/waste-log.md): the records it made are
      // the trust's records created by the actor at `createdAt`, the one now() of this transaction.
      await this.client.query(
        `INSERT INTO audit_entries (actor_id, action, entity, entity_id, trust_id, changes)
         VALUES ($2, 'create', 'waste_record', gen_random_uuid(), $1, jsonb_build_object(
           'imported', jsonb_build_object('before', NULL, 'after', $3::int),
           'createdAt', jsonb_build_object('before', NULL, 'after', to_jsonb(now()::timestamptz(3)))))`,
        [trustId, actorId, imported],
      );
      await this.client.query(
        `INSERT INTO rollup_marks (trust_id, day)
         SELECT $1, d.day FROM (SELECT observed_on FROM waste_import
                                UNION SELECT eliminated_on FROM waste_import WHERE eliminated_on IS NOT NULL) d(day)`,
        [trustId],
      );
      await this.client.query('COMMIT');
      this.release();
      return { imported };
    } catch (error) {
      await this.abort(error as Error);
      throw error;
    }
  }

  /** Rolls everything back and returns the client; a client left mid-COPY is discarded, not reused. */
  async abort(reason?: Error): Promise<void> {
    if (!this.copy.writableFinished && !this.copy.destroyed) {
      // Sends CopyFail: Postgres ends the COPY with an error, then the ROLLBACK below can run.
      this.copy.destroy(reason ?? new Error('import aborted'));
      await finished(this.copy).catch(() => undefined);
    }
    if (this.released) return;
    try {
      await this.rollback();
    } catch (error) {
      this.release(error as Error);
    }
  }

  private async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
    this.release();
  }

  private release(error?: Error): void {
    if (this.released) return;
    this.released = true;
    this.client.release(error);
  }
}

@Injectable()
export class WasteBulkRepository {
  constructor(@InjectDataSource(BULK_DATA_SOURCE) private readonly db: DataSource) {}

  /** A client of the bulk pool of its own, for the length of one COPY. */
  private connect(): Promise<PoolClient> {
    return ((this.db.driver as PostgresDriver).master as Pool).connect();
  }

  /** Starts an import transaction with an empty staging table and an open COPY into it. */
  async openStaging(): Promise<StagingImport> {
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL statement_timeout = '${BULK_STATEMENT_TIMEOUT}'`);
      await client.query(`
        CREATE TEMP TABLE waste_import (
          line int NOT NULL,
          observed_on date NOT NULL,
          waste_type text NOT NULL,
          minutes_lost numeric NOT NULL,
          occurrences int NOT NULL,
          patient_impact text NOT NULL,
          status text NOT NULL,
          eliminated_on date,
          value_stream_id uuid,
          description text NOT NULL
        ) ON COMMIT DROP`);
      const copy = client.query(copyFrom(`COPY waste_import (${STAGING_COLUMNS.join(', ')}) FROM STDIN`));
      return new StagingImport(client, copy);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error as Error);
      throw error;
    }
  }

  /**
   * The filtered records as CSV in the import's format, newest observedOn first, streamed by COPY as
   * Postgres produces them. The client goes back to the pool when the stream ends, and is discarded
   * if the reader stops early (a client gone mid-COPY cannot be reused).
   */
  async exportCsv(filter: WasteFilter, columns: readonly string[]): Promise<Readable> {
    const { where, params } = wasteFilterSql(filter);
    // COPY takes no bind parameters. The values are validated uuids, enum words and dates, and are
    // quoted as literals all the same.
    const conditions = where.map((condition) =>
      condition.replace(/:(\w+)/g, (_, name: string) => escapeLiteral(params[name])),
    );
    const selectList = [
      `to_char(w.observed_on, 'YYYY-MM-DD')`,
      'w.waste_type',
      // float8 writes 7.5, not numeric(7,2)'s 7.50: the cell as it was imported
      'w.minutes_lost::float8',
      'w.occurrences',
      'w.patient_impact',
      'w.status',
      'w.value_stream_id',
      // The only free text: the formula guard of `formulaSafeCell` (waste-csv.ts), in SQL. The other
      // cells are dates, enum words, numbers ≥ 0 and uuids, which never begin with =, +, -, @, tab or CR.
      `CASE WHEN left(ltrim(w.description, ''''), 1) IN ('=', '+', '-', '@', E'\\t', E'\\r')
            THEN '''' || w.description ELSE w.description END`,
    ].map((expression, i) => `${expression} AS "${columns[i]}"`);
    const sql =
      `COPY (SELECT ${selectList.join(', ')} FROM waste_records w` +
      (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
      ` ORDER BY w.observed_on DESC, w.id DESC) TO STDOUT WITH (FORMAT csv, HEADER true)`;

    const client = await this.connect();
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL statement_timeout = '${BULK_STATEMENT_TIMEOUT}'`);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    const stream = client.query(copyTo(sql));
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.release(error);
    };
    stream.on('end', () => {
      client.query('COMMIT').then(
        () => release(),
        (error: Error) => release(error),
      );
    });
    stream.on('error', (error: Error) => release(error));
    stream.on('close', () => {
      if (!stream.readableEnded) release(new Error('export stopped before its end'));
    });
    return stream;
  }
}
