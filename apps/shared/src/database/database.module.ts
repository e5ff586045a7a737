import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EMBEDDED_POOL_SIZE, type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

export interface DatabaseOptions {
  /** Connection string of a real PostgreSQL server; when absent, PGlite runs in `dataDir`. */
  url: string | undefined;
  dataDir: string;
  /** Connections to a real server; the embedded database always gets EMBEDDED_POOL_SIZE. */
  poolSize: number;
  /**
   * A real server ends a session idle inside a transaction this long (the apps'
   * DATABASE_IDLE_TRANSACTION_SECONDS); unset, the server's own setting applies (the audit
   * export's read-only snapshot).
   */
  idleInTransactionSeconds?: number;
  entities: NonNullable<Parameters<typeof TypeOrmModule.forRoot>[0]>['entities'];
  migrations: (string | (new () => unknown))[];
}

interface DatabaseTarget {
  url: string;
  embedded: EmbeddedPostgres | undefined;
}

@Injectable()
class EmbeddedDatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_TARGET) private readonly target: DatabaseTarget) {}

  async onApplicationShutdown(): Promise<void> {
    await this.target.embedded?.stop();
  }
}

/**
 * TypeORM on PostgreSQL, schema changed by migrations only (run at start, never
 * `synchronize`). Falls back to an embedded PGlite database when no URL is configured.
 */
@Module({})
export class DatabaseModule {
  static forRoot(factory: () => DatabaseOptions): DynamicModule {
    const targetProvider = {
      provide: DATABASE_TARGET,
      useFactory: async (): Promise<DatabaseTarget> => {
        const options = factory();
        if (options.url) return { url: options.url, embedded: undefined };
        const dir = resolve(options.dataDir, 'pglite');
        mkdirSync(dir, { recursive: true });
        const embedded = await startEmbeddedPostgres(dir);
        return { url: embedded.url, embedded };
      },
    };
    const targetModule: DynamicModule = {
      module: class DatabaseTargetModule {},
      providers: [targetProvider, EmbeddedDatabaseLifecycle],
      exports: [DATABASE_TARGET],
    };
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [targetModule],
          inject: [DATABASE_TARGET],
          useFactory: (target: DatabaseTarget) => {
            const options = factory();
            return {
              type: 'postgres' as const,
              url: target.url,
              entities: options.entities,
              migrations: options.migrations,
              migrationsRun: true,
              migrationsTransactionMode: 'each' as const,
              synchronize: false,
              retryAttempts: 0,
              extra:
                target.embedded === undefined
                  ? {
                      max: options.poolSize,
                      ...(options.idleInTransactionSeconds !== undefined && { idle_in_transaction_session_timeout: options.idleInTransactionSeconds * 1000 }),
                    }
                  : { max: EMBEDDED_POOL_SIZE },
            };
          },
        }),
      ],
    };
  }
}
