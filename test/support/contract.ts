// Checks real answers of the API against its OpenAPI document (apps/api/src/http/configure-app.ts
// buildOpenApiDocument), so the document cannot drift from the server: every answer's status must be
// declared by its operation, and its body must match the declared schema of its media type.
// Requests can be checked the same way (the parameters and body a client would send).
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
};

/** OpenAPI 3.0 schema → JSON Schema (draft 7) as Ajv reads it: nullable, boolean exclusive bounds, refs. */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string')
      out.$ref = value.replace('#/components/schemas/', 'openapi#/definitions/');
    else if (key === 'properties')
      out.properties = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, toJsonSchema(v)]));
    else out[key] = toJsonSchema(value);
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

export interface Checked {
  method: string;
  path: string;
  status: number;
}

export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly operations: { method: string; pattern: RegExp; template: string; operation: Operation }[] = [];
  private readonly compiled = new Map<Json, ValidateFunction>();
  /** Every (method, path template, status) seen, for the coverage check. */
  readonly seen = new Set<string>();

  constructor(readonly document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ definitions: toJsonSchema(document.components?.schemas ?? {}) as Json }, 'openapi');
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(item as Json)) {
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
          this.operations.push({ method, pattern, template, operation: operation as Operation });
      }
    }
  }

  private validator(schema: Json): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) this.compiled.set(schema, (validate = this.ajv.compile(toJsonSchema(schema) as Json)));
    return validate;
  }

  private errorsOf(schema: Json, value: unknown): string | null {
    const validate = this.validator(schema);
    return validate(value) ? null : this.ajv.errorsText(validate.errors, { dataVar: 'body' });
  }

  find(method: string, path: string) {
    const bare = path.split('?')[0];
    return this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(bare));
  }

  /** Throws, naming the operation and the problem, when an answer is not what the document declares. */
  checkResponse(answer: {
    method: string;
    path: string;
    status: number;
    contentType?: string;
    body: unknown;
    text?: string;
  }): void {
    const found = this.find(answer.method, answer.path);
    const where = `${answer.method.toUpperCase()} ${answer.path.split('?')[0]} → ${answer.status}`;
    if (!found) {
      // a route the document does not have is one the server does not have either
      if (answer.status === 404) return;
      throw new Error(`contract: ${where}: no operation in the OpenAPI document`);
    }
    this.seen.add(`${found.method} ${found.template} ${answer.status}`);
    const response = found.operation.responses[String(answer.status)] ?? found.operation.responses.default;
    if (!response)
      throw new Error(
        `contract: ${where}: status not declared (declared: ${Object.keys(found.operation.responses).join(', ')})`,
      );
    const media = (answer.contentType ?? '').split(';')[0].trim();
    if (!response.content) {
      if (answer.text && answer.status !== 302 && answer.status !== 304)
        throw new Error(`contract: ${where}: a body (${media}) where the document declares none`);
      return;
    }
    const declared = response.content[media];
    if (!declared)
      throw new Error(
        `contract: ${where}: media type ${media || '(none)'} not declared (declared: ${Object.keys(response.content).join(', ')})`,
      );
    // a test may parse a text answer itself (supertest then leaves `text` unset and puts it in `body`)
    const text = answer.text ?? (Buffer.isBuffer(answer.body) ? answer.body.toString('utf8') : answer.body);
    const body = media === 'application/json' ? answer.body : text;
    const problem = this.errorsOf(declared.schema, body);
    if (problem) throw new Error(`contract: ${where}: ${problem}\n${String(JSON.stringify(body)).slice(0, 500)}`);
  }

  /** The problems the document finds in a request (what a validating client or proxy would refuse). */
  requestProblems(method: string, path: string, body?: unknown): string[] {
    const found = this.find(method, path);
    if (!found) return [`no operation ${method} ${path}`];
    const problems: string[] = [];
    const [bare, search = ''] = path.split('?');
    const query = new URLSearchParams(search);
    const segments = bare.split('/');
    const names = found.template.split('/');
    for (const parameter of found.operation.parameters ?? []) {
      let raw: string | null = null;
      if (parameter.in === 'path') raw = segments[names.indexOf(`{${parameter.name}}`)];
      if (parameter.in === 'query') raw = query.get(parameter.name);
      if (raw === null || raw === undefined) {
        if (parameter.required) problems.push(`${parameter.name} is required`);
        continue;
      }
      const type = parameter.schema.type;
      const value =
        type === 'integer' || type === 'number'
          ? raw.trim() === ''
            ? raw
            : Number(raw)
          : type === 'boolean'
            ? raw === 'true'
              ? true
              : raw === 'false'
                ? false
                : raw
            : raw;
      const problem = this.errorsOf(parameter.schema, value);
      if (problem) problems.push(`${parameter.name}: ${problem}`);
    }
    for (const name of query.keys())
      if (!(found.operation.parameters ?? []).some((p) => p.in === 'query' && p.name === name))
        problems.push(`unknown query parameter ${name}`);
    const json = found.operation.requestBody?.content['application/json'];
    if (json && body !== undefined) {
      const problem = this.errorsOf(json.schema, body);
      if (problem) problems.push(problem);
    }
    return problems;
  }
}
