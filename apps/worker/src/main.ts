import 'reflect-metadata';
import { logLevelsUpTo, validateEnvironment } from '@app/config';
import { ConsoleLogger } from '@nestjs/common';
import { startWorker } from './bootstrap';

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const logger = new ConsoleLogger({ json: true, logLevels: logLevelsUpTo(env.LOG_LEVEL) });
  const app = await startWorker(logger);
  // SIGTERM/SIGINT: finish jobs in flight, then close the pools (see WorkerLifecycle).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  logger.log('worker started', 'Bootstrap');
}

main().catch((error: Error) => {
  new ConsoleLogger({ json: true }).fatal(`worker failed to start: ${error.message}`, 'Bootstrap');
  process.exit(1);
});
