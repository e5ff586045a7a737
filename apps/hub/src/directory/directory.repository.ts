import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, Not } from 'typeorm';
import { AgreementEntity, AgreementLegalBasisEntity, AgreementPartyEntity, AgreementVersionEntity } from './agreement.entity';
import { type DirectoryIndexRows } from './directory-index';
import { DirectoryVersionEntity } from './directory-version.entity';
import { termsOf, toAgreementView } from './directory.views';
import { LegalBasisEntity } from './legal-basis.entity';
import { MemberStateEntity } from './member-state.entity';
import { NodeKeyEntity } from './node-key.entity';
import { NodeEntity, type NodeStatus } from './node.entity';
import { UnitEntity } from './unit.entity';

/** A unit of work on the directory; services pass it along and never look inside. */
export type DirectoryTx = EntityManager;

export interface AgreementRecord {
  agreement: AgreementEntity;
  parties: string[];
  legalBases: string[];
}

export interface NodeKeyRecord {
  key: NodeKeyEntity;
  unitId: string;
  nodeStatus: NodeStatus;
}

/** Rows of a fresh directory (the seed); timestamps come from the database. */
export interface NewDirectoryRows {
  memberStates: MemberStateEntity[];
  units: Omit<UnitEntity, 'createdAt' | 'updatedAt'>[];
  legalBases: LegalBasisEntity[];
  agreements: { agreement: Omit<AgreementEntity, 'createdAt' | 'updatedAt'>; parties: string[]; legalBases: string[] }[];
}

export interface DirectoryContents {
  version: DirectoryVersionEntity;
  memberStates: MemberStateEntity[];
  units: UnitEntity[];
  nodes: NodeEntity[];
  keys: NodeKeyEntity[];
  legalBases: LegalBasisEntity[];
  agreements: AgreementRecord[];
}

