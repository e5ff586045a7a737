import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { HubAuthGuard } from './hub-auth.guard';
import { HubAuthService } from './hub-auth.service';
import { HubJtiCache } from './hub-jti-cache';
import { InboxMessageEntity } from './inbox-message.entity';
import { InboxController } from './inbox.controller';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { JoseBodyMiddleware } from './jose-body.middleware';
import { MAILBOX_PULL_QUEUE } from './mailbox/mailbox-pull.jobs';
import { MailboxPullProcessor } from './mailbox/mailbox-pull.processor';
import { MailboxPullScheduler } from './mailbox/mailbox-pull.scheduler';
import { MailboxService } from './mailbox/mailbox.service';

/**
 * POST /v1/inbox (pushes by the hub) and, with `sync` (HUB_URL set), the repeatable mailbox
 * pull. Needs NodeDirectoryModule (global) for the directory and the hub client.
 */
@Module({})
export class InboxModule implements NestModule {
  static forRoot(options: { sync: boolean }): DynamicModule {
    return {
      module: InboxModule,
      imports: [AttachmentsModule, TypeOrmModule.forFeature([InboxMessageEntity]), ...(options.sync ? [BullModule.registerQueue({ name: MAILBOX_PULL_QUEUE })] : [])],
      controllers: [InboxController],
      providers: [
        InboxRepository,
        InboxService,
        HubJtiCache,
        HubAuthService,
        HubAuthGuard,
        MailboxService,
        ...(options.sync ? [MailboxPullProcessor, MailboxPullScheduler] : []),
      ],
      exports: [InboxService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JoseBodyMiddleware).forRoutes({ path: 'v1/inbox', method: RequestMethod.POST });
  }
}
