import { Environment, jwtSecretOf } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { RowScopeInterceptor } from './row-scope.interceptor';
import { SessionRepository } from './session.repository';
import { SessionStore } from './session.store';
import { TOKEN_ALGORITHM } from './token';

/**
 * Sign-in, sessions, the sign-in throttle, the global deny-by-default guard, and the interceptor
 * that gives each request its caller's database row scope.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the string as a public
        // key on every sign and verify (about 1 ms of CPU per request). No secret, no start.
        secret: createSecretKey(Buffer.from(jwtSecretOf(env), 'utf8')),
        signOptions: { algorithm: TOKEN_ALGORITHM, expiresIn: env.JWT_TTL },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM] },
      }),
    }),
  ],
  providers: [
    AuthService,
    SessionRepository,
    SessionStore,
    LoginThrottle,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: RowScopeInterceptor },
  ],
  exports: [AuthService, SessionStore, JwtModule],
})
export class AuthModule {}
