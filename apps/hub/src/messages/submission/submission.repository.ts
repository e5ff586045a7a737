import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { MessageEntity } from '../message.entity';

/** What an answer needs to know about the request it answers. */
export type StoredRequest = Pick<MessageEntity, 'id' | 'fromUnit' | 'toUnit' | 'agreementId' | 'agreementVersion'>;

/** The only code of the submission capability that touches TypeORM. */
@Injectable()
export class SubmissionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** For one statement outside a transaction (its own implicit one). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(MessageEntity).existsBy({ id });
  }

  async findRequest(id: string): Promise<StoredRequest | undefined> {
    const row = await this.dataSource.getRepository(MessageEntity).findOne({
      where: { id, kind: 'request' },
      select: { id: true, fromUnit: true, toUnit: true, agreementId: true, agreementVersion: true },
    });
    return row ?? undefined;
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
    const columns = this.dataSource.getMetadata(MessageEntity).columns;
    const rows = messages.map((m, i) => {
      const row = Object.fromEntries(columns.map((c) => [c.databaseName, c.getEntityValue(m) as unknown]));
      if (auditIndices !== undefined) row.audit_index = auditIndices[i];
      return row;
    });
    return JSON.stringify(rows);
  }

  async setAuditIndices(tx: EntityManager, indices: readonly { id: string; auditIndex: number }[]): Promise<void> {
    if (indices.length === 0) return;
    await tx.query(`UPDATE message SET audit_index = u.audit_index FROM unnest($1::uuid[], $2::bigint[]) AS u (id, audit_index) WHERE message.id = u.id`, [
      indices.map((i) => i.id),
      indices.map((i) => i.auditIndex),
    ]);
  }
}
