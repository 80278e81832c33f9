import 'reflect-metadata';
import { logLevelsUpTo, validateEnvironment } from '@app/config';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './http/configure-app';

async function bootstrap(): Promise<void> {
  // Validated here first so LOG_LEVEL applies from the first line; a wrong variable stops the
  // start with its name (AppConfigModule validates the same environment again).
  const env = validateEnvironment(process.env);
  const logger = new ConsoleLogger({ json: true, logLevels: logLevelsUpTo(env.LOG_LEVEL) });
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  configureApp(app);
  await app.listen(env.PORT, '0.0.0.0');
  logger.log(`API listening on http://localhost:${env.PORT}`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  new ConsoleLogger({ json: true }).fatal(`API failed to start: ${error.message}`, 'Bootstrap');
  process.exit(1);
});
