import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity';

/** The only code that touches TypeORM for the audit log. */
@Injectable()
export class AuditRepository {
  /**
   * Reserves the next index inside the caller's transaction. The head row stays locked until
   * that transaction ends, so indices are gapless and in commit order even with several hub
   * replicas (a sequence would leave gaps on rollback, which a Merkle log cannot have).
   */
  async reserveIndex(tx: EntityManager): Promise<number> {
    const head = await tx.getRepository(AuditHeadEntity).createQueryBuilder('h').setLock('pessimistic_write').where('h.id = true').getOneOrFail();
    await tx.getRepository(AuditHeadEntity).update({ id: true }, { size: head.size + 1 });
    return head.size;
  }

  async insert(tx: EntityManager, entry: AuditEntryEntity): Promise<void> {
    await tx.getRepository(AuditEntryEntity).insert(entry);
  }

  async findRange(tx: EntityManager, from: number, count: number): Promise<AuditEntryEntity[]> {
    return tx.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.index >= :from', { from }).orderBy('e.index', 'ASC').limit(count).getMany();
  }
}
