import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { MarkRelay } from './mark-relay';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';
import { RollupSettings, validateRollupSettings } from './rollup-settings';

/** The rollup pipeline's services: relay, bucket recompute, reconciliation, rebuild (worker side). */
@Module({
  imports: [QueueModule],
  providers: [
    RollupRepository,
    RollupService,
    MarkRelay,
    { provide: RollupSettings, useFactory: () => validateRollupSettings(process.env) },
  ],
  exports: [RollupService, MarkRelay, RollupSettings, QueueModule],
})
export class RollupsModule {}
