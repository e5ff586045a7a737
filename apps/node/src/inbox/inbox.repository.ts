import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository } from 'typeorm';
import { InboxMessageEntity } from './inbox-message.entity';

/** The only file of the inbox that touches TypeORM. */
@Injectable()
export class InboxRepository {
  constructor(@InjectRepository(InboxMessageEntity) private readonly messages: Repository<InboxMessageEntity>) {}

  // The inbox's statements run on every delivery: written out, not built by TypeORM's query
  // builder, whose SQL generation cost more CPU than the round trip (docs/adr-hub-performance.md).

  async findMessage(messageId: string): Promise<Pick<InboxMessageEntity, 'messageId' | 'digest' | 'receipt'> | undefined> {
    const rows: { message_id: string; digest: string; receipt: string }[] = await this.messages.query('SELECT message_id, digest, receipt FROM inbox_message WHERE message_id = $1', [messageId]);
    return rows[0] && { messageId: rows[0].message_id, digest: rows[0].digest, receipt: rows[0].receipt };
  }

  /**
   * Inserts the message unless its id is already stored (a push and a mailbox pull may race),
   * and returns the row that is stored now: this one, or the one that won.
   */
  async insertOnce(row: InboxMessageEntity): Promise<Pick<InboxMessageEntity, 'messageId' | 'digest' | 'receipt'>> {
    const inserted: unknown[] = await this.messages.query(
      `INSERT INTO inbox_message (message_id, kind, from_unit, request_type, in_reply_to, received_at, envelope, payload, jws, digest, receipt, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [row.messageId, row.kind, row.fromUnit, row.requestType, row.inReplyTo, row.receivedAt, JSON.stringify(row.envelope), JSON.stringify(row.payload), row.jws, row.digest, row.receipt, row.status],
    );
    if (inserted.length === 1) return { messageId: row.messageId, digest: row.digest, receipt: row.receipt };
    const stored = await this.findMessage(row.messageId);
    if (stored === undefined) throw new Error(`inbox message ${row.messageId} vanished after insert`);
    return stored;
  }
}
