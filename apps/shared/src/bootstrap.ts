import cluster from 'node:cluster';
import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { answerClientErrors } from './errors/client-errors';
import { RequestErrorFilter } from './errors/request-error.filter';
import { type ApiDescription, buildOpenApiDocument, serveSwaggerUi } from './openapi/openapi-document';
import { assertRedisReachable } from './redis/check-redis';
import { WellFormedTextPipe } from './validation/well-formed-text.pipe';

/**
 * Creates an app the same way for `main.ts`, the e2e tests and the demo launcher:
 * pino as the Nest logger, security headers, shutdown hooks (so PGlite and Redis close
 * cleanly), Swagger UI at /docs.
 */
export async function createApp(module: DynamicModule, api: ApiDescription): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Swagger UI (/docs) needs inline scripts; everything else keeps helmet's strict CSP (the web
  // app's pages replace it with their own nonce-based one: WebUiModule).
  const strict = helmet();
  const swaggerUi = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/docs' || req.path.startsWith('/docs/') ? swaggerUi : strict)(req, res, next));
  app.enableShutdownHooks();
  // Refusals made before our handlers run (a body that is not JSON, too large; no such route) get a code too.
  app.useGlobalFilters(new RequestErrorFilter());
  // And those made before Express sees the request (Node's parser: headers too large, broken HTTP).
  answerClientErrors(app.getHttpServer());
  // Text PostgreSQL cannot store and no signature can cover is refused before any handler sees it.
  app.useGlobalPipes(new WellFormedTextPipe());
  serveSwaggerUi(app, buildOpenApiDocument(app, api));
  return app;
}

/**
 * The whole of an app's `main.ts`: parse the settings, make sure Redis answers, start, listen.
 * Start-up failures are operator errors: one clear line (or one per bad setting), exit 1,
 * no stack trace.
 */
export function runApp<C extends { REDIS_URL: string; PORT: number; HOST: string }>(
  env: Record<string, string | undefined>,
  loadConfig: (env: Record<string, string | undefined>) => C,
  moduleFor: (config: C) => DynamicModule,
  api: ApiDescription,
  processesOf: (config: C) => number = () => 1,
): void {
  const start = async (): Promise<void> => {
    const config = loadConfig(env);
    await assertRedisReachable(config.REDIS_URL);
    const processes = processesOf(config);
    if (processes > 1 && cluster.isPrimary) return superviseWorkers(processes);
    const app = await createApp(moduleFor(config), api);
    await app.listen(config.PORT, config.HOST);
  };
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

/**
 * The primary of a cluster of `count` app processes sharing one listening socket. The first
 * worker starts alone (it runs the migrations and the first-start seed); the others start once
 * it listens, so no two run migrations at once. A worker that dies takes the whole cluster
 * down (exit 1): a supervisor (systemd, Kubernetes) restarts it, rather than this process
 * hiding a crash loop. SIGTERM/SIGINT stop the workers, which close cleanly.
 */
function superviseWorkers(count: number): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}): stopping the cluster`);
    stop('SIGTERM');
    process.exitCode = 1;
  });
  const first = cluster.fork();
  first.once('listening', () => {
    for (let i = 1; i < count; i++) cluster.fork();
  });
}
