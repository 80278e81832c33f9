// Keeps the reconciliation's BullMQ job scheduler in line with the settings. Idempotent: every
// worker process upserts the same scheduler id, so there is one schedule however many run.
import { RollupProducer } from '@app/queue';
import { RollupSettings } from '@app/rollups';
import { Injectable, Logger } from '@nestjs/common';

@Injectable()
export class ReconcileScheduler {
  private readonly logger = new Logger('RollupReconcile');

  constructor(
    private readonly producer: RollupProducer,
    private readonly settings: RollupSettings,
  ) {}

  async schedule(): Promise<void> {
    const { ROLLUP_RECONCILE_EVERY_MS: every, ROLLUP_RECONCILE_DAYS: days } = this.settings;
    await this.producer.scheduleReconciliation(every, days);
    this.logger.log(`reconciling the last ${days} days every ${Math.round(every / 1000)} s`);
  }
}
