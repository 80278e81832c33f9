// Throttler counters in Redis so every API instance shares them. @nest-lab/throttler-storage-redis
// does not yet accept NestJS 12 as a peer, and the contract is one atomic script, so it lives here.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { REDIS_CLIENT } from '@app/queue';
import { Environment } from '@app/config';
import type Redis from 'ioredis';

// Fixed window per key; once over the limit the key is blocked for blockDuration.
const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, ttl, blockTtl}
`;

@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly env: Environment,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string) {
    const base = `${this.env.REDIS_PREFIX}:throttle:${name}:${key}`;
    try {
      const [hits, ttlMs, blockMs] = (await this.redis.eval(
        SCRIPT,
        2,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration,
      )) as number[];
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
        isBlocked: blockMs > 0,
        timeToBlockExpire: Math.max(0, Math.ceil(blockMs / 1000)),
      };
    } catch (error) {
      // Fail open: a Redis outage must not lock everyone out; readiness already reports it.
      this.logger.warn(`throttler storage unavailable, allowing request: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
