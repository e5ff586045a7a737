/**
 * The events the hub records. Each holds identifiers, codes, digests and times only:
 * **never personal data** (the audit log is read by auditors of every member and kept for
 * years). The union is the single list of what can be audited; issue 5 turns each recorded
 * event into a leaf of an RFC 9162 Merkle tree (the leaf is the RFC 8785 canonical JSON of
 * the stored entry), so the shape below is part of the log's format: change it only by
 * adding event types.
 */
export type AuditActor =
  | { kind: 'hub' }
  | { kind: 'node'; nodeId: string; unitId: string }
  | { kind: 'coordinator'; accountId: string };

export type AuditEvent =
  | { type: 'directory.seeded'; actor: AuditActor; version: number; units: number; agreements: number }
  | { type: 'directory.node-registered'; actor: AuditActor; version: number; nodeId: string; unitId: string; kids: string[] };

export type AuditEventType = AuditEvent['type'];

/** What is stored and later hashed: the event plus its place and time in the log. */
export type AuditEntry = AuditEvent & { v: 1; index: number; recordedAt: string };
