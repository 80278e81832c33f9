import 'reflect-metadata';
import { Environment } from '@app/config';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './http/configure-app';

async function bootstrap(): Promise<void> {
  const logger = new ConsoleLogger({ json: true, logLevels: ['fatal', 'error', 'warn', 'log'] });
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  configureApp(app);
  const env = app.get(Environment);
  await app.listen(env.PORT, '0.0.0.0');
  logger.log(`API listening on http://localhost:${env.PORT}`, 'Bootstrap');
}

void bootstrap();
