// A successful password sign-in from the web app (it sends X-Requested-With: kaizen-ledger) is
// answered with the httpOnly session cookie and without the token in the body, so no script on the
// page can read it. Other clients get `{accessToken, user}` as before.
import { CSRF_HEADER, CSRF_HEADER_VALUE, type LoginResult } from '@app/auth';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { LOGIN_PATH } from './session-cookie.middleware';
import { SessionCookies } from './session-cookies';

@Injectable()
export class SessionCookieInterceptor implements NestInterceptor {
  constructor(private readonly cookies: SessionCookies) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const isWebLogin =
      req.method === 'POST' &&
      req.originalUrl.split('?')[0] === LOGIN_PATH &&
      req.headers[CSRF_HEADER] === CSRF_HEADER_VALUE;
    if (!isWebLogin) return next.handle();
    return next.handle().pipe(
      map((result: unknown) => {
        const login = result as Partial<LoginResult> | null;
        if (!login || typeof login.accessToken !== 'string') return result;
        this.cookies.setSession(req, http.getResponse<Response>(), login.accessToken);
        const { accessToken: _token, ...rest } = login;
        return rest;
      }),
    );
  }
}