/** The only code that touches TypeORM for the directory. */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction (READ COMMITTED unless a consistent read is asked for). */
  transaction<T>(work: (tx: DirectoryTx) => Promise<T>, consistentRead = false): Promise<T> {
    return consistentRead ? this.dataSource.transaction('REPEATABLE READ', work) : this.dataSource.transaction(work);
  }

  /**
   * Locks the version row until the transaction ends. Every directory write takes this lock
   * first, so writers (on any hub replica) run one at a time and each bump is seen once.
   */
  async lockVersion(tx: DirectoryTx): Promise<number> {
    const row = await tx
      .getRepository(DirectoryVersionEntity)
      .createQueryBuilder('v')
      .setLock('pessimistic_write')
      .where('v.id = true')
      .getOneOrFail();
    return row.version;
  }

  async bumpVersion(tx: DirectoryTx): Promise<number> {
    const result = await tx
      .createQueryBuilder()
      .update(DirectoryVersionEntity)
      .set({ version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id')
      .returning(['version'])
      .execute();
    return (result.raw as { version: number }[])[0]!.version;
  }

  async currentVersion(): Promise<DirectoryVersionEntity> {
    return this.dataSource.getRepository(DirectoryVersionEntity).findOneByOrFail({ id: true });
  }

  async countUnits(tx?: DirectoryTx): Promise<number> {
    return (tx ?? this.dataSource.manager).count(UnitEntity);
  }

  async insertAll(tx: DirectoryTx, rows: NewDirectoryRows): Promise<void> {
    // Parents before children, so that the foreign keys hold at each insert.
    if (rows.memberStates.length > 0) await tx.insert(MemberStateEntity, rows.memberStates);
    if (rows.units.length > 0) await tx.insert(UnitEntity, rows.units);
    if (rows.legalBases.length > 0) await tx.insert(LegalBasisEntity, rows.legalBases);
    for (const record of rows.agreements) {
      const { agreement, parties, legalBases } = record;
      await tx.insert(AgreementEntity, agreement);
      await tx.insert(AgreementPartyEntity, parties.map((unitId) => ({ agreementId: agreement.id, unitId })));
      await tx.insert(AgreementLegalBasisEntity, legalBases.map((legalBasisId) => ({ agreementId: agreement.id, legalBasisId })));
      // Its first version's terms, kept for good (agreement_version).
      await tx.insert(AgreementVersionEntity, { agreementId: agreement.id, version: agreement.version, terms: termsOf(toAgreementView({ agreement: agreement as AgreementEntity, parties, legalBases })) });
    }
  }

  async findUnit(id: string, tx?: DirectoryTx): Promise<UnitEntity | undefined> {
    return (await (tx ?? this.dataSource.manager).findOneBy(UnitEntity, { id })) ?? undefined;
  }

  async findLegalBasis(id: string): Promise<LegalBasisEntity | undefined> {
    return (await this.dataSource.manager.findOneBy(LegalBasisEntity, { id })) ?? undefined;
  }

  async findNode(id: string, tx?: DirectoryTx): Promise<NodeEntity | undefined> {
    return (await (tx ?? this.dataSource.manager).findOneBy(NodeEntity, { id })) ?? undefined;
  }

  async findNodeByInbox(tx: DirectoryTx, unitId: string, inboxUrl: string): Promise<NodeEntity | undefined> {
    return (await tx.findOneBy(NodeEntity, { unitId, inboxUrl })) ?? undefined;
  }

  async findExistingKids(tx: DirectoryTx, kids: string[]): Promise<string[]> {
    if (kids.length === 0) return [];
    const rows = await tx.getRepository(NodeKeyEntity).createQueryBuilder('k').select('k.kid', 'kid').where('k.kid IN (:...kids)', { kids }).getRawMany<{ kid: string }>();
    return rows.map((r) => r.kid);
  }

  async insertNode(tx: DirectoryTx, node: Pick<NodeEntity, 'id' | 'unitId' | 'inboxUrl' | 'status'>, keys: Omit<NodeKeyEntity, 'createdAt'>[]): Promise<void> {
    await tx.insert(NodeEntity, node);
    await this.insertKeys(tx, keys);
  }

  async insertKeys(tx: DirectoryTx, keys: Omit<NodeKeyEntity, 'createdAt'>[]): Promise<void> {
    await tx.insert(NodeKeyEntity, keys);
  }

  async setNodeStatus(tx: DirectoryTx, id: string, status: NodeStatus): Promise<void> {
    await tx.update(NodeEntity, { id }, { status });
  }

  /** Every key of the node, revoked, expired and retired ones included, oldest first. */
  async findKeysOfNode(tx: DirectoryTx, nodeId: string): Promise<NodeKeyEntity[]> {
    return tx.find(NodeKeyEntity, { where: { nodeId }, order: { notBefore: 'ASC', kid: 'ASC' } });
  }

  /** The key with its node's unit and status, or undefined. */
  async findKeyRecord(tx: DirectoryTx, kid: string): Promise<NodeKeyRecord | undefined> {
    const key = await tx.findOneBy(NodeKeyEntity, { kid });
    if (key === null) return undefined;
    const node = await tx.findOneByOrFail(NodeEntity, { id: key.nodeId });
    return { key, unitId: node.unitId, nodeStatus: node.status };
  }

  async supersedeKey(tx: DirectoryTx, kid: string, successor: string, retiresAt: Date): Promise<void> {
    await tx.update(NodeKeyEntity, { kid }, { supersededBy: successor, retiresAt });
  }

  async revokeKey(tx: DirectoryTx, kid: string, revokedAt: Date): Promise<void> {
    await tx.update(NodeKeyEntity, { kid }, { revokedAt });
  }

  /** The database's directory generation (bumped by triggers on every directory change). */
  async readGeneration(tx?: DirectoryTx): Promise<number> {
    const rows: { generation: string }[] = await (tx ?? this.dataSource.manager).query('SELECT generation FROM directory_generation WHERE id');
    return Number(rows[0]!.generation);
  }

  /** What DirectoryIndex is built from, in the caller's REPEATABLE READ transaction (generation and rows together). */
  async readIndexRows(tx: DirectoryTx): Promise<DirectoryIndexRows> {
    const generation = await this.readGeneration(tx);
    const units = await tx.find(UnitEntity);
    const nodeRows = await tx.find(NodeEntity);
    const nodes = new Map(nodeRows.map((n) => [n.id, n]));
    const keys = (await tx.find(NodeKeyEntity)).map((key) => {
      const node = nodes.get(key.nodeId)!;
      return { key, unitId: node.unitId, nodeStatus: node.status };
    });
    const agreements = await this.withLinks(tx, await tx.find(AgreementEntity));
    const legalBases = await tx.find(LegalBasisEntity);
    return { generation, units, nodes: nodeRows, keys, agreements, legalBases };
  }

  /**
   * Everything the signed snapshot shows, read in the caller's (REPEATABLE READ) transaction
   * so that the version and the rows belong together. Nodes: not pending (a node awaiting the
   * coordinator's approval is not part of the federation yet). Keys: not expired and not
   * retired at the version's time, so that the same version always yields the same snapshot;
   * revoked keys stay listed with their revocation time, so that nodes refuse them too.
   */
  async readAll(tx: DirectoryTx): Promise<DirectoryContents> {
    const version = await tx.findOneByOrFail(DirectoryVersionEntity, { id: true });
    // One after the other: a transaction is one connection, which runs one query at a time.
    const memberStates = await tx.find(MemberStateEntity, { order: { code: 'ASC' } });
    const units = await tx.find(UnitEntity, { order: { id: 'ASC' } });
    const nodes = await tx.find(NodeEntity, { where: { status: Not('pending') }, order: { id: 'ASC' } });
    const legalBases = await tx.find(LegalBasisEntity, { order: { id: 'ASC' } });
    const agreements = await tx.find(AgreementEntity, { order: { id: 'ASC' } });
    const keys = await tx
      .getRepository(NodeKeyEntity)
      .createQueryBuilder('k')
      .where('(k.not_after IS NULL OR k.not_after > :at) AND (k.retires_at IS NULL OR k.retires_at > :at)', { at: version.updatedAt })
      .orderBy('k.nodeId')
      .addOrderBy('k.kid')
      .getMany();
    return { version, memberStates, units, nodes, legalBases, agreements: await this.withLinks(tx, agreements), keys };
  }

  private async withLinks(manager: EntityManager, agreements: AgreementEntity[]): Promise<AgreementRecord[]> {
    if (agreements.length === 0) return [];
    const ids = agreements.map((a) => a.id);
    const parties = await manager.getRepository(AgreementPartyEntity).createQueryBuilder('p').where('p.agreement_id IN (:...ids)', { ids }).orderBy('p.unitId').getMany();
    const bases = await manager.getRepository(AgreementLegalBasisEntity).createQueryBuilder('b').where('b.agreement_id IN (:...ids)', { ids }).orderBy('b.legalBasisId').getMany();
    return agreements.map((agreement) => ({
      agreement,
      parties: parties.filter((p) => p.agreementId === agreement.id).map((p) => p.unitId),
      legalBases: bases.filter((b) => b.agreementId === agreement.id).map((b) => b.legalBasisId),
    }));
  }
}
