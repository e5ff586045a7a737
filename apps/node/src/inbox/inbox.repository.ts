import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, type Repository } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { InboxMessageEntity } from './inbox-message.entity';
import { SentReceiptEntity } from './sent-receipt.entity';

/** The only file of the inbox that touches TypeORM. */
@Injectable()
export class InboxRepository {
  constructor(
    @InjectRepository(InboxMessageEntity) private readonly messages: Repository<InboxMessageEntity>,
    @InjectRepository(SentReceiptEntity) private readonly receipts: Repository<SentReceiptEntity>,
  ) {}

  async findMessage(messageId: string): Promise<Pick<InboxMessageEntity, 'messageId' | 'digest' | 'receipt'> | undefined> {
    return (await this.messages.findOne({ where: { messageId }, select: { messageId: true, digest: true, receipt: true } })) ?? undefined;
  }

  /**
   * Inserts the message unless its id is already stored (a push and a mailbox pull may race),
   * and returns the row that is stored now: this one, or the one that won.
   */
  async insertOnce(row: InboxMessageEntity): Promise<Pick<InboxMessageEntity, 'messageId' | 'digest' | 'receipt'>> {
    const inserted = await this.messages.createQueryBuilder().insert().values(row as QueryDeepPartialEntity<InboxMessageEntity>).orIgnore().returning('message_id').execute();
    if ((inserted.raw as unknown[]).length === 1) return { messageId: row.messageId, digest: row.digest, receipt: row.receipt };
    const stored = await this.findMessage(row.messageId);
    if (stored === undefined) throw new Error(`inbox message ${row.messageId} vanished after insert`);
    return stored;
  }

  /** Stores a delivery receipt of a sent message (in the caller's transaction); a repeated one is ignored. */
  async insertSentReceipt(row: SentReceiptEntity, tx: EntityManager = this.receipts.manager): Promise<void> {
    await tx.getRepository(SentReceiptEntity).createQueryBuilder().insert().values(row).orIgnore().execute();
  }
}
