import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

/** The only code that touches TypeORM for the audit log. */
@Injectable()
export class AuditRepository {
  /**
   * Reserves the next `count` indices inside the caller's transaction; returns the first. The
   * head row stays locked until that transaction ends, so indices are gapless and in commit order even with several hub
   * replicas (a sequence would leave gaps on rollback, which a Merkle log cannot have).
   */
  async reserveIndices(tx: EntityManager, count: number): Promise<number> {
    // One round trip: the UPDATE takes the row lock (as SELECT … FOR UPDATE did) and bumps the size.
    const rows: { first: string }[] = await tx.query('WITH head AS (UPDATE audit_head SET size = size + $1 WHERE id = true RETURNING size) SELECT size - $1 AS first FROM head', [count]);
    const head = rows[0];
    if (head === undefined) throw new Error('audit_head row is missing');
    return Number(head.first);
  }

  async insertMany(tx: EntityManager, entries: AuditEntryEntity[]): Promise<void> {
    // unnest: one statement and five parameters whatever the batch size.
    await tx.query(
      `INSERT INTO audit_entry (index, type, canonical, leaf_hash, recorded_at)
       SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::text[], $4::bytea[], $5::timestamptz[])`,
      [entries.map((e) => e.index), entries.map((e) => e.type), entries.map((e) => e.canonical), entries.map((e) => e.leafHash), entries.map((e) => e.recordedAt)],
    );
  }

  async findRange(tx: EntityManager, from: number, count: number): Promise<AuditEntryEntity[]> {
    return tx.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.index >= :from', { from }).orderBy('e.index', 'ASC').limit(count).getMany();
  }
}
