// Sessions: PostgreSQL holds the record, Redis the copy every API instance checks on each request,
// so ending a session takes effect everywhere at once without a PostgreSQL round trip per request.
// When Redis does not answer, PostgreSQL answers instead (slower, still correct).
import { Environment } from '@app/config';
import { REDIS_CLIENT } from '@app/queue';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { EntityManager } from 'typeorm';
import { ENDED, liveCacheSeconds, liveValue, readCached, rowIsLive } from './session-cache';
import { SessionEndReason, SessionRepository } from './session.repository';

/** A Redis that answers more slowly than this counts as down for the request at hand. */
const REDIS_TIMEOUT_MS = 250;

@Injectable()
export class SessionStore {
  private readonly logger = new Logger(SessionStore.name);
  private lastWarning = 0;

  constructor(
    private readonly sessions: SessionRepository,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly env: Environment,
  ) {}

  /** Opens a session of JWT_TTL seconds; answers its id (the token's `sid`). */
  async start(userId: string): Promise<string> {
    const row = await this.sessions.insert(userId, this.env.JWT_TTL);
    await this.remember(row.id, liveValue(userId), liveCacheSeconds(row.expiresAt, new Date()), false);
    return row.id;
  }

  /** Whether `sid` is an open session of `userId`: Redis first, PostgreSQL when Redis cannot say. */
  async isLive(sid: string, userId: string): Promise<boolean> {
    let cached: string | null | undefined;
    try {
      cached = await this.withTimeout(this.redis.get(this.key(sid)));
    } catch (error) {
      this.warn(`session cache unavailable, asking PostgreSQL: ${(error as Error).message}`);
      cached = undefined; // Redis down: PostgreSQL decides, and nothing is written back
    }
    const verdict = readCached(cached, userId);
    if (verdict !== 'unknown') return verdict === 'live';

    const now = new Date();
    const row = await this.sessions.find(sid);
    const live = rowIsLive(row, userId, now);
    if (cached === null) {
      // Redis answered but did not know the session (it expired there, or Redis lost its data).
      // SET NX: an end that lands meanwhile has already written `ended`, and wins.
      await this.remember(
        sid,
        live ? liveValue(userId) : ENDED,
        live ? liveCacheSeconds(row!.expiresAt, now) : 0,
        true,
      );
    }
    return live;
  }

  /** Ends one session (sign-out). */
  async end(sid: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.endOne(sid, reason);
    await this.forget([sid]);
  }

  /**
   * Ends every open session of a user in the caller's transaction and answers their ids; call
   * `forget` with them once the transaction has committed.
   */
  endAllOf(em: EntityManager, userId: string, reason: SessionEndReason): Promise<string[]> {
    return this.sessions.endAllOf(userId, reason, em);
  }

  /** Marks sessions ended in Redis, so every instance refuses their tokens from the next request on. */
  async forget(sids: string[]): Promise<void> {
    if (!sids.length) return;
    try {
      const multi = this.redis.multi();
      for (const sid of sids) multi.set(this.key(sid), ENDED, 'EX', this.env.JWT_TTL);
      await this.withTimeout(multi.exec());
    } catch (error) {
      // PostgreSQL has the end; a live copy left in Redis lapses within LIVE_CACHE_SECONDS (identity.md).
      this.warn(`could not mark ${sids.length} session(s) ended in Redis: ${(error as Error).message}`);
    }
  }

  private key(sid: string): string {
    return `${this.env.REDIS_PREFIX}:session:${sid}`;
  }

  private async remember(sid: string, value: string, seconds: number, onlyIfAbsent: boolean): Promise<void> {
    const ttl = value === ENDED ? this.env.JWT_TTL : seconds;
    if (ttl <= 0) return;
    try {
      await this.withTimeout(
        onlyIfAbsent
          ? this.redis.set(this.key(sid), value, 'EX', ttl, 'NX')
          : this.redis.set(this.key(sid), value, 'EX', ttl),
      );
    } catch (error) {
      this.warn(`session cache unavailable: ${(error as Error).message}`);
    }
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  /** At most one warning every 30 s: an outage must not flood the log. */
  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 30_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }
}
