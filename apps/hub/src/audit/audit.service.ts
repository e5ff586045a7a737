import { Injectable } from '@nestjs/common';
import { canonicalJson, merkleLeafHash } from '@cicu/crypto';
import { type EntityManager } from 'typeorm';
import { type AuditEntry, type AuditEvent } from './audit-event';
import { AuditRepository } from './audit.repository';

export interface RecordedAudit {
  index: number;
  leafHash: Uint8Array;
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
   * Several events of one transaction, in the order given, with consecutive indices: one
   * UPDATE of the head and one INSERT whatever their number, so a batch of changes committed
   * together (the submission group commit) holds the head row for one round trip.
   */
  async recordMany(tx: EntityManager, events: readonly AuditEvent[], now: Date = new Date()): Promise<RecordedAudit[]> {
    if (events.length === 0) return [];
    const first = await this.repository.reserveIndices(tx, events.length);
    const recordedAt = now.toISOString();
    const rows = events.map((event, i) => {
      const index = first + i;
      const entry: AuditEntry = { ...event, v: 1, index, recordedAt };
      const canonical = canonicalJson(entry);
      const leafHash = merkleLeafHash(new TextEncoder().encode(canonical));
      return { index, type: event.type, canonical, leafHash: Buffer.from(leafHash), recordedAt: now };
    });
    await this.repository.insertMany(tx, rows);
    return rows.map(({ index, leafHash }) => ({ index, leafHash: new Uint8Array(leafHash) }));
  }

  /** Entries in log order from `from`, for tests and, later, the audit API. */
  async entries(tx: EntityManager, from = 0, count = 1000): Promise<AuditEntry[]> {
    const rows = await this.repository.findRange(tx, from, count);
    return rows.map((row) => JSON.parse(row.canonical) as AuditEntry);
  }
}
