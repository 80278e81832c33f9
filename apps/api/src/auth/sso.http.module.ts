import { OidcModule } from '@app/auth';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { OidcController } from './oidc.controller';
import { SessionCookieInterceptor } from './session-cookie.interceptor';
import { SessionCookieMiddleware } from './session-cookie.middleware';
import { SessionCookies } from './session-cookies';

/** Single sign-on and the web app's cookie session (applies to every route). */
@Module({
  imports: [OidcModule],
  controllers: [OidcController],
  providers: [SessionCookies, { provide: APP_INTERCEPTOR, useClass: SessionCookieInterceptor }],
})
export class SsoHttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SessionCookieMiddleware).forRoutes('*path');
  }
}
