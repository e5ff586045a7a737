import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { entityRows } from '@cicu/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import { type AuditedChanges } from '../../audit/audit.repository';
import { MessageEntity } from '../message.entity';

/** A delivery receipt to record on its message: the receipt's compact JWS and when it came. */
export interface Acknowledgement {
  id: string;
  receipt: string;
  at: Date;
}

/** The statements of the message writer's commits (MessageWriter): message rows, their audit indices, their receipts. */
@Injectable()
export class MessageWriteRepository {
  private readonly rows: ReturnType<typeof entityRows<MessageEntity>>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.rows = entityRows(dataSource, MessageEntity);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** For one statement outside a transaction (its own implicit one). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Inserts the rows whose id is not stored yet, in one statement whatever their number, and
   * returns the ids it inserted: a stored id (a replay, or the same id committed by another
   * replica a moment ago) is skipped by the primary key, not an error that would undo the batch.
   */
  async insertNew(tx: EntityManager, messages: readonly MessageEntity[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO message SELECT * FROM json_populate_recordset(NULL::message, $1::json) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [this.rowsJson(messages)],
    );
    return inserted.map((r) => r.id);
  }

  /**
   * The rows as json_populate_recordset takes them (it fills the row type by column name; the
   * names come from the entity's own mapping), with `auditIndices[i]` as the i-th row's audit
   * index when given.
   */
  rowsJson(messages: readonly MessageEntity[], auditIndices?: readonly number[]): string {
    const rows = this.rows.rowsOf(messages);
    if (auditIndices !== undefined) rows.forEach((row, i) => (row.audit_index = auditIndices[i]));
    return JSON.stringify(rows);
  }

  async setAuditIndices(tx: EntityManager, indices: readonly { id: string; auditIndex: number }[]): Promise<void> {
    if (indices.length === 0) return;
    await tx.query(`UPDATE message SET audit_index = u.audit_index FROM unnest($1::uuid[], $2::bigint[]) AS u (id, audit_index) WHERE message.id = u.id`, [
      indices.map((i) => i.id),
      indices.map((i) => i.auditIndex),
    ]);
  }

  /**
   * Records each receipt on its message and deletes the ciphertext (the table's CHECK requires
   * both together) and the sealed attachments with it: once the recipient signed for them the
   * hub keeps digests only. One statement whatever their number; returns the ids it
   * acknowledged, leaving out a message acknowledged already. The UPDATE locks the rows, so of
   * two commits recording a receipt for one message the second waits, then sees it acknowledged.
   */
  async acknowledge(tx: EntityManager, acks: readonly Acknowledgement[]): Promise<string[]> {
    if (acks.length === 0) return [];
    // A SELECT over data-modifying CTEs: TypeORM answers a bare UPDATE with [rows, count].
    const { ctes, params } = this.acknowledgement(acks);
    const rows: { id: string }[] = await tx.query(`WITH ${ctes} SELECT id FROM acked`, params);
    return rows.map((r) => r.id);
  }

  /**
   * acknowledge as the changes of a one-statement audit append (AuditRepository.appendAtSize):
   * the same CTEs, which change nothing unless the audit head is where the append expects it.
   */
  acknowledgementChanges(acks: readonly Acknowledgement[]): AuditedChanges {
    return { ...this.acknowledgement(acks, 'expected_head'), changed: 'acked', count: acks.length };
  }

  /** The CTEs `acked` (the ids acknowledged) and `attachments`, with their parameters; `gate`: a CTE that must have a row for anything to change. */
  private acknowledgement(acks: readonly Acknowledgement[], gate?: string): { ctes: string; params: unknown[] } {
    return {
      ctes: `acked AS (
         UPDATE message SET status = 'acknowledged', delivery_receipt = a.receipt, acknowledged_at = a.at, delivered_at = coalesce(delivered_at, a.at), jws = NULL
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS a (id, receipt, at)${gate === undefined ? '' : `, ${gate}`}
          WHERE message.id = a.id AND message.status <> 'acknowledged' RETURNING message.id),
       attachments AS (DELETE FROM message_attachment WHERE message_id IN (SELECT id FROM acked))`,
      params: [acks.map((a) => a.id), acks.map((a) => a.receipt), acks.map((a) => a.at)],
    };
  }
}
