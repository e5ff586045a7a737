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
    const index = await this.repository.reserveIndex(tx);
    const entry: AuditEntry = { ...event, v: 1, index, recordedAt: now.toISOString() };
    const canonical = canonicalJson(entry);
    const leafHash = merkleLeafHash(new TextEncoder().encode(canonical));
    await this.repository.insert(tx, { index, type: event.type, canonical, leafHash: Buffer.from(leafHash), recordedAt: now });
    return { index, leafHash };
  }

  /** Entries in log order from `from`, for tests and, later, the audit API. */
  async entries(tx: EntityManager, from = 0, count = 1000): Promise<AuditEntry[]> {
    const rows = await this.repository.findRange(tx, from, count);
    return rows.map((row) => JSON.parse(row.canonical) as AuditEntry);
  }
}
