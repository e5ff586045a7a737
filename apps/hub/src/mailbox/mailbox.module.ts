import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DeliveryModule } from '../messages/delivery/delivery.module';
import { MailboxController } from './mailbox.controller';
import { MailboxService } from './mailbox.service';

/** Pull delivery for nodes: the mailbox, receipts of pulled messages, message status. */
@Module({
  imports: [AuthModule, DeliveryModule],
  controllers: [MailboxController],
  providers: [MailboxService],
})
export class MailboxModule {}
