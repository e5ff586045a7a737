import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryModule } from '../directory/directory.module';
import { ATTACHMENT_SWEEP_QUEUE, AttachmentSweepProcessor, AttachmentSweepScheduler } from './attachments/attachment-sweep';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AttachmentsService } from './attachments/attachments.service';
import { DeliveryModule } from './delivery/delivery.module';
import { SubmissionController } from './submission/submission.controller';
import { SubmissionRepository } from './submission/submission.repository';
import { SubmissionService } from './submission/submission.service';
import { MessageWriterModule } from './writer/message-writer.module';

/**
 * Messages: submission (routing by agreement, docs/adr-routing.md), their sealed attachments
 * (uploaded before, fetched by the recipient, swept when never submitted) and delivery. The
 * 'delivery' queue and its DeliveryProducer are registered once, by DeliveryModule.
 */
@Module({
  imports: [DeliveryModule, DirectoryModule, AuthModule, MessageWriterModule, BullModule.registerQueue({ name: ATTACHMENT_SWEEP_QUEUE })],
  controllers: [SubmissionController, AttachmentsController],
  providers: [SubmissionRepository, SubmissionService, AttachmentsRepository, AttachmentsService, AttachmentSweepScheduler, AttachmentSweepProcessor],
  exports: [DeliveryModule],
})
export class MessagesModule {}
