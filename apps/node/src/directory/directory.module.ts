import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HEALTH_CHECKS } from '@cicu/shared';
import { auditMonitorHealth } from '../audit-monitor/audit-monitor.health';
import { AuditMonitorService } from '../audit-monitor/audit-monitor.service';
import { HubClientModule } from '../hub-client/hub-client.module';
import { DirectorySnapshotEntity } from './directory-snapshot.entity';
import { NodeDirectoryRepository } from './directory.repository';
import { directoryHealth } from './directory.health';
import { HubTrustEntity } from './hub-trust.entity';
import { NodeDirectoryService } from './node-directory.service';
import { DIRECTORY_REFRESH_QUEUE } from './refresh/directory-refresh.jobs';
import { DirectoryRefreshProcessor } from './refresh/directory-refresh.processor';
import { DirectoryRefreshScheduler } from './refresh/directory-refresh.scheduler';

/**
 * The node's copy of the hub's signed directory. With `sync` (HUB_URL set) it also runs the
 * BullMQ refresh job and adds 'directory' (and the audit monitor's 'audit') to /health; without it, nothing touches Redis
 * queues or the network and every lookup finds nothing.
 */
@Module({})
export class NodeDirectoryModule {
  static forRoot(options: { sync: boolean }): DynamicModule {
    const sync = options.sync
      ? {
          imports: [BullModule.registerQueue({ name: DIRECTORY_REFRESH_QUEUE })],
          providers: [
            DirectoryRefreshProcessor,
            DirectoryRefreshScheduler,
            // The one HEALTH_CHECKS list of the node: its directory and, when present, the audit monitor.
            {
              provide: HEALTH_CHECKS,
              inject: [NodeDirectoryService, { token: AuditMonitorService, optional: true }],
              useFactory: (d: NodeDirectoryService, audit?: AuditMonitorService) => [directoryHealth(d), ...(audit !== undefined ? [auditMonitorHealth(audit)] : [])],
            },
          ],
          exports: [HEALTH_CHECKS],
        }
      : { imports: [], providers: [], exports: [] };
    return {
      module: NodeDirectoryModule,
      global: true,
      imports: [TypeOrmModule.forFeature([HubTrustEntity, DirectorySnapshotEntity]), HubClientModule, ...sync.imports],
      providers: [NodeDirectoryRepository, NodeDirectoryService, ...sync.providers],
      exports: [NodeDirectoryService, HubClientModule, ...sync.exports],
    };
  }
}
