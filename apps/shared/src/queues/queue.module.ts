import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { type ConnectionOptions } from 'bullmq';

/** ioredis options from a redis:// or rediss:// URL, as BullMQ workers need them. */
export function bullConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.pathname.length > 1 && { db: Number(u.pathname.slice(1)) }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
    // BullMQ workers block on Redis; a per-request retry limit would make them fail instead.
    maxRetriesPerRequest: null,
  };
}

/**
 * BullMQ for one app. `prefix` keeps the queues of apps that share a Redis apart (the demo
 * runs the hub and two nodes on one Redis): each app owns its keys and never sees another's.
 * Retry policy lives with each queue's producer, in one place per queue.
 */
@Module({})
export class QueueModule {
  static forRoot(options: () => { redisUrl: string; prefix: string }): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          useFactory: () => {
            const { redisUrl, prefix } = options();
            return { connection: bullConnection(redisUrl), prefix };
          },
        }),
      ],
    };
  }
}
