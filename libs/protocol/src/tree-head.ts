import { SHA256_DIGEST_PATTERN } from './primitives';
import { UTC_TIMESTAMP_PATTERN } from './time';

/**
 * Signed tree head of the hub's audit log (RFC 9162 §4.10, in JOSE form): the payload of a
 * compact JWS signed by the hub key with this `typ`, over the RFC 8785 canonical JSON of
 * TreeHeadPayload. Its own typ, so that no receipt or snapshot can pass for a tree head.
 */
export const TREE_HEAD_TYP = 'cicu-tree-head+jws';

export interface TreeHeadPayload {
  v: 1;
  kind: 'tree-head';
  /** Number of leaves; the tree of the first treeSize entries of the log. */
  treeSize: number;
  /** `sha256:` + hex of the RFC 9162 root of that tree. */
  rootHash: string;
  /** When the hub signed it (RFC 3339, UTC). */
  timestamp: string;
}

const MEMBERS = ['kind', 'rootHash', 'timestamp', 'treeSize', 'v'];

/**
 * The payload when `value` is exactly a TreeHeadPayload (no other member, treeSize >= 1),
 * else undefined. Strict, as every reader of a signed tree head must be.
 */
export function parseTreeHeadPayload(value: unknown): TreeHeadPayload | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (Object.keys(v).sort().join(',') !== MEMBERS.join(',')) return undefined;
  if (v.v !== 1 || v.kind !== 'tree-head') return undefined;
  if (typeof v.treeSize !== 'number' || !Number.isSafeInteger(v.treeSize) || v.treeSize < 1) return undefined;
  if (typeof v.rootHash !== 'string' || !new RegExp(SHA256_DIGEST_PATTERN).test(v.rootHash)) return undefined;
  if (typeof v.timestamp !== 'string' || !new RegExp(UTC_TIMESTAMP_PATTERN).test(v.timestamp) || Number.isNaN(Date.parse(v.timestamp))) return undefined;
  return { v: 1, kind: 'tree-head', treeSize: v.treeSize, rootHash: v.rootHash, timestamp: v.timestamp };
}

/** `sha256:<hex>` of a 32-byte root, as tree heads and receipts write it. */
export function rootHashString(root: Uint8Array): string {
  return `sha256:${Buffer.from(root).toString('hex')}`;
}

/** The 32 bytes of a `sha256:<hex>` root hash (already checked by parseTreeHeadPayload). */
export function rootHashBytes(rootHash: string): Uint8Array {
  return new Uint8Array(Buffer.from(rootHash.slice('sha256:'.length), 'hex'));
}
