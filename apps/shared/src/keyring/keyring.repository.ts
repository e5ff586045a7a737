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
    return (await this.dataSource.manager.findOneBy(LocalKeyEntity, { purpose, retiredAt: IsNull(), pending: false })) ?? undefined;
  }

  /** Every key of these purposes, current, pending and retired, oldest first. */
  async findAll(purposes: readonly KeyPurpose[]): Promise<LocalKeyEntity[]> {
    return this.dataSource.manager.find(LocalKeyEntity, { where: { purpose: In([...purposes]) }, order: { createdAt: 'ASC', kid: 'ASC' } });
  }

  /**
   * Stores `key` as the current (or, with `pending`, the pending) key of its purpose unless
   * there already is one, and returns that key either way. The table lock makes replicas (or
   * a command and a running app) agree on one key; the partial unique indexes would otherwise
   * fail the loser's insert.
   */
  async insertIfNone(key: NewLocalKey, pending = false): Promise<LocalKeyEntity> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('LOCK TABLE local_key IN SHARE ROW EXCLUSIVE MODE');
      const existing = await tx.findOneBy(LocalKeyEntity, { purpose: key.purpose, retiredAt: IsNull(), pending });
      if (existing !== null) return existing;
      await tx.insert(LocalKeyEntity, { ...key, retiredAt: null, pending });
      return tx.findOneByOrFail(LocalKeyEntity, { kid: key.kid });
    });
  }

  /**
   * The pending keys of these purposes become current and the current ones retire at `now`,
   * together (one transaction), so that each purpose always has exactly one current key.
   * Returns the kids promoted, in the order of `purposes` (none when nothing was pending).
   */
  async promotePending(purposes: readonly KeyPurpose[], now: Date): Promise<string[]> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('LOCK TABLE local_key IN SHARE ROW EXCLUSIVE MODE');
      const pending = await tx.find(LocalKeyEntity, { where: { purpose: In([...purposes]), pending: true } });
      for (const key of pending) {
        await tx.update(LocalKeyEntity, { purpose: key.purpose, retiredAt: IsNull(), pending: false }, { retiredAt: now });
        await tx.update(LocalKeyEntity, { kid: key.kid }, { pending: false });
      }
      return purposes.flatMap((purpose) => pending.filter((key) => key.purpose === purpose).map((key) => key.kid));
    });
  }

  async replaceSealed(kid: string, expected: string, sealedPrivateJwk: string): Promise<void> {
    // Compare-and-set: another replica re-sealing at the same time must not be overwritten blindly.
    await this.dataSource.manager.update(LocalKeyEntity, { kid, sealedPrivateJwk: expected }, { sealedPrivateJwk });
  }
}
