import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { type DestinationStream } from 'pino';

/**
 * JSON logs through pino. Request logs carry method, route and status only: headers that
 * hold credentials are redacted, and bodies are never logged because they may carry
 * personal data. `destination` (default: stdout) lets a test read what would be logged.
 */
@Module({})
export class LoggingModule {
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
                req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            };
            const params: Params = { pinoHttp: destination === undefined ? pinoOptions : [pinoOptions, destination] };
            return params;
          },
        }),
      ],
    };
  }
}
