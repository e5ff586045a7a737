import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { EnrollmentTokenEntity } from './enrollment-token.entity';

/** The only code that touches TypeORM for enrolment tokens; always in the caller's transaction. */
@Injectable()
export class EnrollmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A transaction of its own, for what changes tokens only (issuing one is no directory change). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertToken(tx: EntityManager, token: EnrollmentTokenEntity): Promise<void> {
    await tx.insert(EnrollmentTokenEntity, token);
  }

  /** Whether a token with this hash was ever issued (no lock, outside any transaction). */
  async tokenExists(tokenSha256: string): Promise<boolean> {
    return this.dataSource.getRepository(EnrollmentTokenEntity).existsBy({ tokenSha256 });
  }

  /** The token with this hash, locked until the transaction ends (two uses race: one wins). */
  async lockTokenByHash(tx: EntityManager, tokenSha256: string): Promise<EnrollmentTokenEntity | undefined> {
    return (
      (await tx.getRepository(EnrollmentTokenEntity).createQueryBuilder('t').setLock('pessimistic_write').where('t.token_sha256 = :tokenSha256', { tokenSha256 }).getOne()) ?? undefined
    );
  }

  async markUsed(tx: EntityManager, id: string, nodeId: string, usedAt: Date): Promise<void> {
    await tx.update(EnrollmentTokenEntity, { id }, { nodeId, usedAt });
  }
}
