// Sets and clears the web app's cookies. `Secure` follows the request: on https (directly, or behind
// a proxy on this machine that says X-Forwarded-Proto: https, see `trust proxy`) the cookie is Secure;
// on plain http://localhost (development, the tests) it cannot be, or the browser would drop it.
import { clearedCookieHeader, SESSION_COOKIE, sessionCookieHeader } from '@app/auth';
import { Environment } from '@app/config';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';

@Injectable()
export class SessionCookies {
  constructor(private readonly env: Environment) {}

  private append(res: Response, value: string): void {
    const existing = res.getHeader('Set-Cookie');
    const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
    res.setHeader('Set-Cookie', [...list, value]);
  }

  set(req: Request, res: Response, name: string, value: string, maxAgeSeconds: number, path = '/'): void {
    this.append(res, sessionCookieHeader(name, value, { secure: req.secure, maxAgeSeconds, path }));
  }

  clear(req: Request, res: Response, name: string, path = '/'): void {
    this.append(res, clearedCookieHeader(name, { secure: req.secure, path }));
  }

  /** The session cookie lives exactly as long as the token inside it. */
  setSession(req: Request, res: Response, accessToken: string): void {
    this.set(req, res, SESSION_COOKIE, accessToken, this.env.JWT_TTL);
  }

  clearSession(req: Request, res: Response): void {
    this.clear(req, res, SESSION_COOKIE);
  }
}
