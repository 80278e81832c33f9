import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { startWorker } from './bootstrap';

async function main(): Promise<void> {
  const logger = new ConsoleLogger({ json: true, logLevels: ['fatal', 'error', 'warn', 'log'] });
  const app = await startWorker(logger);
  // SIGTERM/SIGINT: finish jobs in flight, then close the pools (see WorkerLifecycle).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  logger.log('worker started', 'Bootstrap');
}

main().catch((error: Error) => {
  console.error(`[worker] failed to start: ${error.message}`);
  process.exit(1);
});
