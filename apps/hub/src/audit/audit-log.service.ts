import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { rootHashString } from '@cicu/protocol';
import { AuditTreeService } from './audit-tree.service';
import { AuditError } from './audit.errors';
import { AuditRepository, type TreeHeadRow } from './audit.repository';
import { TreeHeadService } from './tree-heads/tree-head.service';

export const LEAVES_DEFAULT_COUNT = 100;
export const LEAVES_MAX_COUNT = 1000;

export interface TreeHeadView {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  jws: string;
}

const hex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');
const viewOf = (head: TreeHeadRow): TreeHeadView => ({ treeSize: head.treeSize, rootHash: rootHashString(head.rootHash), timestamp: head.issuedAt.toISOString(), jws: head.jws });

/** The read side of the audit log, as the API and the export show it. */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
    private readonly tree: AuditTreeService,
    private readonly treeHeads: TreeHeadService,
  ) {}

  async latestTreeHead(): Promise<TreeHeadView> {
    const head = await this.treeHeads.latest();
    if (head === undefined) throw new AuditError('TREE_HEAD_NOT_FOUND', 'no tree head has been issued yet');
    return viewOf(head);
  }

  async issueTreeHead(): Promise<TreeHeadView> {
    const head = await this.treeHeads.issue();
    if (head === undefined) throw new AuditError('TREE_HEAD_NOT_FOUND', 'the log is empty');
    return viewOf(head);
  }

  async treeHeadOfSize(treeSize: number): Promise<TreeHeadView> {
    const head = await this.treeHeads.ofSize(treeSize);
    if (head === undefined) throw new AuditError('TREE_HEAD_NOT_FOUND', `no tree head of size ${treeSize}`);
    return viewOf(head);
  }

  async inclusionProof(leafIndex: number, treeSize: number): Promise<{ leafIndex: number; treeSize: number; proof: string[] }> {
    const proof = await this.tree.inclusionProof(this.dataSource.manager, leafIndex, treeSize);
    return { leafIndex, treeSize, proof: proof.map(hex) };
  }

  async consistencyProof(from: number, to: number): Promise<{ from: number; to: number; proof: string[] }> {
    const proof = await this.tree.consistencyProof(this.dataSource.manager, from, to);
    return { from, to, proof: proof.map(hex) };
  }

  async leaves(from: number, count: number): Promise<{ leaves: { index: number; canonical: string }[]; next?: number }> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const size = await this.repository.size(tx);
      if (from > size) throw new AuditError('LEAF_INDEX_OUT_OF_RANGE', `the log has ${size} entries`);
      const to = Math.min(size, from + count);
      const leaves = await this.repository.canonicalRange(tx, from, to);
      return { leaves, ...(to < size && { next: to }) };
    });
  }
}
