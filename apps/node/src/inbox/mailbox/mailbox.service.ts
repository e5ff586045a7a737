import { Injectable, Logger } from '@nestjs/common';
import { HubClient } from '../../hub-client/hub-client';
import { isInboxError } from '../inbox.errors';
import { InboxService } from '../inbox.service';

export interface MailboxPullResult {
  received: number;
  acknowledged: number;
  refused: { messageId: string; code: string }[];
}

/**
 * Catch-up for a node that missed pushes: pulls GET /v1/mailbox, feeds each item through
 * the same InboxService.receive as the push route, and hands the hub the delivery receipt
 * (POST /v1/messages/{id}/receipt). A refused item stays in the mailbox and is logged by code.
 */
@Injectable()
export class MailboxService {
  private readonly logger = new Logger(MailboxService.name);

  constructor(
    private readonly hub: HubClient,
    private readonly inbox: InboxService,
  ) {}

  async pull(): Promise<MailboxPullResult> {
    const items = await this.hub.mailbox();
    const result: MailboxPullResult = { received: items.length, acknowledged: 0, refused: [] };
    for (const item of items) {
      try {
        const outcome = await this.inbox.receive(item.jws);
        if (outcome.kind === 'message') {
          await this.hub.postReceipt(outcome.messageId, outcome.receipt);
          result.acknowledged += 1;
        }
      } catch (error) {
        if (!isInboxError(error)) throw error;
        result.refused.push({ messageId: item.messageId, code: error.code });
        this.logger.warn({ messageId: item.messageId, code: error.code }, 'mailbox item refused');
      }
    }
    return result;
  }
}
