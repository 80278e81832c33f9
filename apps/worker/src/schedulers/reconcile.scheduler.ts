// Keeps the reconciliation's BullMQ job scheduler in line with the settings. Idempotent: every
// worker process upserts the same scheduler id, so there is one schedule however many run.
// The schedule lives in Redis, so it is upserted again every minute: a Redis that lost its data
// (restart without persistence, failover) gets its periodic repair back without a worker restart.
import { RollupProducer } from '@app/queue';
import { Environment } from '@app/config';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

const RENEW_EVERY_MS = 60_000;

@Injectable()
export class ReconcileScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger('RollupReconcile');
  private renewal?: NodeJS.Timeout;

  constructor(
    private readonly producer: RollupProducer,
    private readonly settings: Environment,
  ) {}

  async schedule(): Promise<void> {
    const { ROLLUP_RECONCILE_EVERY_MS: every, ROLLUP_RECONCILE_DAYS: days } = this.settings;
    await this.producer.scheduleReconciliation(every, days);
    this.logger.log(`reconciling the last ${days} days every ${Math.round(every / 1000)} s`);
    this.renewal ??= setInterval(() => {
      this.producer
        .scheduleReconciliation(every, days)
        .catch((error: Error) => this.logger.warn(`could not renew the schedule: ${error.message}`));
    }, RENEW_EVERY_MS).unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.renewal);
  }
}
