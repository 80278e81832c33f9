// Who may open the queue console (/admin/queues): admins only. A browser cannot put a bearer header
// on a page it navigates to, so the token is accepted from, in order: the Authorization header
// (scripts, curl), the `kaizen_queues` cookie (the console's own API calls), or `?token=` once — the
// console then sets the cookie (HttpOnly, SameSite=Strict, Path=/admin/queues, Secure over HTTPS)
// and redirects to the same URL without the token, so the token does not stay in the address bar
// or in logs of later requests.
import type { TokenClaims } from '@app/auth';
import type { NextFunction, Request, Response } from 'express';

export const CONSOLE_PATH = '/admin/queues';
export const CONSOLE_COOKIE = 'kaizen_queues';

export type TokenSource = 'header' | 'cookie' | 'query';

/** The token a request carries and where it came from, or null. */
export function consoleToken(request: {
  authorization?: string;
  cookie?: string;
  query?: unknown;
}): { token: string; source: TokenSource } | null {
  const bearer = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(request.authorization ?? '');
  if (bearer) return { token: bearer[1], source: 'header' };
  for (const part of (request.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CONSOLE_COOKIE && value.length > 0) {
      const token = decodeURIComponent(value.join('='));
      if (/^[A-Za-z0-9_\-.]+$/.test(token)) return { token, source: 'cookie' };
    }
  }
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.token;
  if (typeof fromQuery === 'string' && /^[A-Za-z0-9_\-.]+$/.test(fromQuery))
    return { token: fromQuery, source: 'query' };
  return null;
}

/** The URL without its `token` query parameter. */
export function withoutToken(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://console.local');
  url.searchParams.delete('token');
  return `${url.pathname}${url.search}`;
}

type Verify = (token: string) => Promise<TokenClaims>;

function deny(res: Response, status: 401 | 403, message: string): void {
  res.status(status).json({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
}

/** Express middleware in front of bull-board: 401 without a valid token, 403 for every role but admin. */
export function consoleAuth(verify: Verify) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const found = consoleToken({
      authorization: req.headers.authorization,
      cookie: req.headers.cookie,
      query: req.query,
    });
    if (!found) return deny(res, 401, 'the queue console needs an admin token (Authorization header, or ?token= once)');
    let claims: TokenClaims & { exp?: number };
    try {
      claims = await verify(found.token);
    } catch {
      return deny(res, 401, 'the token is invalid or has expired');
    }
    if (claims.role !== 'admin') return deny(res, 403, `role ${claims.role} may not open the queue console`);
    if (found.source === 'query') {
      const maxAge = claims.exp ? Math.max(0, claims.exp * 1000 - Date.now()) : undefined;
      res.cookie(CONSOLE_COOKIE, found.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: CONSOLE_PATH,
        maxAge,
      });
      return res.redirect(303, withoutToken(req.originalUrl));
    }
    next();
  };
}
