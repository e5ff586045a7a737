import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // quit() waits for a reply that never comes from a Redis that is down; only a ready
    // connection is closed politely.
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}

/** One shared ioredis client for health checks and small keys; BullMQ keeps its own. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(urlFactory: () => string): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: () => {
            const client = new Redis(urlFactory(), { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: false });
            // Errors surface through /health; an unhandled 'error' event would crash the process.
            client.on('error', () => undefined);
            return client;
          },
        },
        RedisLifecycle,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
