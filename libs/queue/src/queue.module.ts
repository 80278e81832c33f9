// The BullMQ connection and queues of a process (api: producers and the queue console; worker:
// producers and processors). Keys live under Environment.REDIS_PREFIX, so tests and several
// deployments can share one Redis.
import { Environment } from '@app/config';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ALL_QUEUES } from './queue-names';
import { RollupProducer } from './rollup.producer';
import { BoardPackProducer } from './board-pack.producer';

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        // BullMQ workers block on Redis, so commands must wait for a reconnect instead of failing.
        connection: { url: env.REDIS_URL, maxRetriesPerRequest: null, enableOfflineQueue: true },
        prefix: env.REDIS_PREFIX,
      }),
      // Workers start only when apps/worker has checked that every queue has exactly one
      // processor (see apps/worker/src/job-registry.ts); the api never starts any.
      extraOptions: { manualRegistration: true },
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [RollupProducer, BoardPackProducer],
  exports: [BullModule, RollupProducer, BoardPackProducer],
})
export class QueueModule {}
