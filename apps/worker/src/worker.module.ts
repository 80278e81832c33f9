import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { RedisModule } from '@app/queue';
import { RollupsModule } from '@app/rollups';
import { BoardModule } from '@app/board';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WorkerHeartbeat } from './heartbeat/worker-heartbeat';
import { JobRegistry } from './job-registry';
import { RollupBucketProcessor } from './processors/rollup-bucket.processor';
import { BoardPackProcessor } from './processors/board-pack.processor';
import { RollupReconcileProcessor } from './processors/rollup-reconcile.processor';
import { RelayRunner } from './relay/relay.runner';
import { PublishScheduler } from './schedulers/publish.scheduler';
import { ReconcileScheduler } from './schedulers/reconcile.scheduler';
import { WorkerLifecycle } from './worker-lifecycle';

/**
 * The worker process: queue processors, the mark relay, the schedules (reconciliation, board-pack
 * publishing) and the heartbeat readiness looks for. No HTTP.
 */
@Module({
  imports: [AppConfigModule, DatabaseModule, RedisModule, DiscoveryModule, RollupsModule, BoardModule],
  providers: [
    RollupBucketProcessor,
    RollupReconcileProcessor,
    BoardPackProcessor,
    RelayRunner,
    ReconcileScheduler,
    PublishScheduler,
    JobRegistry,
    WorkerLifecycle,
    WorkerHeartbeat,
  ],
})
export class WorkerModule {}
