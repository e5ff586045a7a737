import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull } from 'typeorm';
import { type KeyPurpose, LocalKeyEntity } from './local-key.entity';

export type NewLocalKey = Pick<LocalKeyEntity, 'kid' | 'purpose' | 'alg' | 'publicJwk' | 'sealedPrivateJwk'>;

/** The only code that touches TypeORM for the app's own keys. */
@Injectable()
export class KeyringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findCurrent(purpose: KeyPurpose): Promise<LocalKeyEntity | undefined> {
    return (await this.dataSource.manager.findOneBy(LocalKeyEntity, { purpose, retiredAt: IsNull() })) ?? undefined;
  }

  /** Every key of these purposes, current and retired, oldest first. */
  async findAll(purposes: readonly KeyPurpose[]): Promise<LocalKeyEntity[]> {
    return this.dataSource.manager.find(LocalKeyEntity, { where: { purpose: In([...purposes]) }, order: { createdAt: 'ASC', kid: 'ASC' } });
  }

  /**
   * Stores `key` as the current key of its purpose unless there already is one, and returns
   * the current key either way. The table lock makes replicas starting together agree on one
   * key (the partial unique index would otherwise fail the loser's insert).
   */
  async insertIfNoCurrent(key: NewLocalKey): Promise<LocalKeyEntity> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('LOCK TABLE local_key IN SHARE ROW EXCLUSIVE MODE');
      const current = await tx.findOneBy(LocalKeyEntity, { purpose: key.purpose, retiredAt: IsNull() });
      if (current !== null) return current;
      await tx.insert(LocalKeyEntity, { ...key, retiredAt: null });
      return tx.findOneByOrFail(LocalKeyEntity, { kid: key.kid });
    });
  }

  async replaceSealed(kid: string, expected: string, sealedPrivateJwk: string): Promise<void> {
    // Compare-and-set: another replica re-sealing at the same time must not be overwritten blindly.
    await this.dataSource.manager.update(LocalKeyEntity, { kid, sealedPrivateJwk: expected }, { sealedPrivateJwk });
  }
}
