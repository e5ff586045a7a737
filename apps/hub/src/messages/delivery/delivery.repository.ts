import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Batcher, entityHydrator } from '@cicu/shared';
import { type DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { MessageEntity, type MessageStatus } from '../message.entity';
import { DELIVERY_CONCURRENCY } from './delivery.jobs';

/** Statuses of a message still waiting for its recipient's receipt (what a mailbox shows). */
export const PENDING_STATUSES: readonly MessageStatus[] = ['accepted', 'delivered', 'undeliverable'];

export interface AcknowledgedRow {
  deliveryReceipt: string;
  acknowledgedAt: Date;
  deliveredAt: Date;
}

/** The only code that touches TypeORM for delivery and the mailbox. */
@Injectable()
export class DeliveryRepository {
  /** A `SELECT *` row of the message table as the entity TypeORM would hydrate. */
  private readonly toEntity: (row: Record<string, unknown>) => MessageEntity;
  private readonly claims = new Batcher<{ id: string; units: readonly string[] }, MessageEntity | undefined>((claims) => this.claimEach(claims), { maxBatch: DELIVERY_CONCURRENCY });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.toEntity = entityHydrator(dataSource, MessageEntity);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The delivery path reads and writes one message by id several times per message; these
   * statements are written out rather than built by TypeORM's query builder, whose SQL
   * generation cost more CPU than the round trip (docs/adr-hub-performance.md).
   */
  async find(id: string): Promise<MessageEntity | undefined> {
    const rows: Record<string, unknown>[] = await this.dataSource.query('SELECT * FROM message WHERE id = $1', [id]);
    return rows[0] && this.toEntity(rows[0]);
  }

  /** The message, locked until the transaction ends (receipts for one message are recorded one at a time). */
  async findForUpdate(tx: EntityManager, id: string): Promise<MessageEntity | undefined> {
    const rows: Record<string, unknown>[] = await tx.query('SELECT * FROM message WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] && this.toEntity(rows[0]);
  }

  /**
   * Counts an attempt of a pending message still holding its ciphertext, addressed to one of
   * `units` (those that can take it now), and returns it as counted: the delivery job's read and
   * count in one statement, shared by the jobs that claim together (DELIVERY_CONCURRENCY of them
   * run at once). Undefined otherwise; the caller reads the message to learn why.
   */
  claimAttempt(id: string, units: readonly string[]): Promise<MessageEntity | undefined> {
    return this.claims.submit({ id, units });
  }

  private async claimEach(claims: readonly { id: string; units: readonly string[] }[]): Promise<(MessageEntity | undefined)[]> {
    const claimed = new Map<string, MessageEntity>();
    // One statement per directory generation's list of units (nearly always one).
    for (const units of new Set(claims.map((c) => c.units))) {
      const ids = [...new Set(claims.filter((c) => c.units === units).map((c) => c.id))];
      const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
        'UPDATE message SET delivery_attempts = delivery_attempts + 1 WHERE id = ANY($1::uuid[]) AND status = ANY($2::varchar[]) AND to_unit = ANY($3::varchar[]) AND jws IS NOT NULL RETURNING *',
        [ids, PENDING_STATUSES, units],
      );
      for (const row of rows) claimed.set(row.id as string, this.toEntity(row));
    }
    return claims.map((c) => claimed.get(c.id));
  }

  async countAttempt(id: string): Promise<void> {
    await this.dataSource.query('UPDATE message SET delivery_attempts = delivery_attempts + 1 WHERE id = $1 AND status = ANY($2::varchar[])', [id, PENDING_STATUSES]);
  }

  /** 'accepted' → 'undeliverable'; false when the message had moved on (delivered, acknowledged). */
  async markUndeliverable(tx: EntityManager, id: string): Promise<boolean> {
    const result = await tx.update(MessageEntity, { id, status: 'accepted' }, { status: 'undeliverable' });
    return (result.affected ?? 0) > 0;
  }

  /** Handed to the recipient's node by its mailbox: 'delivered', first time kept. */
  async markDelivered(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .update(MessageEntity)
      .set({ status: 'delivered', deliveredAt: () => 'coalesce(delivered_at, :at)' })
      .setParameter('at', at)
      .where({ id: In(ids), status: In(['accepted', 'undeliverable']) })
      .execute();
  }

  /** Unacknowledged messages to `unitId` that still hold their ciphertext, oldest first. */
  async findMailbox(unitId: string, limit: number): Promise<MessageEntity[]> {
    return this.dataSource.manager.find(MessageEntity, {
      where: { toUnit: unitId, status: In([...PENDING_STATUSES]), jws: Not(IsNull()) },
      order: { receivedAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /**
   * Per recipient unit with messages not yet acknowledged: how many wait for delivery
   * (accepted, or delivered without a receipt), how many are undeliverable, since when the
   * oldest waits. Reads the mailbox index only.
   */
  async backlogByUnit(): Promise<{ unitId: string; pending: number; undeliverable: number; oldestPendingAt: Date | null }[]> {
    const rows: { to_unit: string; pending: string; undeliverable: string; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT to_unit,
              count(*) FILTER (WHERE status IN ('accepted', 'delivered')) AS pending,
              count(*) FILTER (WHERE status = 'undeliverable') AS undeliverable,
              min(received_at) FILTER (WHERE status IN ('accepted', 'delivered')) AS oldest
         FROM message WHERE status IN ('accepted', 'delivered', 'undeliverable')
        GROUP BY to_unit ORDER BY to_unit`,
    );
    return rows.map((r) => ({ unitId: r.to_unit, pending: Number(r.pending), undeliverable: Number(r.undeliverable), oldestPendingAt: r.oldest }));
  }

  /** Undeliverable messages (to `toUnit` only, when given), oldest first, at most `limit`. */
  findUndeliverable(toUnit: string | undefined, limit: number): Promise<MessageEntity[]> {
    return this.dataSource.manager.find(MessageEntity, {
      where: toUnit === undefined ? { status: 'undeliverable' } : { status: 'undeliverable', toUnit },
      order: { receivedAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** 'undeliverable' → 'accepted': a coordinator's retry; false when the message had moved on. */
  async markForRetry(tx: EntityManager, id: string): Promise<boolean> {
    const result = await tx.update(MessageEntity, { id, status: 'undeliverable' }, { status: 'accepted' });
    return (result.affected ?? 0) > 0;
  }

  /** Ids of the messages in `status` (to `toUnit` only, when given), oldest first. */
  async findIdsWithStatus(status: MessageStatus, toUnit?: string): Promise<string[]> {
    const where = toUnit === undefined ? { status } : { status, toUnit };
    const rows = await this.dataSource.manager.find(MessageEntity, { select: { id: true }, where, order: { receivedAt: 'ASC' } });
    return rows.map((row) => row.id);
  }
}
