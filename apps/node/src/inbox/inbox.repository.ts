import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LIMITS } from '@cicu/protocol';
import { Batcher, entityRows } from '@cicu/shared';
import { type Repository } from 'typeorm';
import { InboxMessageEntity } from './inbox-message.entity';

/** The only file of the inbox that touches TypeORM. */
@Injectable()
export class InboxRepository {
  /** At most a hub batch's worth of messages per INSERT (POST /v1/inbox/batch). */
  private readonly inserts = new Batcher<InboxMessageEntity, StoredMessage>((rows) => this.insertEach(rows), { maxBatch: LIMITS.batchMessages });

  private readonly rows: ReturnType<typeof entityRows<InboxMessageEntity>>;

  constructor(@InjectRepository(InboxMessageEntity) private readonly messages: Repository<InboxMessageEntity>) {
    this.rows = entityRows(messages.manager.connection, InboxMessageEntity);
  }

  // The inbox's statements run on every delivery: written out, not built by TypeORM's query
  // builder, whose SQL generation cost more CPU than the round trip (docs/adr-hub-performance.md).

  async findMessage(messageId: string): Promise<Pick<InboxMessageEntity, 'messageId' | 'digest' | 'receipt'> | undefined> {
    const rows: { message_id: string; digest: string; receipt: string }[] = await this.messages.query('SELECT message_id, digest, receipt FROM inbox_message WHERE message_id = $1', [messageId]);
    return rows[0] && { messageId: rows[0].message_id, digest: rows[0].digest, receipt: rows[0].receipt };
  }

  /**
   * Inserts the message unless its id is already stored (a push and a mailbox pull may race,
   * or one hub batch carry it twice), and returns the row that is stored now: this one, or the
   * one that won. The messages of one hub batch arrive together: they go in one INSERT.
   */
  insertOnce(row: InboxMessageEntity): Promise<StoredMessage> {
    return this.inserts.submit(row);
  }

  /**
   * One INSERT of the rows that arrived together (json_populate_recordset fills the row type by
   * column name, from the entity's mapping), one commit. A row whose id is stored already, before or by an earlier row of
   * the same statement, is skipped by the primary key, and gets the stored row.
   */
  private async insertEach(rows: readonly InboxMessageEntity[]): Promise<StoredMessage[]> {
    const columns = this.rows.columns.join(', ');
    const inserted: StoredRow[] = await this.messages.query(
      `INSERT INTO inbox_message (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::inbox_message, $1::json)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id, digest, receipt`,
      [JSON.stringify(this.rows.rowsOf(rows))],
    );
    const stored = new Map(inserted.map((r) => [r.message_id, r]));
    const missing = rows.filter((row) => !stored.has(row.messageId)).map((row) => row.messageId);
    if (missing.length > 0) {
      const found: StoredRow[] = await this.messages.query('SELECT message_id, digest, receipt FROM inbox_message WHERE message_id = ANY($1::uuid[])', [missing]);
      for (const r of found) stored.set(r.message_id, r);
    }
    return rows.map((row) => {
      const r = stored.get(row.messageId);
      if (r === undefined) throw new Error(`inbox message ${row.messageId} vanished after insert`);
      return { messageId: r.message_id, digest: r.digest, receipt: r.receipt };
    });
  }
}

type StoredMessage = Pick<InboxMessageEntity, 'messageId' | 'digest' | 'receipt'>;
type StoredRow = { message_id: string; digest: string; receipt: string };

