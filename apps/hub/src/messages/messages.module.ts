import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryModule } from '../directory/directory.module';
import { DeliveryModule } from './delivery/delivery.module';
import { SubmissionController } from './submission/submission.controller';
import { SubmissionRepository } from './submission/submission.repository';
import { SubmissionService } from './submission/submission.service';
import { SubmissionWriter } from './submission/submission-writer';

/**
 * Messages: submission (routing by agreement, docs/adr-routing.md) and delivery. The
 * 'delivery' queue and its DeliveryProducer are registered once, by DeliveryModule.
 */
@Module({
  imports: [DeliveryModule, DirectoryModule, AuthModule],
  controllers: [SubmissionController],
  providers: [SubmissionRepository, SubmissionWriter, SubmissionService],
  exports: [DeliveryModule],
})
export class MessagesModule {}
