// The one typed client of the API: openapi-fetch over the generated contract (schema.d.ts, from
// apps/api/openapi.json). Every call sends the app's header, which the API asks of every
// cookie-authenticated write (cross-site request protection); the session itself is the httpOnly
// cookie. Every non-2xx answer becomes an ApiError carrying the API's messages. A 401 ends the
// session: open forms save their drafts and the sign-in page shows; after signing in again the same
// page and form come back.
import createClient, { type Middleware } from 'openapi-fetch';
import { endSession, getSession } from '../auth/session';
import type { paths } from './schema';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's `message`, always as a list (validation errors name one field each). */
    readonly messages: string[],
    readonly body: unknown,
  ) {
    super(messages.join('; ') || `request failed with status ${status}`);
  }

  /** The route itself does not exist (yet): Nest answers `Cannot GET /api/...`. */
  get routeMissing(): boolean {
    return this.status === 404 && this.messages.some((m) => /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD) \//.test(m));
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/** Headers every API call of the app sends (the session itself travels in the cookie). */
export function authHeaders(): Record<string, string> {
  return { 'X-Requested-With': 'kaizen-ledger' };
}

function messagesOf(body: unknown, status: number): string[] {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (Array.isArray(message)) return message.map(String);
    if (typeof message === 'string') return [message];
  }
  if (typeof body === 'string' && body.trim()) return [body.trim().slice(0, 300)];
  return [`request failed with status ${status}`];
}

/** Turns a finished response into an ApiError (and ends the session on 401). */
export function errorFrom(status: number, body: unknown): ApiError {
  const error = new ApiError(status, messagesOf(body, status), body);
  const session = getSession();
  if (status === 401 && session && session !== 'checking') {
    endSession('Your session has ended. Sign in again to carry on: anything you were typing has been kept.');
  }
  return error;
}

/** Non-2xx answers and unreachable servers reject the call with an ApiError. */
const errors: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const text = await response.clone().text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    throw errorFrom(response.status, parsed);
  },
  onError({ error }) {
    if ((error as Error)?.name === 'AbortError' || error instanceof ApiError) return error as Error;
    return new ApiError(0, ['The service could not be reached. Check your connection and try again.'], null);
  },
};

export const client = createClient<paths>({ headers: { Accept: 'application/json', ...authHeaders() } });
client.use(errors);

/** For the CSV export and the printable board pack: the body as a Blob (not JSON). */
export async function apiBlob(path: string, options: { query?: Query; accept: string }): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { headers: { Accept: options.accept, ...authHeaders() } });
  } catch {
    throw new ApiError(0, ['The service could not be reached. Check your connection and try again.'], null);
  }
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    throw errorFrom(response.status, parsed);
  }
  return response.blob();
}
