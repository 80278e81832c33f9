// Everything an API instance needs besides its modules; shared by main.ts and the e2e tests.
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import helmet from 'helmet';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { JSON_BODY_LIMIT_BYTES, verifyJsonLimits } from './json-limits';
import { noStore } from './no-store.middleware';
import { validationPipe } from './validation';

export const BODY_LIMIT = JSON_BODY_LIMIT_BYTES;

export function configureApp(app: NestExpressApplication): INestApplication {
  app.setGlobalPrefix('api', { exclude: ['/', 'admin/queues', 'admin/queues/*path'] });
  app.use(helmet());
  app.use(noStore);
  // Size (413) and keys/nesting (400) are judged on the raw bytes before anything parses them. Express's
  // own parser, as useBodyParser would mount it: Nest's typing of useBodyParser keeps `verify` for itself.
  app.use(json({ limit: BODY_LIMIT, verify: verifyJsonLimits }));
  app.set('trust proxy', 'loopback');
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kaizen Ledger API')
      .setDescription('Lean (VMPS) improvement records, rollups and board packs for the NHS-Virginia Mason partnership')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
