// Hostile CSV on POST /api/waste-records/import (property-based): valid files full of nasty but legal
// text must import whole and come back through the export cell for cell; files with a bad cell,
// a wrong column count, a broken header, an unclosed quote, NUL or invalid UTF-8 bytes, an
// over-long record, or nothing at all must answer 422 with every error's line and field, and
// store nothing. Never a status of 500 or more.
import { addDays, PATIENT_IMPACTS, WASTE_STATUSES, WASTE_TYPES } from '@app/domain';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { formulaSafeCell, importedCell } from '@app/waste';
import fc from 'fast-check';
import { bearer, createTestApp, seedWorld, TestApp, World } from '../support/test-app';
import { TODAY } from '../isolation/fixtures';
import { codePoints, invalidText, nastyText, PAYLOADS, RUNS, SEED } from './arbitraries';
import { Problems, recordFigures, show } from './checks';

jest.setTimeout(600_000);

/**
 * Known, reported, in the waste import (libs/domain/src/waste-rules.ts, libs/waste), not ours to fix
 * while its owner is at work; docs/reliability.md lists them. Any other problem fails the test.
 *  - the import counts a description's length in UTF-16 code units, the JSON API (and PostgreSQL) in
 *    characters: 1,001-2,000 emoji import through the API but not through the file, so such a
 *    record's export does not import again;
 *  - bytes that are not UTF-8 are decoded to U+FFFD and stored, instead of refusing the file.
 */
const KNOWN_UTF16 = 'description length counted in UTF-16 code units';
const KNOWN = [
  KNOWN_UTF16,
  'accepted a file with a lone surrogate encoded as UTF-n',
  'accepted a file with invalid UTF-n',
];

const COLUMNS = [
  'observedOn',
  'wasteType',
  'minutesLost',
  'occurrences',
  'patientImpact',
  'status',
  'valueStreamId',
  'description',
];
const HEADER = COLUMNS.join(',');

type Row = string[];

const validRow: fc.Arbitrary<Row> = fc
  .record({
    observedOn: fc.integer({ min: 0, max: 3000 }).map((d) => addDays(TODAY, -d)),
    wasteType: fc.constantFrom(...WASTE_TYPES),
    // numeric(7,2): whole minutes or hundredths
    minutesLost: fc.oneof(
      fc.integer({ min: 0, max: 10080 }),
      fc.integer({ min: 0, max: 1_008_000 }).map((n) => n / 100),
    ),
    occurrences: fc.option(fc.integer({ min: 1, max: 100000 }), { nil: undefined }),
    patientImpact: fc.constantFrom(...PATIENT_IMPACTS),
    status: fc.option(fc.constantFrom(...WASTE_STATUSES), { nil: undefined }),
    description: nastyText(1, 2000),
  })
  .map((r) => [
    r.observedOn,
    r.wasteType,
    String(r.minutesLost),
    r.occurrences === undefined ? '' : String(r.occurrences),
    r.patientImpact,
    r.status ?? '',
    '',
    r.description,
  ]);

const csvOf = (header: string[], rows: Row[]) => stringify([header, ...rows]);

/** One hostile change to a valid file, as the bytes to send and what was done. */
type Hostile = { bytes: Buffer; how: string; valid: boolean; rows: Row[] };

