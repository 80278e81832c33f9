// Lets the web app's httpOnly session cookie stand in for the Bearer header, so the guard verifies
// one kind of credential whichever way it came. A cookie-authenticated write must pass the
// cross-site request check first. Also: password sign-in switched off (PASSWORD_LOGIN=off) answers 403
// here, and signing out clears the cookie whatever the logout route answers.
import { cookieToken, csrfProblem } from '@app/auth';
import { Environment } from '@app/config';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SessionCookies } from './session-cookies';

export const LOGIN_PATH = '/api/auth/login';
export const LOGOUT_PATH = '/api/auth/logout';

@Injectable()
export class SessionCookieMiddleware implements NestMiddleware {
  constructor(
    private readonly env: Environment,
    private readonly cookies: SessionCookies,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const path = req.originalUrl.split('?')[0];
    if (req.method === 'POST' && path === LOGIN_PATH && this.env.PASSWORD_LOGIN === 'off') {
      res.status(403).json({
        statusCode: 403,
        error: 'Forbidden',
        message: 'password sign-in is turned off here (PASSWORD_LOGIN=off): sign in with single sign-on',
      });
      return;
    }
    const token = cookieToken(req);
    if (token) {
      const problem = csrfProblem(req);
      if (problem) {
        res.status(403).json({ statusCode: 403, error: 'Forbidden', message: problem });
        return;
      }
      req.headers.authorization = `Bearer ${token}`;
    }
    if (req.method === 'POST' && path === LOGOUT_PATH) this.cookies.clearSession(req, res);
    next();
  }
}
