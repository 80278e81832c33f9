// Sign-in throttling by failures (SPEC §6), counted in Redis so every API instance shares it.
// Per account: 5 failures within 15 minutes → that account's next attempts answer 429 until the
// window has passed. Per client address: 50 failures within 15 minutes → 429 for that address.
// Successful sign-ins never count. Each window starts at its first failure (a fixed window).
//
// An attempt reserves one failure of its account before the password is checked and gives it back
// when the password was right, so a burst of simultaneous guesses at one account cannot get past
// the limit. The address counter is added to only after a failure: thousands of staff behind one
// address signing in at once are never refused for their number.
import { Environment } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 50;
export const FAILURE_WINDOW_SECONDS = 15 * 60;

/** 429 with the seconds until the window has passed (sent as `Retry-After`). */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `too many failed sign-in attempts; try again in ${retryAfterSeconds} seconds`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Seconds to wait, rounded up so that a client waiting that long is let in. */
export function retryAfterSeconds(pttlMs: number): number {
  return Math.max(1, Math.ceil(pttlMs / 1000));
}

// KEYS: account, address. ARGV: account limit, address limit, window ms.
// Answers 0 and reserves one account failure, or the ms until the later blocking window ends.
const ADMIT = `
local wait = 0
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  local t = redis.call('PTTL', KEYS[1]); if t < 0 then t = tonumber(ARGV[3]) end
  wait = math.max(wait, t)
end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then
  local t = redis.call('PTTL', KEYS[2]); if t < 0 then t = tonumber(ARGV[3]) end
  wait = math.max(wait, t)
end
if wait > 0 then return wait end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 0
`;

// KEYS: address. ARGV: window ms. The account failure was reserved by ADMIT already.
const FAILED = `
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`;

// KEYS: account. Gives back the reservation of a successful sign-in.
const SUCCEEDED = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 1
`;

@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly env: Environment,
  ) {}

  /** Throws LoginThrottledException when the account or the address is blocked; else reserves. */
  async admit(email: string, address: string): Promise<void> {
    const wait = (await this.run(
      ADMIT,
      [this.accountKey(email), this.addressKey(address)],
      [ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT, FAILURE_WINDOW_SECONDS * 1000],
    )) as number | null;
    if (wait && wait > 0) throw new LoginThrottledException(retryAfterSeconds(wait));
  }

  async failed(address: string): Promise<void> {
    await this.run(FAILED, [this.addressKey(address)], [FAILURE_WINDOW_SECONDS * 1000]);
  }

  async succeeded(email: string): Promise<void> {
    await this.run(SUCCEEDED, [this.accountKey(email)], []);
  }

  // The account is named by a digest of its email: Redis never holds an address book, and an
  // unknown email is counted exactly like a known one, so the answers say nothing about which exist.
  private accountKey(email: string): string {
    const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
    return `${this.env.REDIS_PREFIX}:login-failures:account:${digest}`;
  }

  private addressKey(address: string): string {
    return `${this.env.REDIS_PREFIX}:login-failures:address:${address || 'unknown'}`;
  }

  private async run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.eval(script, keys.length, ...keys, ...args);
    } catch (error) {
      // Fail open: a Redis outage must not lock every hospital out; readiness reports the outage.
      this.logger.warn(`sign-in throttle unavailable, not counting: ${(error as Error).message}`);
      return null;
    }
  }
}
