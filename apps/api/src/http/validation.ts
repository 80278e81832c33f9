import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { JSON_MAX_DEPTH } from './json-limits';

/**
 * Deeper than any body of the API (body → steps → step is 3); class-transformer recurses per level.
 * JSON bodies are refused beyond it before parsing (json-limits.ts); this catches other values too.
 */
export const MAX_BODY_DEPTH = JSON_MAX_DEPTH;

/**
 * Keys JSON.parse keeps as own properties but class-transformer and the whitelist let through without
 * a word (they exist on every object's prototype): `__proto__`, `constructor`, `valueOf`, `toString` ...
 */
const isReservedKey = (key: string) => key === 'prototype' || key in Object.prototype;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * What class-validator's decorators do not see, named by field: nesting deep enough to overflow
 * class-transformer's recursion (a 500), reserved keys it drops without a word (an unknown field
 * accepted), and text no UTF-8 database can store as sent — NUL, and lone UTF-16 surrogates, which
 * would come back as U+FFFD. Iterative, so the check itself cannot overflow.
 */
export function structuralProblems(value: unknown, root = ''): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [node, path, depth] = stack.pop()!;
    if (typeof node === 'string') {
      const field = path || 'body';
      if (node.includes('\u0000')) after.push(`${field} must not contain NUL characters`);
      // before the validators: validator.js's isEmail throws URIError on a lone surrogate (a 500)
      if (LONE_SURROGATE.test(node))
        before.push(`${field} must be valid Unicode text (it holds an unpaired surrogate)`);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      before.push(`${path || 'body'} is nested more than ${MAX_BODY_DEPTH} levels deep`);
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      if (isReservedKey(key)) before.push(`property ${join(path, key)} should not exist`);
      else stack.push([child, join(path, Array.isArray(node) ? Number(key) : key), depth + 1]);
    }
  }
  return { before, after };
}

/**
 * Unknown fields are rejected; every failing field is named with its rule (SPEC §4). Besides the
 * DTOs' decorators, bodies, queries and path parameters pass `structuralProblems`.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    if (!this.toValidate(metadata)) {
      // No DTO here (a bare array body, a single query or path value): a route pipe that knows the
      // value's name validates structures (PointsBodyPipe names them `points.N`); text is judged now.
      if (typeof value === 'string') {
        const { before, after } = structuralProblems(value, metadata.data ?? metadata.type);
        if (before.length || after.length) throw new BadRequestException([...before, ...after]);
      }
      return super.transform(value, metadata);
    }
    const { before, after } = structuralProblems(value);
    if (before.length) throw new BadRequestException(before);
    let result: unknown;
    let messages: string[] = [];
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      const body = error.getResponse() as { message?: unknown };
      if (!Array.isArray(body.message)) throw error;
      messages = body.message as string[];
    }
    messages = [...new Set([...messages, ...after])];
    if (messages.length) throw new BadRequestException(messages);
    return result;
  }
}

export function validationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    stopAtFirstError: false,
  });
}
