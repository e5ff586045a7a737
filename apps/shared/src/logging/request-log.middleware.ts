import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';

/**
 * One JSON line per request once its response is finished (or the client went away): the
 * request's number in this process, method, path (no query string), status and time taken,
 * in the shape pino-http writes (`req`, `res`, `responseTime`), through the app's pino logger
 * and its serializers (which map the response to its status alone). Bodies and headers are never logged.
 *
 * Why not nestjs-pino's own request middleware: it wraps every request in an
 * AsyncLocalStorage `run` (so that logs made inside a request carry it) and builds a child
 * logger per request. On Node 20 the first `run` turns on the async hooks for every promise
 * of the process, which cost the hub's event loop 8 % of its CPU per submission
 * (docs/adr-hub-performance.md). Logs made inside a request name what they are about
 * (message id, unit) themselves.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private requests = 0;

  constructor(private readonly logger: PinoLogger) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const id = ++this.requests;
    const started = performance.now();
    res.once('close', () => {
      const entry = { req: { id, method: req.method, url: req.originalUrl }, res, responseTime: Math.round(performance.now() - started) };
      if (!res.writableFinished) this.logger.warn(entry, 'request aborted');
      else if (res.statusCode >= 500) this.logger.error(entry, 'request errored');
      else this.logger.info(entry, 'request completed');
    });
    next();
  }
}
