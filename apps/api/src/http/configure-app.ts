// Everything an API instance needs besides its modules; shared by main.ts and the e2e tests.
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { validationPipe } from './validation';

export const BODY_LIMIT = '1mb';

export function configureApp(app: NestExpressApplication): INestApplication {
  app.setGlobalPrefix('api', { exclude: ['/', 'admin/queues', 'admin/queues/*path'] });
  app.use(helmet());
  app.useBodyParser('json', { limit: BODY_LIMIT });
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
