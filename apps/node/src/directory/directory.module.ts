import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HEALTH_CHECKS } from '@cicu/shared';
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
 * BullMQ refresh job and adds 'directory' to /health; without it, nothing touches Redis
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
            { provide: HEALTH_CHECKS, inject: [NodeDirectoryService], useFactory: (d: NodeDirectoryService) => [directoryHealth(d)] },
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
