import { Injectable } from '@nestjs/common';
import { appendToFrontier, canonicalJson, frontierOf, merkleLeafHash, type StoredSubtree } from '@cicu/crypto';
import { type EntityManager } from 'typeorm';
import { type AuditEntryEntity } from './audit-entry.entity';
import { type AuditEntry, type AuditEvent } from './audit-event';
import { type AuditedChanges, AuditRepository, subtreeKey } from './audit.repository';

export interface RecordedAudit {
  index: number;
  leafHash: Uint8Array;
}

/** The hashes of the perfect subtrees of a tree of `size` leaves (frontierOf(size) order). */
export interface AuditFrontier {
  size: number;
  hashes: readonly Uint8Array[];
}

/** What an append writes (AuditService.prepare): entries, the tree nodes they add, and the right edge after them. */
export interface PreparedAppend {
  entries: AuditEntryEntity[];
  nodes: StoredSubtree[];
  recorded: RecordedAudit[];
  frontier: AuditFrontier;
}

/**
 * The one way a state change is audited: `record(tx, event)` inside the transaction of the
 * change itself, so the change and its audit entry commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async record(tx: EntityManager, event: AuditEvent, now: Date = new Date()): Promise<RecordedAudit> {
    const [recorded] = await this.recordMany(tx, [event], now);
    return recorded!;
  }

  /**
   * Several events of one transaction, in the order given, with consecutive indices. Three
   * statements whatever their number, so a batch of changes committed together (the
   * submission group commit) holds the head row briefly: the UPDATE of the head (the lock),
   * one read of the tree's right edge (O(log n) stored hashes), one INSERT of the entries and
   * of the tree nodes they add (their leaves and the subtrees they complete), computed in
   * memory in between.
   */
  async recordMany(tx: EntityManager, events: readonly AuditEvent[], now: Date = new Date()): Promise<RecordedAudit[]> {
    return (await this.append(tx, events, now)).recorded;
  }

  /**
   * recordMany for a writer that appends again and again (the submission group commit): it
   * also returns the tree's right edge after the append, and takes the one this writer left
   * after its last committed append. When the head still has that size nobody appended since
   * (the log only grows, one transaction at a time), so those hashes are the stored ones and
   * the read under the head lock is skipped: one round trip fewer while the lock is held. Pass
   * only a frontier whose transaction committed: a rolled-back size may be reached again by
   * other entries.
   */
  async append(tx: EntityManager, events: readonly AuditEvent[], now: Date, committed?: AuditFrontier): Promise<{ recorded: RecordedAudit[]; frontier?: AuditFrontier }> {
    if (events.length === 0) return { recorded: [] };
    const first = await this.repository.reserveIndices(tx, events.length);
    const frontier = committed?.size === first ? committed : { size: first, hashes: await this.readFrontier(tx, first) };
    const prepared = this.prepare(events, now, frontier);
    await this.repository.insertEntriesAndNodes(tx, prepared.entries, prepared.nodes);
    return { recorded: prepared.recorded, frontier: prepared.frontier };
  }

  /**
   * The append of a writer that knows the committed right edge (the submission group commit),
   * and rows of another table that go with it, in one statement outside any transaction
   * (AuditRepository.appendAtSize): one round trip, not seven. `rowsOf` builds those rows from
   * the indices the events get; `changes`, rows the statement updates that the events audit,
   * each event prepared as if its change happens. Returns undefined, having written nothing,
   * when the head is no longer at `committed.size` (another writer, another replica, a
   * rollback of this one's); throws, having written nothing, when the head moved after the
   * statement's snapshot or a change did not happen.
   */
  async appendInOneStatement(
    db: EntityManager,
    events: readonly AuditEvent[],
    now: Date,
    committed: AuditFrontier,
    rowsOf: (recorded: readonly RecordedAudit[]) => { table: 'message'; json: string },
    changes?: AuditedChanges,
  ): Promise<{ recorded: RecordedAudit[]; frontier: AuditFrontier } | undefined> {
    const prepared = this.prepare(events, now, committed);
    const appended = await this.repository.appendAtSize(db, committed.size, prepared.entries, prepared.nodes, rowsOf(prepared.recorded), changes);
    return appended ? { recorded: prepared.recorded, frontier: prepared.frontier } : undefined;
  }

  /**
   * The entries and tree nodes an append of `events` writes on top of a tree whose right edge
   * is `frontier`, computed in memory: no I/O. The caller must write them where the head has
   * exactly `frontier.size` entries (append above, or one statement that checks it:
   * AuditRepository.appendAtSize).
   */
  prepare(events: readonly AuditEvent[], now: Date, frontier: AuditFrontier): PreparedAppend {
    const first = frontier.size;
    const recordedAt = now.toISOString();
    const entries = events.map((event, i): AuditEntryEntity => {
      const index = first + i;
      const entry: AuditEntry = { ...event, v: 1, index, recordedAt };
      const canonical = canonicalJson(entry);
      const leafHash = merkleLeafHash(new TextEncoder().encode(canonical));
      return { index, type: event.type, canonical, leafHash: Buffer.from(leafHash), recordedAt: now };
    });
    const leaves = entries.map((entry) => new Uint8Array(entry.leafHash));
    const appended = appendToFrontier(first, frontier.hashes, leaves);
    return {
      entries,
      nodes: [...leaves.map((hash, i) => ({ level: 0, index: first + i, hash })), ...appended.nodes],
      recorded: leaves.map((leafHash, i) => ({ index: first + i, leafHash })),
      frontier: { size: first + events.length, hashes: appended.frontier },
    };
  }

  /** The hashes of the perfect subtrees of [0, size), read under the head lock. */
  private async readFrontier(tx: EntityManager, size: number): Promise<Uint8Array[]> {
    if (size === 0) return [];
    const refs = frontierOf(size);
    const found = await this.repository.findSubtrees(tx, refs);
    return refs.map((ref) => {
      const hash = found.get(subtreeKey(ref));
      // Never append over a damaged tree: the log would go on with a wrong root.
      if (hash === undefined) throw new Error(`audit tree node (level ${ref.level}, index ${ref.index}) is missing`);
      return hash;
    });
  }

  /** Entries in log order from `from`, for tests and, later, the audit API. */
  async entries(tx: EntityManager, from = 0, count = 1000): Promise<AuditEntry[]> {
    const rows = await this.repository.findRange(tx, from, count);
    return rows.map((row) => JSON.parse(row.canonical) as AuditEntry);
  }
}
