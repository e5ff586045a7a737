import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/**
 * JSON logs through pino. Request logs carry method, route and status only: headers that
 * hold credentials are redacted, and bodies are never logged because they may carry
 * personal data.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: () => { level: string; app: string }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          useFactory: () => {
            const { level, app } = options();
            return {
              pinoHttp: {
                level,
                base: { app },
                redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
                serializers: {
                  req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
                  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                },
              },
            };
          },
        }),
      ],
    };
  }
}