const hostileFile: fc.Arbitrary<Hostile> = fc.array(validRow, { minLength: 1, maxLength: 8 }).chain((rows) => {
  const valid = (how: string, text = csvOf(COLUMNS, rows)): Hostile => ({
    bytes: Buffer.from(text),
    how,
    valid: true,
    rows,
  });
  const bad = (how: string, bytes: Buffer | string): Hostile => ({
    bytes: Buffer.from(bytes),
    how,
    valid: false,
    rows,
  });
  const at = fc.tuple(fc.nat({ max: rows.length - 1 }), fc.nat({ max: COLUMNS.length - 1 }));
  const cellValue = fc.oneof(
    invalidText(2000),
    fc.constantFrom(...PAYLOADS),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('=1+1', '+SUM(A1)', '-1', '@cmd', '1e999', 'NaN', ' 5', '5 ', '0x10', '2025-02-30', '9999-01-01'),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(valid('valid')) },
    {
      weight: 1,
      // CRLF between records only: a line break inside a quoted description stays as it was
      arbitrary: fc.constant(
        valid('CRLF line endings', stringify([COLUMNS, ...rows], { record_delimiter: 'windows' })),
      ),
    },
    { weight: 1, arbitrary: fc.constant(valid('with a UTF-8 BOM', `\ufeff${csvOf(COLUMNS, rows)}`)) },
    {
      weight: 4,
      arbitrary: fc.tuple(at, cellValue).map(([[r, c], v]) => {
        const changed = rows.map((row) => [...row]);
        changed[r][c] = v;
        return {
          bytes: Buffer.from(csvOf(COLUMNS, changed)),
          how: `${COLUMNS[c]} of row ${r + 2} := ${show(v, 40)}`,
          valid: false,
          rows: changed,
        };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.nat({ max: rows.length - 1 }), fc.boolean()).map(([r, extra]) => {
        const changed = rows.map((row) => [...row]);
        if (extra) changed[r].push('surplus');
        else changed[r].pop();
        return bad(`row ${r + 2} with ${extra ? 'an extra' : 'a missing'} cell`, csvOf(COLUMNS, changed));
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          COLUMNS.map((c) => c.toUpperCase()),
          [...COLUMNS].reverse(),
          [...COLUMNS, 'eliminatedOn'],
          COLUMNS.slice(1),
          ['observedOn;wasteType'],
        )
        .map((header) => bad(`header ${header.join(',').slice(0, 40)}`, csvOf(header, rows))),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom<[string, (text: string) => Buffer | string]>(
          ['an unclosed quote', (text) => `${text}"2025-01-01,motion,1,1,low,,,never closed\n`],
          ['a stray quote', (text) => `${text}2025-01-01,motion,1,1,low,,,a "quote" inside\n`],
          ['a NUL byte', (text) => `${text}2025-01-01,motion,1,1,low,,,nul\u0000byte\n`],
          [
            'invalid UTF-8',
            (text) =>
              Buffer.concat([
                Buffer.from(text),
                Buffer.from('2025-01-01,motion,1,1,low,,,bad '),
                Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
                Buffer.from('\n'),
              ]),
          ],
          [
            'a lone surrogate encoded as UTF-8',
            (text) =>
              Buffer.concat([
                Buffer.from(text),
                Buffer.from('2025-01-01,motion,1,1,low,,,x'),
                Buffer.from([0xed, 0xa0, 0x80]),
                Buffer.from('\n'),
              ]),
          ],
          ['a 100 KB description', (text) => `${text}2025-01-01,motion,1,1,low,,,${'x'.repeat(100_000)}\n`],
          ['CR-only line endings', (text) => text.replace(/\n/g, '\r')],
          ['no header', (text) => text.slice(text.indexOf('\n') + 1)],
          ['nothing', () => ''],
          ['only blank lines', () => '\n\n\n'],
          ['binary junk', () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131) % 256))],
          ['JSON instead of CSV', () => JSON.stringify([{ observedOn: TODAY }])],
        )
        .map(([how, spoil]) => bad(how, spoil(csvOf(COLUMNS, rows)))),
    },
  );
});

