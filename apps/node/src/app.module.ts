import { type DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule, HealthModule, QueueModule, KeyringModule, LoggingModule, RedisModule } from '@cicu/shared';
import { type NodeConfig } from './config/node-config';
import { NODE_ENTITIES } from './database/entities';
import { NODE_MIGRATIONS } from './database/migrations';

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
        DatabaseModule.forRoot(() => ({
          url: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          poolSize: 10,
          entities: NODE_ENTITIES,
          migrations: NODE_MIGRATIONS,
        })),
        RedisModule.forRoot(() => config.REDIS_URL),
        QueueModule.forRoot(() => ({ redisUrl: config.REDIS_URL, prefix: `cicu-node-${config.UNIT_ID}` })),
        HealthModule,
        // The node signs what it sends and is the one that opens what is encrypted to it; its
        // JWK Set (/.well-known/jwks.json) is what the hub's directory registers.
        KeyringModule.forRoot({ secret: config.OPERATOR_SECRET, pbes2Count: config.SEAL_PBES2_COUNT, purposes: ['sig', 'enc'] }),
      ],
    };
  }
}
