import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiDependencies, ApiModule } from './api.module';
import { strictValidationPipe } from './http/validation.pipe';

/** Builds (but does not start) the API: validation, error mapping and OpenAPI at /docs. */
export async function createApiApp(dependencies: ApiDependencies, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.register(dependencies), { logger: options.logger ?? ['error', 'warn', 'log'] });
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
