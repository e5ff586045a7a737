import { type JSONWebKeySet } from 'jose';
import { api } from '../../api/client';
import { fromHex, leafHash, toHex, verifyInclusion } from './inclusion';
import { verifyTreeHead } from './tree-head';

export type InclusionCheck =
  /** The entry's leaf hash and the hub's proof give the root of the latest signed tree head. */
  | { status: 'verified'; leafIndex: number; treeSize: number; rootHash: string; leafHash: string; proofLength: number; type: string }
  /** Something did not hold: `reason` says what (an i18n key under audit.reasons). */
  | { status: 'not-verified'; leafIndex: number; reason: 'tree-head-signature' | 'entry-mismatch' | 'proof' | 'unavailable'; treeSize?: number }
  /** The entry is newer than the latest signed tree head: sign one, then check again. */
  | { status: 'not-covered'; leafIndex: number; treeSize: number };

/**
 * Checks in this browser that entry `leafIndex` of the hub's audit log is in the tree the
 * latest signed tree head commits to: the head's signature with the hub's published key, the
 * entry's leaf hash computed here from the entry as shown, the audit path from the hub, the
 * root recomputed here with WebCrypto and compared with the signed one. The hub is asked for
 * data only; none of its answers is taken as the verdict.
 */
export async function checkInclusion(leafIndex: number): Promise<InclusionCheck> {
  const [keys, head] = await Promise.all([api.GET('/.well-known/jwks.json'), api.GET('/v1/audit/tree-heads/latest')]);
  if (keys.data === undefined || head.data === undefined) return { status: 'not-verified', leafIndex, reason: 'unavailable' };
  const signed = await verifyTreeHead(head.data.jws, keys.data as JSONWebKeySet);
  if (signed === undefined) return { status: 'not-verified', leafIndex, reason: 'tree-head-signature' };
  const { treeSize } = signed;
  if (leafIndex >= treeSize) return { status: 'not-covered', leafIndex, treeSize };

  const query = { leafIndex, treeSize };
  const [leaves, proof] = await Promise.all([
    api.GET('/v1/audit/leaves', { params: { query: { from: leafIndex, count: 1 } } }),
    api.GET('/v1/audit/proofs/inclusion', { params: { query } }),
  ]);
  const entry = leaves.data?.leaves[0];
  if (entry === undefined || proof.data === undefined) return { status: 'not-verified', leafIndex, reason: 'unavailable', treeSize };
  // The entry names its own index: a page that showed another entry under this number fails here.
  const parsed = JSON.parse(entry.canonical) as { index?: unknown; type?: unknown };
  if (entry.index !== leafIndex || parsed.index !== leafIndex) return { status: 'not-verified', leafIndex, reason: 'entry-mismatch', treeSize };

  const leaf = await leafHash(entry.canonical);
  const path = proof.data.proof.map(fromHex);
  const root = fromHex(signed.rootHash.slice('sha256:'.length));
  const ok = root !== undefined && path.every((p) => p !== undefined) && (await verifyInclusion(leaf, leafIndex, treeSize, path as Uint8Array[], root));
  if (!ok) return { status: 'not-verified', leafIndex, reason: 'proof', treeSize };
  return { status: 'verified', leafIndex, treeSize, rootHash: signed.rootHash, leafHash: toHex(leaf), proofLength: path.length, type: String(parsed.type) };
}
