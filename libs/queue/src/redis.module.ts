// One ioredis connection per process for everything that is not BullMQ (throttler counters,
// readiness). It never queues commands while disconnected, so callers fail fast instead of hanging.
import { Environment } from '@app/config';
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export function createRedis(url: string, options: { failFast: boolean }): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: !options.failFast,
    maxRetriesPerRequest: options.failFast ? 1 : null,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [Environment],
      useFactory: (env: Environment) => {
        const redis = createRedis(env.REDIS_URL, { failFast: true });
        redis.on('error', () => undefined); // reconnects by itself; readiness reports the outage
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
