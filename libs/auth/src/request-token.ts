// Where a request's access token is read from: the one place to add another carrier (e.g. a cookie).
// The scheme is case-insensitive (RFC 7235 §2.1); the token is three base64url parts.
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

export interface TokenCarrier {
  headers: Record<string, string | string[] | undefined>;
}

/** The token the request carries, or null. */
export function requestToken(request: TokenCarrier): string | null {
  const header = request.headers['authorization'];
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  return match ? match[1] : null;
}
