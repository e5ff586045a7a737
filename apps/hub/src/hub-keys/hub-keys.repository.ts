import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { HubKeyEntity } from './hub-key.entity';

export type NewHubKey = Pick<HubKeyEntity, 'kid' | 'alg' | 'publicJwk' | 'sealedPrivateJwk'>;

/** The only code that touches TypeORM for the hub's keys. */
@Injectable()
export class HubKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findCurrent(): Promise<HubKeyEntity | undefined> {
    return (await this.dataSource.manager.findOneBy(HubKeyEntity, { retiredAt: IsNull() })) ?? undefined;
  }

  /** Every key, current and retired, oldest first: all of them still verify what they signed. */
  async findAll(): Promise<HubKeyEntity[]> {
    return this.dataSource.manager.find(HubKeyEntity, { order: { createdAt: 'ASC', kid: 'ASC' } });
  }

  /**
   * Stores `key` as the current key unless there already is one, and returns the current
   * key either way. The table lock makes replicas starting together agree on one key.
   */
  async insertIfNoCurrent(key: NewHubKey): Promise<HubKeyEntity> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('LOCK TABLE hub_key IN SHARE ROW EXCLUSIVE MODE');
      const current = await tx.findOneBy(HubKeyEntity, { retiredAt: IsNull() });
      if (current !== null) return current;
      await tx.insert(HubKeyEntity, { ...key, retiredAt: null });
      return tx.findOneByOrFail(HubKeyEntity, { kid: key.kid });
    });
  }

  async replaceSealed(kid: string, expected: string, sealedPrivateJwk: string): Promise<void> {
    // Compare-and-set: another replica re-sealing at the same time must not be overwritten blindly.
    await this.dataSource.manager.update(HubKeyEntity, { kid, sealedPrivateJwk: expected }, { sealedPrivateJwk });
  }
}
