/**
 * `audit verify`: checks an audit export trusting nothing but the hub public keys it is
 * given. Pure (no I/O, no Nest): an auditor's tool can run it as is.
 *
 * Every leaf must sit at the index it states; the tree is recomputed from the leaves (and the
 * compact range before them) and its root compared with each signed tree head at that head's
 * size. A leaf out of place is named exactly; a changed leaf is located between the last tree
 * head that still matches and the first that does not, so the precision is the spacing of
 * the heads (AUDIT_TREE_HEAD_SECONDS).
 */
import { hash } from 'node:crypto';
import { frontierOf, importPublicJwk, isCryptoError, type JsonWebKeySet, type PublicJwk, verifyJws } from '@cicu/crypto';
import { parseTreeHeadPayload, TREE_HEAD_TYP, type TreeHeadPayload } from '@cicu/protocol';
import { AUDIT_EXPORT_FORMAT } from './audit-export';

export type AuditProblemCode = 'EXPORT_MALFORMED' | 'TREE_HEAD_INVALID' | 'LEAF_MALFORMED' | 'LEAF_OUT_OF_PLACE' | 'ROOT_MISMATCH';

export interface AuditProblem {
  code: AuditProblemCode;
  message: string;
  /** The leaf concerned (LEAF_*), or the first leaf not vouched for by a matching head (ROOT_MISMATCH). */
  index?: number;
  /** ROOT_MISMATCH: the changed leaves lie in [index, before). */
  before?: number;
}

