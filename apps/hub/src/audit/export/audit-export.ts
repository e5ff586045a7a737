import { type JsonWebKeySet, type PublicJwk } from '@cicu/crypto';

/** Format name of an audit export; a reader refuses any other. */
export const AUDIT_EXPORT_FORMAT = 'cicu-audit-export/2';

/**
 * A self-contained, offline-verifiable extract of the audit log: leaves [start, start +
 * leaves.length), the tree heads signed over them, and what is needed to check those heads
 * without the earlier leaves. Holds no personal data (the entries never do).
 */
export interface AuditExport extends AuditExportHeader {
  /** The RFC 8785 canonical JSON of each entry, exactly the bytes that were hashed. */
  leaves: string[];
}

/** The export without its leaves: the first line of an export file (audit-export-file.ts). */
export interface AuditExportHeader {
  format: typeof AUDIT_EXPORT_FORMAT;
  /** The period asked for (entries recorded in it, up to the last tree head issued by its end). */
  period: { from: string; to: string };
  /** Index of the first exported leaf. */
  start: number;
  /**
   * Lowercase hex hashes of the perfect subtrees of leaves [0, start), largest first (RFC 9162
   * compact range). Not trusted by the verifier: a wrong one makes every signed root differ.
   */
  frontier: string[];
  /** How many leaves follow (as stored: a deleted one is missing): a file cut short is refused, not verified in part. */
  leafCount: number;
  /** Compact JWS tree heads (typ cicu-tree-head+jws) with start <= treeSize <= start + leaves.length, smallest first. */
  treeHeads: string[];
  /** The hub's public keys as it published them. An auditor checks them against the hub key it trusts. */
  hubKeys: JsonWebKeySet<PublicJwk>;
}

/** Where an export goes as it is read from the database: the header first, then the leaves page by page. */
export interface AuditExportSink {
  header(header: AuditExportHeader): Promise<void>;
  leaves(page: string[]): Promise<void>;
}
