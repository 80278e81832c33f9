// Beats in Redis every WORKER_HEARTBEAT_EVERY_MS while the worker runs, so the API's readiness can
// tell "no worker" from "a worker". A beat that fails (Redis away) is logged once per outage and
// retried on the next tick; readiness reports the outage by itself.
import { Environment } from '@app/config';
import {
  REDIS_CLIENT,
  WORKER_HEARTBEAT_EVERY_MS,
  WORKER_HEARTBEAT_TTL_MS,
  workerHeartbeatKey,
  type WorkerHeartbeatValue,
} from '@app/queue';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { hostname } from 'node:os';

@Injectable()
export class WorkerHeartbeat implements BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerHeartbeat');
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly env: Environment,
  ) {}

  /** Beats now and then every few seconds. */
  async start(): Promise<void> {
    // a Redis that comes back (possibly empty) gets the heartbeat at once, not on the next tick
    this.redis.on('ready', () => void this.beat());
    await this.beat();
    this.timer ??= setInterval(() => void this.beat(), WORKER_HEARTBEAT_EVERY_MS).unref();
  }

  async beat(): Promise<void> {
    const value: WorkerHeartbeatValue = { pid: process.pid, host: hostname(), at: new Date().toISOString() };
    try {
      await this.redis.set(
        workerHeartbeatKey(this.env.REDIS_PREFIX),
        JSON.stringify(value),
        'PX',
        WORKER_HEARTBEAT_TTL_MS,
      );
      if (this.failing) this.logger.log('heartbeat written again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`could not write the heartbeat: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  /** Stops beating; the key expires by itself unless another worker keeps it alive. */
  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
