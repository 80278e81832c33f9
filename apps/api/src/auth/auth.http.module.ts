import { Environment } from '@app/config';
import { RedisThrottlerStorage } from '@app/auth';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthController } from './auth.controller';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [Environment, RedisThrottlerStorage],
      useFactory: (env: Environment, storage: RedisThrottlerStorage) => ({
        throttlers: [{ name: 'login', ttl: 60_000, limit: env.LOGIN_RATE_LIMIT, blockDuration: 60_000 }],
        storage,
      }),
    }),
  ],
  controllers: [AuthController],
})
export class AuthHttpModule {}
