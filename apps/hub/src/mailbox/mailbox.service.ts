import { Injectable } from '@nestjs/common';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { DeliveryError } from '../messages/delivery/delivery.errors';
import { DeliveryRepository } from '../messages/delivery/delivery.repository';
import { DeliveryService } from '../messages/delivery/delivery.service';
import { type MessageEntity } from '../messages/message.entity';
import { type MailboxDto, type MessageStatusDto } from './dto/mailbox.dto';

export const MAILBOX_DEFAULT_LIMIT = 50;
export const MAILBOX_MAX_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pull side of delivery, for a node that was offline or prefers to pull: its unit's
 * unacknowledged messages, its receipts, the status of a message it sent or received.
 */
@Injectable()
export class MailboxService {
  constructor(
    private readonly repository: DeliveryRepository,
    private readonly delivery: DeliveryService,
  ) {}

  /** The caller's unit's messages not yet acknowledged, oldest first; handed over = 'delivered'. */
  async list(caller: AuthenticatedNode, limit: number = MAILBOX_DEFAULT_LIMIT, now: Date = new Date()): Promise<MailboxDto> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAILBOX_MAX_LIMIT) {
      throw new DeliveryError('MAILBOX_LIMIT_INVALID', `limit must be an integer in 1..${MAILBOX_MAX_LIMIT}`);
    }
    const messages = await this.repository.findMailbox(caller.unitId, limit);
    await this.repository.markDelivered(messages.map((m) => m.id), now);
    return {
      items: messages.map((m) => ({ messageId: m.id, kind: m.kind, fromUnit: m.fromUnit, receivedAt: m.receivedAt.toISOString(), jws: m.jws as string })),
    };
  }

  /** A pulled message's delivery receipt (same rules as a pushed one; idempotent). */
  async acknowledge(caller: AuthenticatedNode, messageId: string, receiptJws: string): Promise<void> {
    await this.delivery.acknowledge(caller.nodeId, receiptJws, { messageId, via: 'pull' });
  }

  /** Status of a message, for its sender's or its recipient's unit only; anyone else: not found. */
  async status(caller: AuthenticatedNode, messageId: string): Promise<MessageStatusDto> {
    const message = UUID.test(messageId) ? await this.repository.find(messageId) : undefined;
    if (message === undefined || (message.fromUnit !== caller.unitId && message.toUnit !== caller.unitId)) {
      throw new DeliveryError('MESSAGE_NOT_FOUND', 'no such message');
    }
    return toStatusDto(message);
  }
}

function toStatusDto(m: MessageEntity): MessageStatusDto {
  return {
    messageId: m.id,
    status: m.status,
    receivedAt: m.receivedAt.toISOString(),
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    acknowledgedAt: m.acknowledgedAt?.toISOString() ?? null,
    deliveryReceipt: m.deliveryReceipt,
  };
}
