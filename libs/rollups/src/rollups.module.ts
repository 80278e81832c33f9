import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { MarkRelay } from './mark-relay';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';

/** The rollup pipeline's services: relay, bucket recompute, reconciliation, rebuild (worker side). */
@Module({
  imports: [QueueModule],
  providers: [RollupRepository, RollupService, MarkRelay],
  exports: [RollupService, MarkRelay, QueueModule],
})
export class RollupsModule {}
