// fetch with the session cookie (httpOnly, set by the API) and the app's header, which the API asks of
// every cookie-authenticated write (cross-site request protection). Every non-2xx answer becomes an
// ApiError carrying the API's messages. A 401 ends the session: open forms save their drafts and the
// sign-in page shows; after signing in again the same page and form come back.
import { endSession, getSession } from '../auth/session';

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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  accept?: string;
  signal?: AbortSignal;
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

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...authHeaders() };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
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
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** For the CSV export and the printable board pack: the body as a Blob. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await send(path, options);
  return response.blob();
}
