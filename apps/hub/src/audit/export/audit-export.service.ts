import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { frontierOf } from '@cicu/crypto';
import { AuditRepository, subtreeKey } from '../audit.repository';
import { AUDIT_EXPORT_FORMAT, type AuditExport, type AuditExportHeader, type AuditExportSink } from './audit-export';

const hex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');
/** Leaves read from the database at a time: a log of any size exports in bounded memory. */
const PAGE = 20_000;

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
    const leaves: string[] = [];
    const header = await this.streamPeriod(from, to, {
      header: () => Promise.resolve(),
      leaves: (page) => {
        for (const leaf of page) leaves.push(leaf);
        return Promise.resolve();
      },
    });
    return { ...header, leaves };
  }

  /** The same export handed to `sink` as it is read, PAGE leaves at a time (the file export). */
  async streamPeriod(from: Date, to: Date, sink: AuditExportSink): Promise<AuditExportHeader> {
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
      const heads = end === 0 ? [] : await this.repository.treeHeadsBetween(tx, Math.max(1, start), end);
      const header: AuditExportHeader = {
        format: AUDIT_EXPORT_FORMAT,
        period: { from: from.toISOString(), to: to.toISOString() },
        start,
        frontier,
        leafCount: await this.repository.countRange(tx, start, end),
        treeHeads: heads.map((head) => head.jws),
        hubKeys: { keys: await this.repository.hubSigningKeys(tx) },
      };
      await sink.header(header);
      for (let at = start; at < end; at += PAGE) {
        await sink.leaves((await this.repository.canonicalRange(tx, at, Math.min(end, at + PAGE))).map((leaf) => leaf.canonical));
      }
      return header;
    });
  }
}
