import { Module } from '@nestjs/common';
import { DemoNodesBootstrap } from './demo-nodes/demo-nodes.bootstrap';
import { DirectorySeedService } from './directory-seed.service';
import { DirectorySnapshotService } from './directory-snapshot.service';
import { DirectoryCache } from './directory-cache';
import { DirectoryChanges } from './directory-changes';
import { DirectoryAdminController } from './directory-admin.controller';
import { DirectoryController } from './directory.controller';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';

/** Member states, units, nodes and their keys, legal bases, agreements; the signed snapshot. */
@Module({
  controllers: [DirectoryController, DirectoryAdminController],
  providers: [DirectoryRepository, DirectoryChanges, DirectoryCache, DirectoryService, DirectorySeedService, DirectorySnapshotService, DemoNodesBootstrap],
  exports: [DirectoryService, DirectoryChanges],
})
export class DirectoryModule {}
