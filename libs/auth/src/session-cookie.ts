// The web app's cookie session beside the Bearer API (pure helpers; the HTTP wiring is in apps/api).
// The cookie holds the same access token a Bearer client gets, so every check the guard makes on a
// token (signature, expiry, and the session id when sessions are revocable) applies to both.
export const SESSION_COOKIE = 'kaizen_session';
/** Short-lived cookie binding a single sign-on attempt (its `state`) to the browser that started it. */
export const OIDC_STATE_COOKIE = 'kaizen_oidc_state';
/**
 * The web app sends this header (value `kaizen-ledger`) on every request. A cross-site form or image
 * cannot set a custom header, and a cross-site fetch with one needs a CORS preflight this API never
 * allows, so a cookie-authenticated write that carries it comes from the app itself.
 */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'kaizen-ledger';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie header → name/value pairs (first one wins, as browsers send the most specific first). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in cookies) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export interface CookieRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

function header(req: CookieRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The token of a request that has no Authorization header but carries the session cookie. */
export function cookieToken(req: CookieRequest): string | null {
  if (header(req, 'authorization')) return null;
  const token = parseCookies(header(req, 'cookie'))[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token) ? token : null;
}

/**
 * Why a cookie-authenticated request must be refused as a possible cross-site request forgery, or null.
 * Unsafe methods need the app's header, and an Origin, when the browser sends one, must be this host.
 */
export function csrfProblem(req: CookieRequest): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (header(req, CSRF_HEADER) !== CSRF_HEADER_VALUE) {
    return `${CSRF_HEADER}: a request signed in by cookie must send the header ${CSRF_HEADER}: ${CSRF_HEADER_VALUE} (cross-site request protection)`;
  }
  const origin = header(req, 'origin');
  if (origin && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'origin: the Origin header is not a URL';
    }
    const host = header(req, 'x-forwarded-host') ?? header(req, 'host');
    if (originHost !== host) return `origin: ${origin} is another site; signed-in requests must come from this site`;
  } else if (origin === 'null') {
    return 'origin: a request from an opaque origin cannot use the session cookie';
  }
  return null;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
  path?: string;
}

/** A Set-Cookie value: httpOnly, SameSite=Lax (the sign-in callback arrives by a cross-site redirect). */
export function sessionCookieHeader(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedCookieHeader(name: string, options: { secure: boolean; path?: string }): string {
  return sessionCookieHeader(name, '', { ...options, maxAgeSeconds: 0 });
}
