import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { ActionJtiCache } from './action-jti-cache';
import { OfficerActionReader } from './officer-action';
import { PersonalDataGuard } from './personal-data-guard';
import { SharingActionService } from './sharing-action.service';

/**
 * The officer-action mechanism of the experience-sharing space, shared by the library and
 * (later) the forum and unit directory: verification of the signed action a node makes on
 * behalf of its officer, and the personal-data guard with its overrides.
 */
@Module({
  imports: [DirectoryModule],
  providers: [ActionJtiCache, SharingActionService, PersonalDataGuard, OfficerActionReader],
  exports: [SharingActionService, PersonalDataGuard, OfficerActionReader],
})
export class SharingModule {}
