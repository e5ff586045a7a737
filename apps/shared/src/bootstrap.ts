import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { type ApiDescription, buildOpenApiDocument, serveSwaggerUi } from './openapi/openapi-document';

/**
 * Creates an app the same way for `main.ts`, the e2e tests and the demo launcher:
 * pino as the Nest logger, security headers, shutdown hooks (so PGlite and Redis close
 * cleanly), Swagger UI at /docs.
 */
export async function createApp(module: DynamicModule, api: ApiDescription): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Swagger UI needs inline scripts and styles; everything else keeps helmet's strict CSP.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } }));
  app.enableShutdownHooks();
  serveSwaggerUi(app, buildOpenApiDocument(app, api));
  return app;
}
