// Graceful shutdown (SIGTERM): stop relaying, let every BullMQ worker finish its in-flight jobs,
// and only then let the Postgres pool and Redis connections close (their modules close them in
// onApplicationShutdown, which runs after every beforeApplicationShutdown).
import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { JobRegistry } from './job-registry';
import { RelayRunner } from './relay/relay.runner';

/** The host's BullMQ worker, or undefined when the process stops before workers were registered. */
function workerOf(host: WorkerHost): Worker | undefined {
  try {
    return host.worker;
  } catch {
    return undefined;
  }
}

@Injectable()
export class WorkerLifecycle implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(
    private readonly relay: RelayRunner,
    private readonly registry: JobRegistry,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: finishing jobs in flight`);
    await this.relay.stop();
    await Promise.all(
      this.registry.processors().map(async ({ host }) => {
        await workerOf(host)?.close(); // Worker.close() waits for the jobs it is running
      }),
    );
    this.logger.log('jobs finished; closing connections');
  }
}
