// Everything an API instance needs besides its modules; shared by main.ts and the e2e tests.
import { INestApplication, Type } from '@nestjs/common';
import type { NestContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import helmet from 'helmet';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { JSON_BODY_LIMIT_BYTES, verifyJsonLimits } from './json-limits';
import { noStore } from './no-store.middleware';
import { declareDerivedErrors, declareValidatorRules, finishDocument } from './openapi/contract-rules';
import { ErrorDto } from './openapi/error.dto';
import { validationPipe } from './validation';

export const BODY_LIMIT = JSON_BODY_LIMIT_BYTES;
/** Every route is under /api but the web app's root and the queue console. */
export function setGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['/', 'admin/queues', 'admin/queues/*path'] });
}

export function configureApp(app: NestExpressApplication): INestApplication {
  setGlobalPrefix(app);
  app.use(helmet());
  app.use(noStore);
  // Size (413) and keys/nesting (400) are judged on the raw bytes before anything parses them. Express's
  // own parser, as useBodyParser would mount it: Nest's typing of useBodyParser keeps `verify` for itself.
  app.use(json({ limit: BODY_LIMIT, verify: verifyJsonLimits }));
  app.set('trust proxy', 'loopback');
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/**
 * The OpenAPI document of the API: served at /api/docs-json and written to apps/api/openapi.json
 * by `npm run openapi` (apps/api/src/cli/openapi.ts), which the web app's types are generated from.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const container = (app as unknown as { container: NestContainer }).container;
  const controllers = [...container.getModules().values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
  );
  declareValidatorRules();
  declareDerivedErrors(controllers);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kaizen Ledger API')
      .setDescription('Lean (VMPS) improvement records, rollups and board packs for the NHS-Virginia Mason partnership')
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      .addServer('/', 'this server')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorDto] },
  );
  return finishDocument(document);
}
