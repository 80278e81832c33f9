// Starts a worker inside any process (main.ts, e2e tests, benchmarks): checks the job registry
// before a single BullMQ worker runs, then starts the workers, the schedules, the relay and the
// heartbeat (last: a worker that beats is one that runs).
import { asSystem } from '@app/database';
import { BullRegistrar } from '@nestjs/bullmq';
import { INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerHeartbeat } from './heartbeat/worker-heartbeat';
import { JobRegistry } from './job-registry';
import { RelayRunner } from './relay/relay.runner';
import { PublishScheduler } from './schedulers/publish.scheduler';
import { ReconcileScheduler } from './schedulers/reconcile.scheduler';
import { WorkerModule } from './worker.module';

/**
 * The worker acts for no signed-in person: its jobs, schedules and relay work across every trust, so
 * all of it runs in the database's system scope (docs/decisions/row-level-security.md). The scope
 * follows everything started here (BullMQ's job loops, timers, the LISTEN client), and only that:
 * an API in the same process (tests) keeps its own scopes.
 */
export function startWorker(logger?: LoggerService | LogLevel[]): Promise<INestApplicationContext> {
  return asSystem('worker', () => start(logger));
}

async function start(logger?: LoggerService | LogLevel[]): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  try {
    app.get(JobRegistry).assertComplete();
    app.get(BullRegistrar).register();
    await app.get(ReconcileScheduler).schedule();
    await app.get(RelayRunner).start();
    app.get(PublishScheduler).start();
    await app.get(WorkerHeartbeat).start();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
