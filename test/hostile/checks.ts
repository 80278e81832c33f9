// What every answer to hostile input must satisfy, and the bookkeeping of a run: problems grouped
// by kind (one example each), and the figures written to test-artifacts/reliability/ for
// docs/reliability.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: Json }> }; parameters?: { name: string }[] }>
  >;
  components: { schemas: Record<string, Json> };
}

/** The write routes of the router (Express paths), as `METHOD /path`. */
export function writeRoutesOf(instance: { router?: unknown; _router?: unknown }): string[] {
  const stack = (
    (instance.router ?? instance._router) as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }
  ).stack;
  const routes: string[] = [];
  for (const layer of stack) {
    if (!layer.route || layer.route.path.startsWith('/api/docs')) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    if (methods.length > 5) continue; // middleware mounted on a path, not a route
    for (const m of methods)
      if (['post', 'put', 'patch', 'delete'].includes(m)) routes.push(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return routes.sort();
}

/** Every key of a JSON value, at any depth (the fields a client actually sent). */
export function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  const stack = [value];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [k, v] of Object.entries(node)) {
      if (!Array.isArray(node)) into.add(k);
      stack.push(v);
    }
  }
  return into;
}

/** Every property name of a route's request body (nested too) and its path parameters. */
export function fieldsOf(doc: OpenApi, route: string): Set<string> {
  const [method, path] = route.split(' ');
  const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  const fields = new Set<string>(['body']);
  for (const p of op?.parameters ?? []) fields.add(p.name);
  const seen = new Set<Json>();
  const walk = (schema: Json | undefined): void => {
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    if (typeof schema.$ref === 'string') return walk(doc.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.items) walk(schema.items as Json);
    for (const [name, sub] of Object.entries((schema.properties as Record<string, Json>) ?? {})) {
      fields.add(name);
      walk(sub);
    }
  };
  walk(op?.requestBody?.content['application/json']?.schema);
  // a bare array body (measure points) is validated, and named, as `points`
  if (path.endsWith('/points')) fields.add('points');
  return fields;
}

/**
 * Whether a validation message says which field failed: it starts with the field (or a nested
 * path such as `steps.0.name`), or is class-validator's `property x should not exist` /
 * `nested property x ...` / `each value in x ...`.
 */
export function namesAField(entry: unknown, fields: Set<string>): boolean {
  if (typeof entry !== 'string') return false;
  if (/(^|\.)property [\s\S]* should not exist$/.test(entry)) return true;
  // `0.periodStart` (an item of an array body) names periodStart; keys may hold spaces and controls
  const rest = entry.replace(/^(each value in )?(nested property )?/, '').replace(/^(\d+\.)+/, '');
  for (const field of fields) {
    if (rest.startsWith(field) && /^([ .:]|$)/.test(rest.slice(field.length))) return true;
  }
  return false;
}

/** The problems of one answer to a 4xx or 5xx: never 500+, Nest's error shape, 400s naming their fields. */
export function errorProblems(status: number, body: Json, fields: Set<string>): string[] {
  if (status >= 500) return [`answered ${status}`];
  if (status < 400) return [];
  const problems: string[] = [];
  if (body?.statusCode !== status || typeof body?.error !== 'string')
    problems.push(`${status} not in {statusCode, error, message} shape`);
  if (status === 400) {
    const messages = [body?.message].flat();
    if (messages.length === 0) problems.push('400 without a message');
    for (const m of messages)
      if (!namesAField(m, fields)) problems.push(`400 message names no field: ${String(m).slice(0, 120)}`);
  }
  return problems;
}

/**
 * Every leaf of what was sent, compared with what was read back at the same path: strings
 * verbatim, numbers exactly (0 and -0 alike), null as null. Returns the differences.
 */
export function compareLeaves(
  sent: unknown,
  read: unknown,
  options: { skip?: string[]; normalise?: Record<string, (value: unknown) => unknown> } = {},
  path = '',
): string[] {
  const key = path.split('.').pop() ?? '';
  if (options.skip?.includes(key)) return [];
  if (Array.isArray(sent)) {
    if (!Array.isArray(read)) return [`${path}: sent an array, read ${JSON.stringify(read)?.slice(0, 80)}`];
    if (read.length !== sent.length) return [`${path}: sent ${sent.length} items, read ${read.length}`];
    return sent.flatMap((v, i) => compareLeaves(v, read[i], options, `${path}.${i}`));
  }
  if (sent !== null && typeof sent === 'object') {
    if (read === null || typeof read !== 'object') return [`${path || '(body)'}: not read back`];
    return Object.entries(sent).flatMap(([k, v]) =>
      compareLeaves(v, (read as Json)[k], options, path ? `${path}.${k}` : k),
    );
  }
  const want = options.normalise?.[key] ? options.normalise[key](sent) : sent;
  if (typeof want === 'number' && typeof read === 'number' && want === read) return [];
  if (want === read) return [];
  return [`${path}: sent ${JSON.stringify(want)?.slice(0, 60)}, read back ${JSON.stringify(read)?.slice(0, 60)}`];
}

/** Problems of a run, grouped by kind with the first example of each and a count. */
export class Problems {
  private readonly kinds = new Map<string, { count: number; example: string }>();

  add(route: string, kind: string, example: string): void {
    const key = `${route} — ${kind}`;
    const found = this.kinds.get(key);
    if (found) found.count++;
    else this.kinds.set(key, { count: 1, example: example.slice(0, 600) });
  }

  get size(): number {
    return this.kinds.size;
  }

  /** One line per kind: what, how often, and an example input and answer. */
  summary(): string[] {
    return [...this.kinds.entries()].map(([kind, { count, example }]) => `${kind} (×${count}) e.g. ${example}`);
  }
}

/** A short, printable form of a body for a report (control characters escaped). */
export function show(value: unknown, max = 200): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Adds figures to test-artifacts/reliability/<name>.json (read by docs/reliability.md's last-run table). */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const dir = join(__dirname, '../../test-artifacts/reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...figures, at: new Date().toISOString() }, null, 2));
  // also in the run's own output: the file is shared by every run in this checkout
  console.log(`[reliability] ${name}: ${JSON.stringify(figures)}`);
}