export interface AuditVerification {
  ok: boolean;
  start: number;
  leaves: number;
  treeHeads: number;
  /** The largest tree size whose signed root the leaves reproduce. */
  verifiedSize: number;
  /** The lowest index any problem names. */
  firstBadIndex?: number;
  problems: AuditProblem[];
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const MAX_TREE_HEAD_BYTES = 4096;

/** Leaf hashes (32 bytes each, in order) and the leaves not in their place, of one chunk. */
export interface HashedChunk {
  hashes: Uint8Array;
  /** [offset in the chunk, what the leaf states as its index, or null when it is not JSON]. */
  misplaced: [number, string | null][];
}

/** Hashes chunks of leaves, possibly elsewhere (worker threads): `start` is the first leaf's index. */
export type ChunkHasher = (leaves: string[], start: number) => Promise<HashedChunk>;

/** Leaves per chunk: big enough to amortise a message to a worker, small enough to overlap. */
export const VERIFY_CHUNK = 32_768;

/**
 * Verifies `value` (a parsed export). `hubKeys`: the keys the auditor trusts; by default the
 * export's own, which only proves the export is internally consistent. `hashChunk`: where
 * leaves are hashed (default: this thread); the tree is rebuilt here, chunk by chunk, while
 * later chunks are still being hashed.
 */
export async function verifyAuditExport(value: unknown, hubKeys?: JsonWebKeySet<PublicJwk>, hashChunk: ChunkHasher = hashChunkHere): Promise<AuditVerification> {
  const shape = exportShape(value);
  if (typeof shape === 'string') return fail(0, [{ code: 'EXPORT_MALFORMED', message: shape }]);
  const { start, frontier, leaves, treeHeads } = shape;
  const problems: AuditProblem[] = [];
  const heads = await verifyTreeHeads(treeHeads, hubKeys ?? shape.hubKeys, start, start + leaves.length, problems);

  const tree = new Frontier(start, frontier);
  let verifiedSize = 0;
  let lastGood = start;
  let h = 0;
  // A head of exactly `start` leaves checks the frontier before any leaf.
  while (h < heads.length && heads[h]!.treeSize === start) verifiedSize = checkRoot(tree, heads[h++]!, lastGood, problems) ? start : verifiedSize;
  const chunks: Promise<HashedChunk>[] = [];
  for (let at = 0; at < leaves.length; at += VERIFY_CHUNK) chunks.push(hashChunk(leaves.slice(at, at + VERIFY_CHUNK), start + at));
  for (const [c, pending] of chunks.entries()) {
    const first = start + c * VERIFY_CHUNK;
    const { hashes, misplaced } = await pending;
    for (const [offset, stated] of misplaced) {
      const index = first + offset;
      problems.push(
        stated === null
          ? { code: 'LEAF_MALFORMED', index, message: `leaf ${index} is not JSON` }
          : { code: 'LEAF_OUT_OF_PLACE', index, message: `leaf ${index} states index ${stated}: an entry was removed, inserted or moved` },
      );
    }
    for (let offset = 0; offset * 32 < hashes.length; offset++) {
      const index = first + offset;
      tree.push(hashes.subarray(offset * 32, offset * 32 + 32));
      while (h < heads.length && heads[h]!.treeSize === index + 1) {
        if (checkRoot(tree, heads[h++]!, lastGood, problems)) {
          verifiedSize = index + 1;
          lastGood = index + 1;
        }
      }
    }
  }
  return fail(verifiedSize, problems, { start, leaves: leaves.length, treeHeads: treeHeads.length });
}

/**
 * Hashes one chunk: SHA-256(0x00 || UTF-8) through one reused buffer, and the index each leaf
 * states. Self-contained on purpose (only its arguments, plain ES2023): worker threads run
 * its source text as is (parallel-verify.ts), so the same code decides in both places.
 */
export function hashLeaves(leaves: string[], start: number, sha256: (data: Uint8Array) => Uint8Array): HashedChunk {
  const hashes = new Uint8Array(32 * leaves.length);
  const misplaced: [number, string | null][] = [];
  let scratch = Buffer.allocUnsafe(64 * 1024);
  for (let i = 0; i < leaves.length; i++) {
    const canonical = leaves[i] as string;
    const needed = 1 + Buffer.byteLength(canonical, 'utf8');
    if (needed > scratch.length) scratch = Buffer.allocUnsafe(needed * 2);
    scratch[0] = 0x00;
    const written = scratch.write(canonical, 1, 'utf8');
    hashes.set(sha256(scratch.subarray(0, 1 + written)), 32 * i);
    let stated: unknown;
    try {
      const entry: unknown = JSON.parse(canonical);
      stated = typeof entry === 'object' && entry !== null ? (entry as { index?: unknown }).index : undefined;
    } catch {
      misplaced.push([i, null]);
      continue;
    }
    if (stated !== start + i) misplaced.push([i, String(stated)]);
  }
  return { hashes, misplaced };
}

const sha256 = (data: Uint8Array): Uint8Array => hash('sha256', data, 'buffer');
const hashChunkHere: ChunkHasher = (leaves, start) => Promise.resolve(hashLeaves(leaves, start, sha256));

function fail(verifiedSize: number, problems: AuditProblem[], counts = { start: 0, leaves: 0, treeHeads: 0 }): AuditVerification {
  const named = problems.map((p) => p.index).filter((i): i is number => i !== undefined);
  return {
    ok: problems.length === 0,
    ...counts,
    verifiedSize,
    ...(named.length > 0 && { firstBadIndex: Math.min(...named) }),
    problems,
  };
}

interface ExportShape {
  start: number;
  frontier: Uint8Array[];
  leaves: string[];
  treeHeads: string[];
  hubKeys: JsonWebKeySet<PublicJwk>;
}

function exportShape(value: unknown): ExportShape | string {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (v.format !== AUDIT_EXPORT_FORMAT) return `format is not ${AUDIT_EXPORT_FORMAT}`;
  if (typeof v.start !== 'number' || !Number.isSafeInteger(v.start) || v.start < 0) return 'start is not a non-negative integer';
  if (!Array.isArray(v.frontier) || v.frontier.length !== frontierOf(v.start).length || !v.frontier.every((f) => typeof f === 'string' && HEX_HASH.test(f))) {
    return `frontier must hold the ${frontierOf(v.start).length} hex subtree hashes of a tree of ${v.start} leaves`;
  }
  if (!Array.isArray(v.leaves) || !v.leaves.every((l) => typeof l === 'string')) return 'leaves must be an array of strings';
  if (!Array.isArray(v.treeHeads) || !v.treeHeads.every((t) => typeof t === 'string')) return 'treeHeads must be an array of compact JWS strings';
  const keys = v.hubKeys as { keys?: unknown } | undefined;
  if (typeof keys !== 'object' || keys === null || !Array.isArray(keys.keys)) return 'hubKeys must be a JWK set';
  return {
    start: v.start,
    frontier: (v.frontier as string[]).map((f) => new Uint8Array(Buffer.from(f, 'hex'))),
    leaves: v.leaves as string[],
    treeHeads: v.treeHeads as string[],
    hubKeys: v.hubKeys as JsonWebKeySet<PublicJwk>,
  };
}

/** The heads that verify with `keys` and cover [start, end], by size; the others become problems. */
async function verifyTreeHeads(jwsList: string[], keys: JsonWebKeySet<PublicJwk>, start: number, end: number, problems: AuditProblem[]): Promise<TreeHeadPayload[]> {
  const byKid = new Map<string, ReturnType<typeof importPublicJwk>>();
  for (const key of keys.keys) {
    try {
      if (key.use === 'sig' && typeof key.kid === 'string') byKid.set(key.kid, importPublicJwk(key, { use: 'sig' }));
    } catch {
      // A key that cannot verify anything simply verifies nothing.
    }
  }
  const heads: TreeHeadPayload[] = [];
  for (const [n, jws] of jwsList.entries()) {
    try {
      const { payload } = await verifyJws(jws, (kid) => byKid.get(kid), { typ: TREE_HEAD_TYP, maxBytes: MAX_TREE_HEAD_BYTES });
      const head = parseTreeHeadPayload(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)));
      if (head === undefined) throw new Error('payload is not a tree head');
      if (head.treeSize < start || head.treeSize > end) throw new Error(`tree size ${head.treeSize} is outside the exported leaves [${start}, ${end}]`);
      heads.push(head);
    } catch (error) {
      const why = isCryptoError(error) ? error.code : error instanceof Error ? error.message : 'unreadable';
      problems.push({ code: 'TREE_HEAD_INVALID', message: `tree head #${n} does not verify with the hub keys (${why})` });
    }
  }
  return heads.sort((a, b) => a.treeSize - b.treeSize);
}

