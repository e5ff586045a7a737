import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

/** The only code that touches TypeORM for the audit log. */
@Injectable()
export class AuditRepository {
  /**
   * Reserves the next index inside the caller's transaction. The head row stays locked until
   * that transaction ends, so indices are gapless and in commit order even with several hub
   * replicas (a sequence would leave gaps on rollback, which a Merkle log cannot have).
   */
  async reserveIndex(tx: EntityManager): Promise<number> {
    // One round trip: the UPDATE takes the row lock (as SELECT … FOR UPDATE did) and bumps the size.
    const rows: { index: string }[] = await tx.query('WITH head AS (UPDATE audit_head SET size = size + 1 WHERE id = true RETURNING size) SELECT size - 1 AS index FROM head');
    const head = rows[0];
    if (head === undefined) throw new Error('audit_head row is missing');
    return Number(head.index);
  }

  async insert(tx: EntityManager, entry: AuditEntryEntity): Promise<void> {
    await tx.getRepository(AuditEntryEntity).insert(entry);
  }

  async findRange(tx: EntityManager, from: number, count: number): Promise<AuditEntryEntity[]> {
    return tx.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.index >= :from', { from }).orderBy('e.index', 'ASC').limit(count).getMany();
  }
}
