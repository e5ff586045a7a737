import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LibraryModule } from '../library/library.module';
import { SharingModule } from '../sharing/sharing.module';
import { DOCUMENT_LINKS } from './document-links';
import { ForumController } from './forum.controller';
import { ForumRepository } from './forum.repository';
import { ForumService } from './forum.service';
import { GuardOverrides } from './guard-overrides';
import { LibraryDocumentLinks } from './library-document-links';
import { ModerationController } from './moderation/moderation.controller';
import { ModerationService } from './moderation/moderation.service';
import { NotificationSweep } from './notifications/notification-sweep';
import { FORUM_NOTIFICATION_QUEUE } from './notifications/notification.jobs';
import { NotificationProcessor } from './notifications/notification.processor';
import { NotificationProducer } from './notifications/notification.producer';
import { NotificationsService } from './notifications/notifications.service';

/**
 * The forum (docs/adr-forum.md): threads, replies, quotes, revisions, Markdown rendered safely,
 * subscriptions and notifications through the 'forum-notifications' queue, moderation.
 */
@Module({
  imports: [SharingModule, LibraryModule, BullModule.registerQueue({ name: FORUM_NOTIFICATION_QUEUE })],
  controllers: [ForumController, ModerationController],
  providers: [
    ForumRepository,
    ForumService,
    GuardOverrides,
    ModerationService,
    NotificationsService,
    NotificationProducer,
    NotificationProcessor,
    NotificationSweep,
    { provide: DOCUMENT_LINKS, useClass: LibraryDocumentLinks },
  ],
  exports: [ForumService, ModerationService, NotificationsService],
})
export class ForumModule {}
