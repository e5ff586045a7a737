import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { type DestinationStream } from 'pino';
import { CLOCK, type Clock, controllersOf, DatabaseModule, HealthModule, QueueModule, KeyringModule, LoggingModule, RedisModule, SYSTEM_CLOCK, UnknownErrorFilter, WebUiModule } from '@cicu/shared';
import { NODE_CONFIG, type NodeConfig, nodeQueuePrefix } from './config/node-config';
import { NODE_ENTITIES } from './database/entities';
import { NODE_MIGRATIONS } from './database/migrations';
import { AuthModule } from './auth/auth.module';
import { OfficersModule } from './officers/officers.module';
import { NodeDirectoryModule } from './directory/directory.module';
import { InboxModule } from './inbox/inbox.module';
import { CasesModule } from './cases/cases.module';
import { AuditMonitorModule } from './audit-monitor/audit-monitor.module';
import { LibraryModule } from './library/library.module';
import { NodeForumModule } from './forum/forum.module';

export const NODE_API = {
  title: 'cicu-exchange node',
  description: 'A national customs Internet-crime unit\'s node: officers file, approve and answer signed, end-to-end encrypted requests, and share non-personal material in the hub library.',
  version: '1',
};

@Module({})
export class NodeModule {
  /** `logDestination` (default: stdout) and `clock` (default: the system's) are for tests. */
  static forRoot(config: NodeConfig, options: { logDestination?: DestinationStream; clock?: Clock } = {}): DynamicModule {
    const keyring = KeyringModule.forRoot({ secret: config.OPERATOR_SECRET, pbes2Count: config.SEAL_PBES2_COUNT, purposes: ['sig', 'enc'] });
    return {
      module: NodeModule,
      imports: [
        LoggingModule.forRoot(() => ({ level: config.LOG_LEVEL, app: `node-${config.UNIT_ID}`, ...(options.logDestination !== undefined && { destination: options.logDestination }) })),
        DatabaseModule.forRoot(() => ({
          url: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          poolSize: 10,
          idleInTransactionSeconds: config.DATABASE_IDLE_TRANSACTION_SECONDS,
          entities: NODE_ENTITIES,
          migrations: NODE_MIGRATIONS,
        })),
        RedisModule.forRoot(() => config.REDIS_URL),
        QueueModule.forRoot(() => ({ redisUrl: config.REDIS_URL, prefix: nodeQueuePrefix(config) })),
        HealthModule,
        // The node signs what it sends and is the one that opens what is encrypted to it; its
        // JWK Set (/.well-known/jwks.json) is what the hub's directory registers.
        keyring,
        // Officers and the global deny-by-default AccessGuard (docs/adr-officer-auth.md). The shared
        // health and JWKS controllers cannot carry the node's @Public(): they are listed here.
        AuthModule.forRoot(
          {
            unitId: config.UNIT_ID,
            accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
            maxFailures: config.LOGIN_MAX_FAILURES,
            lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
            publicControllers: controllersOf(HealthModule, keyring),
          },
          OfficersModule.forRoot({ demoOfficersFile: config.DEMO_OFFICERS_FILE }),
        ),
        // The validated settings and the clock, injectable as NODE_CONFIG and CLOCK everywhere.
        {
          module: class NodeConfigModule {},
          global: true,
          providers: [
            { provide: NODE_CONFIG, useValue: config },
            { provide: CLOCK, useValue: options.clock ?? SYSTEM_CLOCK },
          ],
          exports: [NODE_CONFIG, CLOCK],
        },
        // The hub's signed directory and the inbox (docs/adr-node-inbox.md). Their BullMQ jobs
        // (directory refresh, mailbox pull) and the 'directory' health entry run only with
        // HUB_URL: a node not yet enrolled starts without touching the network.
        NodeDirectoryModule.forRoot({ sync: config.HUB_URL !== undefined }),
        InboxModule.forRoot({ sync: config.HUB_URL !== undefined }),
        // Outbox, answers and deadlines (docs/adr-cases.md); workers only with HUB_URL.
        CasesModule.forRoot({ sync: config.HUB_URL !== undefined }),
        // The witness of the hub's audit log (docs/adr-audit-log.md); its job only with HUB_URL.
        AuditMonitorModule.forRoot({ sync: config.HUB_URL !== undefined }),
        // The hub's document library, for officers, signed on their behalf (docs/adr-library.md).
        LibraryModule,
        // The hub's forum and unit directory for officers, each write signed on their behalf (docs/adr-forum.md).
        NodeForumModule,
        // The officers' web app at / (docs/adr-web-ui.md); it talks only to the routes above.
        WebUiModule.forRoot({ root: config.WEB_DIR }),
      ],
      // The last resort for an error no filter knows: 500 INTERNAL, logged without its values.
      providers: [{ provide: APP_FILTER, useClass: UnknownErrorFilter }],
    };
  }
}
