// The shape limits of a JSON body (SPEC §7), judged on the raw bytes in one linear pass BEFORE
// JSON.parse, class-transformer or any validator sees the body: those cost more than linear time in
// the number of keys (112,000 unknown keys once froze the API for 12 s), so a body over a limit must
// never reach them.
import { LIMITS } from '@app/improvement';

/** Largest JSON body, in bytes (body-parser answers 413 beyond it without reading further). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** Most keys a body may hold, counted at every depth. */
export const JSON_MAX_KEYS = 1000;
/** Most levels of objects and arrays (body → steps → step is 3). */
export const JSON_MAX_DEPTH = 10;

/**
 * The two routes whose largest body that SPEC §2 allows holds more than SPEC §7's 1,000 keys: a map of
 * 200 steps (6 fields each) and a write of 1,000 measure points (2 fields each). They get exactly the
 * room their largest valid body needs, so SPEC §2's limits stay reachable; every other route keeps
 * 1,000. The cost of a few thousand keys is still well under a millisecond (the quadratic transform
 * hurt at 100,000). docs/decisions/limits.md.
 */
const LARGER_BODIES: ReadonlyArray<{ method: string; path: RegExp; maxKeys: number }> = [
  { method: 'PUT', path: /^\/api\/measures\/[^/?#]+\/points$/, maxKeys: 2 * LIMITS.maxPointsPerWrite + 20 },
  { method: 'POST', path: /^\/api\/value-streams\/[^/?#]+\/maps$/, maxKeys: 6 * LIMITS.maxSteps + 20 },
  { method: 'PUT', path: /^\/api\/maps\/[^/?#]+\/steps$/, maxKeys: 6 * LIMITS.maxSteps + 20 },
];

/** The key limit of a request: SPEC §7's 1,000, or the room a route's largest valid body needs. */
export function maxKeysFor(method: string | undefined, url: string | undefined): number {
  const path = (url ?? '').split('?', 1)[0];
  const route = LARGER_BODIES.find((r) => r.method === method && r.path.test(path));
  return route ? route.maxKeys : JSON_MAX_KEYS;
}

export interface JsonLimitProblem {
  status: 400 | 413;
  message: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * The first limit a raw JSON body breaks, or null. One pass over the bytes, stopping at the first
 * breach: a key is a `:` outside a string, a level an unclosed `{` or `[`. Malformed JSON is left to
 * JSON.parse (which then answers 400); UTF-8 multi-byte sequences never contain these ASCII bytes.
 */
export function jsonLimitProblem(
  body: Uint8Array,
  limits = { maxKeys: JSON_MAX_KEYS, maxDepth: JSON_MAX_DEPTH },
): JsonLimitProblem | null {
  let inString = false;
  let depth = 0;
  let keys = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === COLON) {
      if (++keys > limits.maxKeys) {
        return { status: 400, message: `body has more than ${limits.maxKeys} keys in all (at most ${limits.maxKeys})` };
      }
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) {
        return { status: 400, message: `body is nested more than ${limits.maxDepth} levels deep` };
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return null;
}

/** The error body-parser's `verify` hook throws: http-errors keeps its status, type and message. */
export class JsonLimitError extends Error {
  readonly type = 'entity.limits';
  readonly expose = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** body-parser `verify` option: refuses a body over a limit before it is parsed. */
export function verifyJsonLimits(req: { method?: string; url?: string }, _res: unknown, body: Buffer): void {
  const problem = jsonLimitProblem(body, { maxKeys: maxKeysFor(req.method, req.url), maxDepth: JSON_MAX_DEPTH });
  if (problem) throw new JsonLimitError(problem.status, problem.message);
}
