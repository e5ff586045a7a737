import { Injectable } from '@nestjs/common';
import { type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AuditService } from '../audit/audit.service';
import { DirectoryService } from '../directory/directory.service';
import { DeliveryError } from '../messages/delivery/delivery.errors';
import { DeliveryProducer } from '../messages/delivery/delivery.producer';
import { DeliveryRepository } from '../messages/delivery/delivery.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A coordinator's retry of a message the hub gave up on (undeliverable): a new round of
 * DELIVERY_ATTEMPTS pushes to the recipient's active node, once the cause (a node down, a
 * wrong inbox URL) is fixed. The message never left the recipient's mailbox meanwhile.
 */
@Injectable()
export class DeliveryRetryService {
  constructor(
    private readonly repository: DeliveryRepository,
    private readonly directory: DirectoryService,
    private readonly producer: DeliveryProducer,
    private readonly audit: AuditService,
  ) {}

  /**
   * In one transaction the message is 'accepted' again and the retry is audited; then its
   * delivery job runs afresh. Its earlier attempts stay counted on the message.
   */
  async retry(admin: AuthenticatedAdmin, messageId: string): Promise<{ messageId: string; status: 'accepted' }> {
    if (!UUID.test(messageId)) throw new DeliveryError('MESSAGE_NOT_FOUND', 'no such message');
    await this.repository.transaction(async (tx) => {
      const message = await this.repository.findForUpdate(tx, messageId);
      if (message === undefined) throw new DeliveryError('MESSAGE_NOT_FOUND', 'no such message');
      if (message.status !== 'undeliverable') throw new DeliveryError('MESSAGE_NOT_UNDELIVERABLE', `the message is ${message.status}, not undeliverable`);
      const recipient = await this.directory.getUnit(message.toUnit);
      if (recipient?.status !== 'active') throw new DeliveryError('RECIPIENT_NOT_ACTIVE', `unit ${message.toUnit} is ${recipient?.status ?? 'unknown'}`);
      await this.repository.markForRetry(tx, messageId);
      await this.audit.record(tx, {
        type: 'message.delivery-retried',
        actor: { kind: 'coordinator', accountId: admin.id },
        messageId,
        fromUnit: message.fromUnit,
        toUnit: message.toUnit,
        attempts: message.deliveryAttempts,
      });
    });
    // After the commit (Redis is not part of it); a lost enqueue is repaired by the start-up sweep of accepted messages.
    await this.producer.retry(messageId);
    return { messageId, status: 'accepted' };
  }
}
