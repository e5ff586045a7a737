import { type DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, HealthModule, LoggingModule, RedisModule } from '@cicu/shared';
import { type NodeConfig } from './config/node-config';

export const NODE_API = {
  title: 'cicu-exchange node',
  description: 'A national customs Internet-crime unit\'s node: officers file, approve and answer signed, end-to-end encrypted requests.',
  version: '1',
};

@Module({})
export class NodeModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: NodeModule,
      imports: [
        LoggingModule.forRoot(() => ({ level: config.LOG_LEVEL, app: `node-${config.UNIT_ID}` })),
        DatabaseModule.forRoot(() => ({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 10, entities: [], migrations: [] })),
        RedisModule.forRoot(() => config.REDIS_URL),
        HealthModule,
      ],
    };
  }
}
