import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { MAILBOX_PULL_QUEUE } from './mailbox-pull.jobs';
import { type MailboxPullResult, MailboxService } from './mailbox.service';

/** Thin: one mailbox pull per job. */
@Processor(MAILBOX_PULL_QUEUE)
export class MailboxPullProcessor extends WorkerHost {
  private readonly logger = new Logger(MailboxPullProcessor.name);

  constructor(private readonly mailbox: MailboxService) {
    super();
  }

  async process(): Promise<MailboxPullResult> {
    try {
      return await this.mailbox.pull();
    } catch (error) {
      this.logger.warn({ err: error }, 'mailbox pull failed');
      throw error;
    }
  }
}
