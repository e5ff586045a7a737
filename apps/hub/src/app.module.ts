import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { type DestinationStream } from 'pino';
import { CLOCK, type Clock, controllersOf, DatabaseModule, HealthModule, QueueModule, KeyringModule, LoggingModule, RedisModule, SYSTEM_CLOCK, WebUiModule } from '@cicu/shared';
import { AccountsModule } from './accounts/accounts.module';
import { AgreementsModule } from './agreements/agreements.module';
import { DeliveryStatusModule } from './delivery-status/delivery-status.module';
import { AuditApiModule, AuditModule } from './audit/audit.module';
import { HUB_CONFIG, type HubConfig } from './config/hub-config';
import { HUB_ENTITIES } from './database/entities';
import { HUB_MIGRATIONS } from './database/migrations';
import { HubAccessGuard, PUBLIC_CONTROLLERS } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { DirectoryModule } from './directory/directory.module';
import { KeyLifecycleModule } from './key-lifecycle/key-lifecycle.module';
import { HubExceptionFilter } from './common/hub-exception.filter';
import { JoseBodyMiddleware } from './common/jose-body.middleware';
import { AttachmentBodyMiddleware } from './messages/attachments/attachment-body.middleware';
import { MessagesModule } from './messages/messages.module';
import { MailboxModule } from './mailbox/mailbox.module';
import { MembershipModule } from './membership/membership.module';
import { ForumModule } from './forum/forum.module';
import { UnitDirectoryModule } from './unit-directory/unit-directory.module';
import { LibraryModule } from './library/library.module';

export const HUB_API = {
  title: 'cicu-exchange hub',
  description: 'Directory, routing by legal basis, reliable delivery, the audit log and the document library of the customs Internet-crime units exchange.',
  version: '1',
};

/** Makes the validated HubConfig (HUB_CONFIG) and the clock (CLOCK) injectable everywhere. */
@Module({})
class HubConfigModule {}

@Module({})
export class HubModule implements NestModule {
  /**
   * Every hub route may receive application/jose (submissions, receipts); see JoseBodyMiddleware.
   * A sealed attachment's upload is read first, with its own, larger limit.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AttachmentBodyMiddleware).forRoutes({ path: 'v1/messages/:id/attachments/:n', method: RequestMethod.ALL });
    consumer.apply(JoseBodyMiddleware).forRoutes('*path');
  }

  /** `logDestination` (default: stdout) and `clock` (default: the system's) are for tests. */
  static forRoot(config: HubConfig, options: { logDestination?: DestinationStream; clock?: Clock } = {}): DynamicModule {
    // The hub only signs (receipts, snapshots, tree heads, admin tokens); nothing is encrypted to it.
    const keyring = KeyringModule.forRoot({ secret: config.OPERATOR_SECRET, pbes2Count: config.SEAL_PBES2_COUNT, purposes: ['sig'] });
    return {
      module: HubModule,
      imports: [
        {
          module: HubConfigModule,
          global: true,
          providers: [
            { provide: HUB_CONFIG, useValue: config },
            { provide: CLOCK, useValue: options.clock ?? SYSTEM_CLOCK },
          ],
          exports: [HUB_CONFIG, CLOCK],
        },
        LoggingModule.forRoot(() => ({ level: config.LOG_LEVEL, app: 'hub', ...(options.logDestination !== undefined && { destination: options.logDestination }) })),
        DatabaseModule.forRoot(() => ({
          url: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          poolSize: 10,
          idleInTransactionSeconds: config.DATABASE_IDLE_TRANSACTION_SECONDS,
          entities: HUB_ENTITIES,
          migrations: HUB_MIGRATIONS,
        })),
        RedisModule.forRoot(() => config.REDIS_URL),
        QueueModule.forRoot(() => ({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX })),
        HealthModule,
        AuditModule,
        keyring,
        DirectoryModule,
        AuthModule,
        AccountsModule,
        KeyLifecycleModule,
        MessagesModule,
        MailboxModule,
        MembershipModule,
        AgreementsModule,
        DeliveryStatusModule,
        LibraryModule,
        AuditApiModule,
        ForumModule,
        UnitDirectoryModule,
        // The coordinators' and auditors' web app at / (docs/adr-web-ui.md); it talks only to the routes above.
        WebUiModule.forRoot({ root: config.WEB_DIR }),
      ],
      providers: [
        // The one mapping of business error codes to HTTP statuses.
        { provide: APP_FILTER, useClass: HubExceptionFilter },
        // Deny by default: every route declares who may call it (docs/adr-admin-accounts.md). The
        // shared health and JWKS controllers cannot carry the hub's @Public(): they are listed here.
        { provide: PUBLIC_CONTROLLERS, useValue: controllersOf(HealthModule, keyring) },
        { provide: APP_GUARD, useClass: HubAccessGuard },
      ],
    };
  }
}