function checkRoot(tree: Frontier, head: TreeHeadPayload, lastGood: number, problems: AuditProblem[]): boolean {
  const root = `sha256:${Buffer.from(tree.root()).toString('hex')}`;
  if (root === head.rootHash) return true;
  problems.push({
    code: 'ROOT_MISMATCH',
    index: lastGood,
    before: head.treeSize,
    message: `the leaves do not give the signed root of tree size ${head.treeSize} (${head.timestamp}): a leaf in [${lastGood}, ${head.treeSize}) differs from what the hub signed`,
  });
  return false;
}

/** The right edge of the tree being rebuilt (a binary counter of perfect subtrees). */
class Frontier {
  private readonly levels: number[];
  private readonly hashes: Uint8Array[];
  private readonly node = Buffer.allocUnsafe(65);

  constructor(size: number, hashes: Uint8Array[]) {
    this.levels = frontierOf(size).map((ref) => ref.level);
    this.hashes = [...hashes];
    this.node[0] = 0x01;
  }

  push(leaf: Uint8Array): void {
    let level = 0;
    let current = leaf;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      this.levels.pop();
      current = this.combine(this.hashes.pop()!, current);
      level += 1;
    }
    this.levels.push(level);
    this.hashes.push(current);
  }

  root(): Uint8Array {
    let current = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) current = this.combine(this.hashes[i]!, current);
    return current;
  }

  private combine(left: Uint8Array, right: Uint8Array): Buffer {
    this.node.set(left, 1);
    this.node.set(right, 33);
    return hash('sha256', this.node, 'buffer');
  }
}
