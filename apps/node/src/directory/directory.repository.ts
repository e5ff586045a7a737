import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository } from 'typeorm';
import { type PublicJwk } from '@cicu/crypto';
import { DirectorySnapshotEntity } from './directory-snapshot.entity';
import { HubTrustEntity } from './hub-trust.entity';

/** The only file of the node's directory that touches TypeORM. */
@Injectable()
export class NodeDirectoryRepository {
  constructor(
    @InjectRepository(HubTrustEntity) private readonly trust: Repository<HubTrustEntity>,
    @InjectRepository(DirectorySnapshotEntity) private readonly snapshots: Repository<DirectorySnapshotEntity>,
  ) {}

  trustedHubKeys(): Promise<HubTrustEntity[]> {
    return this.trust.find({ order: { firstSeen: 'ASC', kid: 'ASC' } });
  }

  /** Pins keys; keys already pinned stay as they were (first_seen is the first contact). */
  async pinHubKeys(keys: PublicJwk[], at: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.trust
      .createQueryBuilder()
      .insert()
      .values(keys.map((jwk) => ({ kid: jwk.kid, jwk, firstSeen: at })))
      .orIgnore()
      .execute();
  }

  async latestSnapshot(): Promise<DirectorySnapshotEntity | undefined> {
    return (await this.snapshots.find({ order: { version: 'DESC' }, take: 1 }))[0];
  }

  /** Stores a newer snapshot (or refreshes fetched_at of the same version). */
  async saveSnapshot(version: number, jws: string, fetchedAt: Date): Promise<void> {
    await this.snapshots.upsert({ version, jws, fetchedAt }, ['version']);
  }

  async touchSnapshot(version: number, fetchedAt: Date): Promise<void> {
    await this.snapshots.update({ version }, { fetchedAt });
  }
}
