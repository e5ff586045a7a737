import { type DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, HealthModule, LoggingModule, RedisModule } from '@cicu/shared';
import { type HubConfig } from './config/hub-config';

export const HUB_API = {
  title: 'cicu-exchange hub',
  description: 'Directory, routing by legal basis, reliable delivery and the audit log of the customs Internet-crime units exchange.',
  version: '1',
};

@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [
        LoggingModule.forRoot(() => ({ level: config.LOG_LEVEL, app: 'hub' })),
        DatabaseModule.forRoot(() => ({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 10, entities: [], migrations: [] })),
        RedisModule.forRoot(() => config.REDIS_URL),
        HealthModule,
      ],
    };
  }
}
