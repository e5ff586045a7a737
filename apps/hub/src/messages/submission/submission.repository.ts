import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
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

  async insert(tx: EntityManager, message: MessageEntity): Promise<void> {
    await tx.getRepository(MessageEntity).insert(message);
  }

  async setAuditIndex(tx: EntityManager, id: string, auditIndex: number): Promise<void> {
    await tx.getRepository(MessageEntity).update({ id }, { auditIndex });
  }
}

/** True for PostgreSQL's unique_violation (23505): another submission stored the same id first. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown } | undefined;
  return driverError?.code === '23505';
}
