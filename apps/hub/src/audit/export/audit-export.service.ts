import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { frontierOf } from '@cicu/crypto';
import { AuditRepository, subtreeKey } from '../audit.repository';
import { AUDIT_EXPORT_FORMAT, type AuditExport } from './audit-export';

const hex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');

/** Builds audit exports from the database alone (no hub key needed: `npm run audit -- export`). */
@Injectable()
export class AuditExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
  ) {}

  /**
   * The entries recorded in [from, to): their canonical JSON, every tree head over them up to
   * the last head issued by `to`, the hashes of the perfect subtrees before the first exported
   * entry (so the tree is recomputed without the earlier entries; the signed roots check those
   * hashes too) and the hub's public signing keys. Entries after that last head are left out:
   * nothing signed vouches for them yet. One REPEATABLE READ snapshot.
   */
  async exportPeriod(from: Date, to: Date): Promise<AuditExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const end = (await this.repository.latestTreeHeadAt(tx, to))?.treeSize ?? 0;
      const start = Math.min(await this.repository.firstIndexAtOrAfter(tx, from), end);
      const refs = frontierOf(start);
      const found = await this.repository.findSubtrees(tx, refs);
      const frontier = refs.map((ref) => {
        const hash = found.get(subtreeKey(ref));
        if (hash === undefined) throw new Error(`audit tree node (level ${ref.level}, index ${ref.index}) is missing`);
        return hex(hash);
      });
      const leaves = await this.repository.canonicalRange(tx, start, end);
      const heads = end === 0 ? [] : await this.repository.treeHeadsBetween(tx, Math.max(1, start), end);
      return {
        format: AUDIT_EXPORT_FORMAT,
        period: { from: from.toISOString(), to: to.toISOString() },
        start,
        frontier,
        leaves: leaves.map((leaf) => leaf.canonical),
        treeHeads: heads.map((head) => head.jws),
        hubKeys: { keys: await this.repository.hubSigningKeys(tx) },
      };
    });
  }
}
