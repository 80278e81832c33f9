// Refuses to start a worker whose queues and processors do not match one to one: a queue without a
// processor would fill up silently, two processors for one queue would split its jobs between two
// meanings. Checked before any BullMQ worker starts (the queue module registers them manually).
import { ALL_QUEUES } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';

// The metadata key @Processor sets (@nestjs/bullmq 12 does not export its constant).
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

/** Problems with a set of processors, one message each; empty when every queue has exactly one. */
export function registryProblems(
  queues: readonly string[],
  processorQueues: readonly (string | undefined)[],
): string[] {
  const problems: string[] = [];
  for (const queue of queues) {
    const count = processorQueues.filter((q) => q === queue).length;
    if (count === 0) problems.push(`queue "${queue}" has no processor`);
    if (count > 1) problems.push(`queue "${queue}" has ${count} processors; it must have exactly one`);
  }
  for (const queue of new Set(processorQueues)) {
    if (queue === undefined) problems.push('a WorkerHost has no @Processor queue name');
    else if (!queues.includes(queue)) problems.push(`a processor serves "${queue}", which is not in QueueName`);
  }
  return problems;
}

export class JobRegistryError extends Error {}

@Injectable()
export class JobRegistry {
  constructor(private readonly discovery: DiscoveryService) {}

  /** Every WorkerHost provider with the queue it serves. */
  processors(): { host: WorkerHost; queue: string | undefined }[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.instance instanceof WorkerHost)
      .map((wrapper) => {
        const host = wrapper.instance as WorkerHost;
        const metadata = Reflect.getMetadata(PROCESSOR_METADATA, host.constructor) as { name?: string } | undefined;
        return { host, queue: metadata?.name };
      });
  }

  assertComplete(): void {
    const problems = registryProblems(
      ALL_QUEUES,
      this.processors().map((p) => p.queue),
    );
    if (problems.length > 0) throw new JobRegistryError(`Refusing to start the worker: ${problems.join('; ')}`);
  }
}
