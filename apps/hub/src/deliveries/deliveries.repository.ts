import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { MessageEntity } from '../messages/message.entity';

export interface UnitDeliveryRow {
  unitId: string;
  unitStatus: string;
  /** Messages to the unit not yet acknowledged, by status. */
  accepted: number;
  delivered: number;
  undeliverable: number;
  /** When the oldest of them reached the hub. */
  oldestPendingAt: Date | null;
  /** When the unit last sent a message the hub accepted. */
  lastSentAt: Date | null;
}

export interface NodeRow {
  nodeId: string;
  unitId: string;
  status: string;
}

export interface UndeliverableRow {
  id: string;
  kind: string;
  fromUnit: string;
  toUnit: string;
  requestType: string | null;
  priority: string | null;
  receivedAt: Date;
  deliveryAttempts: number;
}

/** The reads behind the coordinators' delivery view, and the one write of a retry. */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Per unit: what waits for it and since when, what the hub gave up on, when it last sent.
   * The pending counts read the mailbox index (pending messages only), the last sending the
   * from-unit index: one short scan per unit, whatever the size of the message table.
   */
  async unitDeliveries(): Promise<UnitDeliveryRow[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT u.id AS "unitId", u.status AS "unitStatus",
              coalesce(p.accepted, 0)::int AS accepted, coalesce(p.delivered, 0)::int AS delivered, coalesce(p.undeliverable, 0)::int AS undeliverable,
              p.oldest AS "oldestPendingAt", s.last AS "lastSentAt"
         FROM unit u
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE status = 'accepted') AS accepted, count(*) FILTER (WHERE status = 'delivered') AS delivered,
                  count(*) FILTER (WHERE status = 'undeliverable') AS undeliverable, min(received_at) AS oldest
             FROM message WHERE to_unit = u.id AND status IN ('accepted', 'delivered', 'undeliverable')) p ON true
         LEFT JOIN LATERAL (SELECT max(received_at) AS last FROM message WHERE from_unit = u.id) s ON true
        ORDER BY u.id`,
    );
    return rows as unknown as UnitDeliveryRow[];
  }

  async nodes(): Promise<NodeRow[]> {
    return this.dataSource.query<NodeRow[]>(`SELECT id AS "nodeId", unit_id AS "unitId", status FROM node ORDER BY unit_id, id`);
  }

  /** The messages the hub gave up on, newest first. */
  async undeliverable(limit: number): Promise<UndeliverableRow[]> {
    const rows = await this.dataSource.manager.find(MessageEntity, {
      select: { id: true, kind: true, fromUnit: true, toUnit: true, requestType: true, priority: true, receivedAt: true, deliveryAttempts: true },
      where: { status: 'undeliverable' },
      order: { receivedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
    return rows.map(({ id, kind, fromUnit, toUnit, requestType, priority, receivedAt, deliveryAttempts }) => ({ id, kind, fromUnit, toUnit, requestType, priority, receivedAt, deliveryAttempts }));
  }

  /** The message and its recipient unit's status, the message locked until the transaction ends. */
  async findForRetry(tx: EntityManager, id: string): Promise<{ message: MessageEntity; recipientStatus: string | undefined } | undefined> {
    const message = await tx.getRepository(MessageEntity).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
    if (message === null) return undefined;
    const [unit] = await tx.query<{ status: string }[]>('SELECT status FROM unit WHERE id = $1', [message.toUnit]);
    return { message, recipientStatus: unit?.status };
  }

  /** 'undeliverable' → 'accepted': the delivery worker takes it again. */
  async markForRetry(tx: EntityManager, id: string): Promise<void> {
    await tx.update(MessageEntity, { id, status: 'undeliverable' }, { status: 'accepted' });
  }
}
