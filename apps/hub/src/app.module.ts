import { type DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, HealthModule, QueueModule, KeyringModule, LoggingModule, RedisModule } from '@cicu/shared';
import { AuditModule } from './audit/audit.module';
import { HUB_CONFIG, type HubConfig } from './config/hub-config';
import { HUB_ENTITIES } from './database/entities';
import { HUB_MIGRATIONS } from './database/migrations';
import { AuthModule } from './auth/auth.module';
import { DirectoryModule } from './directory/directory.module';

export const HUB_API = {
  title: 'cicu-exchange hub',
  description: 'Directory, routing by legal basis, reliable delivery and the audit log of the customs Internet-crime units exchange.',
  version: '1',
};

/** Makes the validated HubConfig injectable everywhere (HUB_CONFIG). */
@Module({})
class HubConfigModule {}

@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [
        { module: HubConfigModule, global: true, providers: [{ provide: HUB_CONFIG, useValue: config }], exports: [HUB_CONFIG] },
        LoggingModule.forRoot(() => ({ level: config.LOG_LEVEL, app: 'hub' })),
        DatabaseModule.forRoot(() => ({
          url: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          poolSize: 10,
          entities: HUB_ENTITIES,
          migrations: HUB_MIGRATIONS,
        })),
        RedisModule.forRoot(() => config.REDIS_URL),
        QueueModule.forRoot(() => ({ redisUrl: config.REDIS_URL, prefix: 'cicu-hub' })),
        HealthModule,
        AuditModule,
        // The hub only signs (receipts, snapshots, tree heads); nothing is encrypted to it.
        KeyringModule.forRoot({ secret: config.OPERATOR_SECRET, pbes2Count: config.SEAL_PBES2_COUNT, purposes: ['sig'] }),
        DirectoryModule,
        AuthModule,
      ],
    };
  }
}
