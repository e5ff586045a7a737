import { Injectable } from '@nestjs/common';
import { type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AuditService } from '../audit/audit.service';
import { DeliveryProducer, type QueueDepth } from '../messages/delivery/delivery.producer';
import { DeliveriesError } from './deliveries.errors';
import { DeliveriesRepository, type UndeliverableRow, type UnitDeliveryRow } from './deliveries.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^[1-9]\d{0,3}$/;
export const UNDELIVERABLE_DEFAULT_LIMIT = 100;
export const UNDELIVERABLE_MAX_LIMIT = 500;

export interface DeliveriesOverview {
  queue: QueueDepth;
  /** Messages not yet acknowledged by their recipient, by status, over all units. */
  pending: { accepted: number; delivered: number; undeliverable: number };
  units: (UnitDeliveryRow & { nodes: { nodeId: string; status: string }[] })[];
}

/**
 * What the coordinators and auditors see of delivery (queue depth, what waits for whom, what
 * the hub gave up on) and the coordinator's retry of an undeliverable message. Envelope facts
 * only: the hub holds nothing else (the payload is encrypted to the recipient).
 */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly producer: DeliveryProducer,
    private readonly audit: AuditService,
  ) {}

  async overview(): Promise<DeliveriesOverview> {
    const [queue, units, nodes] = await Promise.all([this.producer.depth(), this.repository.unitDeliveries(), this.repository.nodes()]);
    const sum = (key: 'accepted' | 'delivered' | 'undeliverable') => units.reduce((n, unit) => n + unit[key], 0);
    return {
      queue,
      pending: { accepted: sum('accepted'), delivered: sum('delivered'), undeliverable: sum('undeliverable') },
      units: units.map((unit) => ({ ...unit, nodes: nodes.filter((node) => node.unitId === unit.unitId).map(({ nodeId, status }) => ({ nodeId, status })) })),
    };
  }

  undeliverable(limit: string | undefined): Promise<UndeliverableRow[]> {
    if (limit !== undefined && !(INTEGER.test(limit) && Number(limit) <= UNDELIVERABLE_MAX_LIMIT)) {
      throw new DeliveriesError('VALIDATION', 'limit is invalid', [{ path: '/limit', code: 'range', message: `must be an integer in 1..${UNDELIVERABLE_MAX_LIMIT}` }]);
    }
    return this.repository.undeliverable(limit === undefined ? UNDELIVERABLE_DEFAULT_LIMIT : Number(limit));
  }

  /**
   * Gives an undeliverable message a new round of delivery attempts: in one transaction it is
   * 'accepted' again and the retry is audited; then its delivery job runs afresh. Its earlier
   * attempts stay counted on the message.
   */
  async retry(admin: AuthenticatedAdmin, messageId: string): Promise<{ id: string; status: 'accepted' }> {
    if (!UUID.test(messageId)) throw new DeliveriesError('MESSAGE_NOT_FOUND', 'no such message');
    await this.repository.transaction(async (tx) => {
      const found = await this.repository.findForRetry(tx, messageId);
      if (found === undefined) throw new DeliveriesError('MESSAGE_NOT_FOUND', 'no such message');
      const { message, recipientStatus } = found;
      if (message.status !== 'undeliverable') throw new DeliveriesError('MESSAGE_NOT_UNDELIVERABLE', `the message is ${message.status}, not undeliverable`);
      if (recipientStatus !== 'active') throw new DeliveriesError('RECIPIENT_NOT_ACTIVE', `unit ${message.toUnit} is ${recipientStatus ?? 'unknown'}`);
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
    return { id: messageId, status: 'accepted' };
  }
}
