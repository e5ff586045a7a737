import { Module } from '@nestjs/common';
import { DirectorySeedService } from './directory-seed.service';
import { DirectorySnapshotService } from './directory-snapshot.service';
import { DirectoryController } from './directory.controller';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';

/** Member states, units, nodes and their keys, legal bases, agreements; the signed snapshot. */
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryRepository, DirectoryService, DirectorySeedService, DirectorySnapshotService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
