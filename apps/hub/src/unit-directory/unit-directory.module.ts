import { Module } from '@nestjs/common';
import { SharingModule } from '../sharing/sharing.module';
import { UnitDirectoryController } from './unit-directory.controller';
import { UnitDirectoryRepository } from './unit-directory.repository';
import { UnitDirectoryService } from './unit-directory.service';

/** The unit directory (docs/adr-forum.md): units' areas of competence, languages and functional contact points. */
@Module({
  imports: [SharingModule],
  controllers: [UnitDirectoryController],
  providers: [UnitDirectoryRepository, UnitDirectoryService],
})
export class UnitDirectoryModule {}
