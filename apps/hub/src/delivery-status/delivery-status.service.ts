import { Injectable } from '@nestjs/common';
import { NodeContacts } from '../auth/node-contacts';
import { DirectoryService } from '../directory/directory.service';
import { DeliveryError } from '../messages/delivery/delivery.errors';
import { DeliveryProducer } from '../messages/delivery/delivery.producer';
import { DeliveryRepository } from '../messages/delivery/delivery.repository';
import { type DeliveryStatusDto, type NodeHealthDto, type UndeliverableListDto } from './dto/delivery-status.dto';

export const UNDELIVERABLE_DEFAULT_LIMIT = 100;
export const UNDELIVERABLE_MAX_LIMIT = 1000;

/**
 * Delivery as coordinators and auditors see it: the queue's depth, and per recipient unit
 * (and its active node) what waits and what could not be delivered. Metadata only: never a
 * message's JWS.
 */
@Injectable()
export class DeliveryStatusService {
  constructor(
    private readonly repository: DeliveryRepository,
    private readonly producer: DeliveryProducer,
    private readonly directory: DirectoryService,
    private readonly contacts: NodeContacts,
  ) {}

  async status(now: Date = new Date()): Promise<DeliveryStatusDto> {
    const queue = await this.producer.counts();
    const backlog = await this.repository.backlogByUnit();
    const directory = await this.directory.view();
    const units = [];
    for (const row of backlog) {
      const [unit, node] = [directory.unit(row.unitId), directory.activeNodeOfUnit(row.unitId)];
      units.push({
        unitId: row.unitId,
        unitStatus: unit?.status ?? 'retired',
        nodeId: node?.id ?? null,
        pending: row.pending,
        undeliverable: row.undeliverable,
        oldestPendingAt: row.oldestPendingAt?.toISOString() ?? null,
      });
    }
    return { generatedAt: now.toISOString(), queue, units, directoryVersion: await this.directory.currentVersion(), nodes: await this.nodeHealth() };
  }

  /** Every node of the directory (those with keys: each has some), by unit, with its last contact and the directory version it reported. */
  private async nodeHealth(): Promise<NodeHealthDto[]> {
    const [keys, contacts] = await Promise.all([this.directory.allKeys(), this.contacts.all()]);
    const nodes = new Map(keys.map((k) => [k.nodeId, { nodeId: k.nodeId, unitId: k.unitId, status: k.nodeStatus }]));
    return [...nodes.values()]
      .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.nodeId.localeCompare(b.nodeId))
      .map((node) => {
        const contact = contacts.get(node.nodeId);
        return { ...node, lastSeenAt: contact?.lastSeenAt.toISOString() ?? null, directoryVersion: contact?.directoryVersion ?? null };
      });
  }

  async undeliverable(unitId: string | undefined, limit: number): Promise<UndeliverableListDto> {
    if (!Number.isInteger(limit) || limit < 1 || limit > UNDELIVERABLE_MAX_LIMIT) {
      throw new DeliveryError('MAILBOX_LIMIT_INVALID', `limit must be an integer in 1..${UNDELIVERABLE_MAX_LIMIT}`);
    }
    const messages = await this.repository.findUndeliverable(unitId, limit);
    return {
      items: messages.map((m) => ({ messageId: m.id, kind: m.kind, fromUnit: m.fromUnit, toUnit: m.toUnit, receivedAt: m.receivedAt.toISOString(), deliveryAttempts: m.deliveryAttempts })),
    };
  }
}
