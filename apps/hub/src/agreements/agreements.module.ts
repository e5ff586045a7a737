import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { AgreementsController, LegalBasesController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';
import { LegalBasesService } from './legal-bases.service';

/** The coordinator's legal bases and agreements, with every agreement version kept (docs/adr-membership.md). */
@Module({
  imports: [DirectoryModule],
  controllers: [LegalBasesController, AgreementsController],
  providers: [AgreementsRepository, LegalBasesService, AgreementsService],
})
export class AgreementsModule {}
