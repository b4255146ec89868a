import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiDependencies, ApiModule } from './api.module';
import { strictValidationPipe } from './http/validation.pipe';
import { serveWebApp } from './web/serve-web-app';

/** Builds (but does not start) the API: validation, error mapping, OpenAPI at /docs, and the web application at /app when it is built. */
export async function createApiApp(dependencies: ApiDependencies, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(dependencies), { logger: options.logger ?? ['error', 'warn', 'log'] });
  serveWebApp(app);
  app.useGlobalPipes(strictValidationPipe());
  const openApi = new DocumentBuilder()
    .setTitle('Custody reconciliation API')
    .setDescription('Commands and queries for tokenized-securities settlement and custody reconciliation. Every route needs an API key (X-API-Key) or a signed bearer token.')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
