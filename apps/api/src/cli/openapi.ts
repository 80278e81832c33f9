// `npm run openapi`: writes the API's OpenAPI document to apps/api/openapi.json (or the path given)
// without a database, Redis or a listening server: the app is created in preview mode, which
// reads the controllers' metadata but instantiates no provider.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from '../app.module';
import { buildOpenApiDocument, setGlobalPrefix } from '../http/configure-app';

async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'apps/api/openapi.json');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  setGlobalPrefix(app);
  const document = buildOpenApiDocument(app);
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`[openapi] ${Object.keys(document.paths).length} paths written to ${target}`);
  await app.close();
}

main().catch((error: Error) => {
  console.error(`[openapi] failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
