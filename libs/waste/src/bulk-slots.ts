// How many CSV imports and exports run at once (SPEC §7): at most BULK_TRANSFERS_PER_TRUST per trust and
// BULK_TRANSFERS_TOTAL in all, counted in Redis so every API instance shares the count. A slot is a
// lease that its holder renews while the transfer runs; a crashed instance stops renewing, so its
// slots expire by themselves within LEASE_MS. Imports and exports count together: both hold a
// connection of the bulk pool for their whole length, and the caps match its size (default 4).
import { Environment } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/** A slot not renewed for this long is free again (its holder died). */
export const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
/** What a refused client is told to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 10;

// KEYS: all, trust. ARGV: id, lease ms, max total, max per trust. Uses the server's clock (TIME) so
// instances with skewed clocks agree on what has expired. Returns 1 when the slot was taken.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) or redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return 0
end
local expires = now + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], expires, ARGV[1])
redis.call('ZADD', KEYS[2], expires, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`;

const RENEW = `
local t = redis.call('TIME')
local expires = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], 'XX', expires, ARGV[1])
redis.call('ZADD', KEYS[2], 'XX', expires, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`;

/** 429 with the seconds to wait; the controller copies them into `Retry-After`. */
export class BulkTransferBusyError extends HttpException {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
  /** The upload's body is not read: the answer closes the connection. */
  readonly closeConnection = true;
  constructor(scope: 'trust' | 'all', perTrust: number, total: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message:
          scope === 'trust'
            ? `the trust already has ${perTrust} CSV imports or exports running; try again in ${RETRY_AFTER_SECONDS} seconds`
            : `${total} CSV imports or exports are already running; try again in ${RETRY_AFTER_SECONDS} seconds`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** A held slot; `release` is idempotent. */
export interface BulkSlot {
  release(): Promise<void>;
}

@Injectable()
export class BulkSlots {
  private readonly logger = new Logger(BulkSlots.name);
  /** Per-instance counts, used only while Redis cannot be reached. */
  private readonly local = new Map<string, number>();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly env: Environment,
  ) {}

  private keys(trustId: string): [string, string] {
    const base = `${this.env.REDIS_PREFIX}:bulk-transfers`;
    return [`${base}:all`, `${base}:trust:${trustId}`];
  }

  /** Takes a slot for one transfer of the trust, or throws BulkTransferBusyError (429). */
  async acquire(trustId: string): Promise<BulkSlot> {
    const { BULK_TRANSFERS_PER_TRUST: perTrust, BULK_TRANSFERS_TOTAL: total } = this.env;
    const [all, trust] = this.keys(trustId);
    const id = randomUUID();
    let taken: number;
    try {
      taken = (await this.redis.eval(ACQUIRE, 2, all, trust, id, LEASE_MS, total, perTrust)) as number;
    } catch (error) {
      this.logger.warn(`Redis unavailable, counting bulk transfers in this instance only: ${(error as Error).message}`);
      return this.acquireLocally(trustId);
    }
    if (taken !== 1) {
      const trustCount = await this.redis.zcard(trust).catch(() => 0);
      throw new BulkTransferBusyError(trustCount >= perTrust ? 'trust' : 'all', perTrust, total);
    }
    const renew = setInterval(() => {
      this.redis.eval(RENEW, 2, all, trust, id, LEASE_MS).catch(() => undefined);
    }, RENEW_MS);
    renew.unref();
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        await this.redis
          .multi()
          .zrem(all, id)
          .zrem(trust, id)
          .exec()
          .catch(() => undefined); // not removed: the lease expires by itself
      },
    };
  }

  private acquireLocally(trustId: string): BulkSlot {
    const { BULK_TRANSFERS_PER_TRUST: perTrust, BULK_TRANSFERS_TOTAL: total } = this.env;
    const inTrust = this.local.get(trustId) ?? 0;
    const inAll = this.local.get('') ?? 0;
    if (inAll >= total) throw new BulkTransferBusyError('all', perTrust, total);
    if (inTrust >= perTrust) throw new BulkTransferBusyError('trust', perTrust, total);
    this.local.set(trustId, inTrust + 1);
    this.local.set('', inAll + 1);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.local.set(trustId, (this.local.get(trustId) ?? 1) - 1);
        this.local.set('', (this.local.get('') ?? 1) - 1);
      },
    };
  }
}
