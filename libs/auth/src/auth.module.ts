import { Environment, jwtSecretOf } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { RowScopeInterceptor } from './row-scope.interceptor';
import { TOKEN_ALGORITHM } from './token';

/**
 * Sign-in, the global deny-by-default guard, the interceptor that gives each request its caller's
 * database row scope, and the shared login-throttle storage.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the string as a public
        // key on every sign and verify (about 1 ms of CPU per request).
        secret: createSecretKey(Buffer.from(jwtSecretOf(env), 'utf8')),
        signOptions: { algorithm: TOKEN_ALGORITHM, expiresIn: env.JWT_TTL },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM] },
      }),
    }),
  ],
  providers: [
    AuthService,
    RedisThrottlerStorage,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: RowScopeInterceptor },
  ],
  exports: [AuthService, RedisThrottlerStorage, JwtModule],
})
export class AuthModule {}
