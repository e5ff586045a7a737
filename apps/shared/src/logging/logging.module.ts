import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { RequestLogMiddleware } from './request-log.middleware';
import { safeError } from './safe-error';

/**
 * JSON logs through pino. Request logs carry method, route and status only: headers that
 * hold credentials are redacted, and bodies are never logged because they may carry
 * personal data. `destination` (default: stdout) lets a test read what would be logged.
 * The request log is our own middleware (RequestLogMiddleware says why): nestjs-pino's is
 * mounted on no route, and gives the Nest logger only. An error is logged by `safeError`, never
 * with all its fields (a database error carries the statement's parameters).
 */
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(options: () => { level: string; app: string; destination?: DestinationStream }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          useFactory: () => {
            const { level, app, destination } = options();
            const pinoOptions = {
              level,
              base: { app },
              redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
              serializers: {
                err: safeError,
                req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            };
            const params: Params = { pinoHttp: destination === undefined ? pinoOptions : [pinoOptions, destination], forRoutes: [] };
            return params;
          },
        }),
      ],
      providers: [RequestLogMiddleware],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