describe('hostile CSV on the waste import', () => {
  let t: TestApp;
  let world: World;
  const figures = { files: 0, rows: 0, imported: 0, rejected: 0, serverErrors: 0 };

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    world = await seedWorld(t);
  });
  afterAll(async () => {
    recordFigures('hostile-csv', figures);
    await t.close();
  });

  const exportOf = async (trustId: string): Promise<Record<string, string>[]> => {
    const res = await t
      .http()
      .get(`/api/waste-records/export?trustId=${trustId}`)
      .set(bearer(world.users.admin))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    if (res.status !== 200) throw new Error(`export: ${res.status}`);
    return parse(res.body as string, { columns: true, bom: true });
  };

  it('imports what is valid exactly, refuses the rest with line and field, never 500', async () => {
    const problems = new Problems();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileFile, async (file) => {
        // every file goes to a trust of its own, so its export is exactly its rows
        const trust = await t
          .http()
          .post('/api/trusts')
          .set(bearer(world.users.admin))
          .send({ code: `CSV${++n}`, name: `Import ${n}` });
        expect(trust.status).toBe(201);
        const res = await t
          .http()
          .post(`/api/waste-records/import?trustId=${trust.body.id}`)
          .set(bearer(world.users.admin))
          .set('Content-Type', 'text/csv')
          .send(file.bytes);
        figures.files++;
        figures.rows += file.rows.length;
        const example = `${file.how}: ${show(file.bytes.toString('utf8'), 200)} → ${res.status} ${show(res.body, 300)}`;
        if (res.status >= 500) {
          figures.serverErrors++;
          problems.add('import', `answered ${res.status}`, example);
          return;
        }
        const stored = Number(
          (await t.db.query(`SELECT count(*) AS n FROM waste_records WHERE trust_id = $1`, [trust.body.id]))[0].n,
        );
        if (res.status === 422) {
          figures.rejected++;
          const errors = res.body.errors as { line: unknown; field: unknown; message: unknown }[];
          if (!Array.isArray(errors) || errors.length === 0) problems.add('import', '422 without errors', example);
          for (const e of errors ?? []) {
            const ok =
              Number.isInteger(e.line) &&
              (e.line as number) >= 1 &&
              [...COLUMNS, 'header', 'row'].includes(e.field as string) &&
              typeof e.message === 'string';
            if (!ok) problems.add('import', '422 error without line and field', `${show(e)} | ${example}`);
          }
          if (stored !== 0) problems.add('import', '422 but rows stored', example);
          if (file.valid) {
            // a description of at most 2000 characters that is longer than 2000 UTF-16 code units (emoji)
            const utf16 = errors.every((e) => {
              const row = file.rows[(e.line as number) - 2];
              return e.field === 'description' && row && codePoints(row[7]) <= 2000 && row[7].length > 2000;
            });
            problems.add('import', utf16 ? KNOWN_UTF16 : 'a valid file refused', example);
          }
          return;
        }
        if (res.status !== 201) {
          problems.add('import', `answered ${res.status}`, example);
          return;
        }
        if (!file.valid && !file.how.includes(':=')) {
          problems.add('import', `accepted a file with ${file.how.replace(/\d+/g, 'n')}`, example);
          return;
        }
        figures.imported += stored;
        if (res.body.imported !== stored || stored !== file.rows.length) {
          problems.add(
            'import',
            'imported count differs from rows stored or sent',
            `${stored} stored, ${file.rows.length} sent | ${example}`,
          );
          return;
        }
        // cell for cell through the export (numbers as numbers: 2.50 and 2.5 are one value). A
        // description is stored without one leading ' before a formula character, and exported with one
        // (SPEC §7): the exported cell is formulaSafeCell(importedCell(sent)), and never a formula.
        const exported = await exportOf(trust.body.id);
        const key = (r: Row, description: string) =>
          JSON.stringify([r[0], r[1], Number(r[2]), Number(r[3] || 1), r[4], r[5] || 'identified', description]);
        const sent = file.rows.map((r) => key(r, formulaSafeCell(importedCell(r[7])))).sort();
        const back = exported
          .map((e) => COLUMNS.map((c) => e[c]))
          .map((r) => key(r, r[7]))
          .sort();
        for (const e of exported) {
          if (/^[=+\-@\t\r]/.test(e.description))
            problems.add('export', 'a cell a spreadsheet runs as a formula', `${show(e.description)} | ${file.how}`);
        }
        if (JSON.stringify(sent) !== JSON.stringify(back)) {
          const missing = sent.filter((s) => !back.includes(s));
          problems.add(
            'import',
            'accepted rows read back differently',
            `sent ${show(missing[0], 200)}, export has ${show(back.filter((b) => !sent.includes(b))[0], 200)} | ${file.how}`,
          );
        }
      }),
      { numRuns: Math.max(20, Math.round(RUNS / 2)), seed: SEED },
    );
    const unknown = problems.summary().filter((p) => !KNOWN.some((k) => p.startsWith(`import — ${k} (`)));
    expect({ seed: SEED, problems: unknown }).toEqual({ seed: SEED, problems: [] }); // HOSTILE_SEED=<seed> replays
  });

  it('refuses a body that is not CSV, and an import into another trust', async () => {
    await t
      .http()
      .post('/api/waste-records/import')
      .set(bearer(world.users.A.team))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ observedOn: TODAY }))
      .expect(415);
    await t
      .http()
      .post(`/api/waste-records/import?trustId=${world.trustB.id}`)
      .set(bearer(world.users.A.team))
      .set('Content-Type', 'text/csv')
      .send(`${HEADER}\n${TODAY},motion,1,1,low,,,x\n`)
      .expect(403);
    const res = await t
      .http()
      .post('/api/waste-records/import?trustId=not-a-uuid')
      .set(bearer(world.users.admin))
      .set('Content-Type', 'text/csv')
      .send(`${HEADER}\n`)
      .expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/trustId/);
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM waste_records`))[0].n)).toBe(0);
  });
});
