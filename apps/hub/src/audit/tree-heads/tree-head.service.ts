import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { KeyringService } from '@cicu/shared';
import { rootHashString, TREE_HEAD_TYP, type TreeHeadPayload } from '@cicu/protocol';
import { AuditTreeService } from '../audit-tree.service';
import { AuditRepository, type TreeHeadRow } from '../audit.repository';

/**
 * Signed tree heads: a JWS (typ cicu-tree-head+jws, hub key) over {v, kind, treeSize,
 * rootHash, timestamp}, stored once per size. Issued by the repeatable job and on demand;
 * both only sign when the log grew since the last head, so heads are never repeated.
 */
@Injectable()
export class TreeHeadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
    private readonly tree: AuditTreeService,
    private readonly keyring: KeyringService,
  ) {}

  /** Signs a head for the log as committed now, unless the latest head already covers it; undefined for an empty log. */
  async issue(now: Date = new Date()): Promise<TreeHeadRow | undefined> {
    return this.dataSource.transaction(async (tx) => {
      const size = await this.repository.size(tx);
      const latest = await this.repository.latestTreeHead(tx);
      if (size === 0 || (latest !== undefined && latest.treeSize >= size)) return latest;
      const root = await this.tree.root(tx, size);
      // Timestamps never go back, even if this replica's clock is behind the last signer's.
      const issuedAt = latest !== undefined && latest.issuedAt > now ? latest.issuedAt : now;
      const payload: TreeHeadPayload = { v: 1, kind: 'tree-head', treeSize: size, rootHash: rootHashString(root), timestamp: issuedAt.toISOString() };
      const jws = await this.keyring.sign(payload, TREE_HEAD_TYP);
      return this.repository.insertTreeHead(tx, { treeSize: size, rootHash: root, issuedAt, kid: this.keyring.signingKid, jws });
    });
  }

  async latest(): Promise<TreeHeadRow | undefined> {
    return this.repository.latestTreeHead(this.dataSource.manager);
  }

  async ofSize(size: number): Promise<TreeHeadRow | undefined> {
    return this.repository.treeHeadOfSize(this.dataSource.manager, size);
  }
}
