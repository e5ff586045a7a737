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
import { LeafBytes } from './leaf-bytes';

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

/** Perfect subtrees side by side, left to right: levels[i] and its hash at hashes[32i, 32i + 32). */
export interface SubtreeRun {
  levels: number[];
  hashes: Uint8Array;
}

/** What hashing one chunk of leaves gives the verifier. */
export interface HashedChunk {
  /** The chunk's leaves as the perfect subtrees that cover them. */
  run: SubtreeRun;
  /** For each cut asked for (a tree size inside the chunk), the subtrees of [first, cut). */
  cuts: SubtreeRun[];
  /** [offset in the chunk, what the leaf states as its index, or null when it is not JSON]. */
  misplaced: [number, string | null][];
}

/**
 * A chunk of leaves as bytes: leaf k is `bytes[spans[2k] + 1, spans[2k + 1])`, and the byte at
 * spans[2k] (a separator: the line feed before the leaf in an export file, or a spare byte)
 * is the hasher's to overwrite with the 0x00 leaf prefix, so every leaf hash reads one slice
 * of the buffer in place. Bytes, not strings, because a buffer goes to a worker thread by
 * transfer, where an array of strings is copied twice (serialised here, rebuilt there).
 */
export interface LeafChunk {
  bytes: Uint8Array;
  spans: Uint32Array;
}

/**
 * Hashes the chunk of leaves starting at index `first`, possibly elsewhere (worker threads),
 * and returns it as subtrees; `cuts` are the signed tree sizes that fall inside the chunk. The
 * chunk's buffers are handed over: the caller does not use them again.
 */
export type ChunkHasher = (chunk: LeafChunk, first: number, cuts: number[]) => Promise<HashedChunk>;

/** Where the verifier takes its leaves from, one chunk at a time: strings (an export in memory, a hub's pages) or a file's bytes (LeafBytes). */
export interface LeafSource {
  readonly length: number;
  /** Leaves [from, to) as a chunk of their own (its buffers are handed over). */
  chunk(from: number, to: number): LeafChunk;
}

/**
 * Leaves per chunk: big enough to amortise a message to a worker, small enough to overlap.
 * Chunks start at multiples of it (but the first), so a whole chunk is one perfect subtree.
 */
export const VERIFY_CHUNK = 32_768;
/** Chunks handed out before the first is merged: keeps every thread busy, bounds the copies. */
const CHUNKS_IN_FLIGHT = 8;

export interface VerifyOptions {
  /** Where chunks are hashed (default: this thread). */
  hashChunk?: ChunkHasher;
  /** Leaves per chunk, a power of two (default VERIFY_CHUNK; tests use small ones). */
  chunkSize?: number;
}

/**
 * Verifies `value` (a parsed export). `hubKeys`: the keys the auditor trusts; by default the
 * export's own, which only proves the export is internally consistent. The leaves are hashed
 * chunk by chunk, each chunk down to its perfect subtrees (so the hashing, interior nodes
 * included, runs wherever `hashChunk` puts it); this thread only joins the chunks' subtrees
 * onto the tree's right edge and compares the roots at the signed sizes.
 */
export async function verifyAuditExport(value: unknown, hubKeys?: JsonWebKeySet<PublicJwk>, options: VerifyOptions = {}): Promise<AuditVerification> {
  const { hashChunk = hashChunkHere, chunkSize = VERIFY_CHUNK } = options;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || (chunkSize & (chunkSize - 1)) !== 0) throw new RangeError('chunkSize must be a power of two');
  const shape = exportShape(value);
  if (typeof shape === 'string') return fail(0, [{ code: 'EXPORT_MALFORMED', message: shape }]);
  const { start, frontier, leaves, treeHeads } = shape;
  const end = start + leaves.length;
  const problems: AuditProblem[] = [];
  const heads = await verifyTreeHeads(treeHeads, hubKeys ?? shape.hubKeys, start, end, problems);

  const tree = Frontier.of(start, frontier);
  let verifiedSize = 0;
  let lastGood = start;
  let h = 0;
  /** Checks every head of `size` leaves against `root`. */
  const checkHeadsAt = (size: number, root: () => Uint8Array) => {
    for (; h < heads.length && heads[h]!.treeSize === size; h++) {
      if (checkRoot(root(), heads[h]!, lastGood, problems)) {
        verifiedSize = size;
        lastGood = size;
      }
    }
  };
  // A head of exactly `start` leaves checks the frontier before any leaf.
  checkHeadsAt(start, () => tree.root());

  const bounds: [number, number][] = [];
  for (let at = start; at < end; ) {
    const next = Math.min(end, (Math.floor(at / chunkSize) + 1) * chunkSize);
    bounds.push([at, next]);
    at = next;
  }
  const sizes = [...new Set(heads.map((head) => head.treeSize))];
  // The signed sizes inside each chunk, (first, last]: where the chunk must snapshot its subtrees.
  const cutsOf = bounds.map(([first, last]) => sizes.filter((size) => size > first && size <= last));
  const inFlight: Promise<HashedChunk>[] = [];
  let dispatched = 0;
  for (const [c, [first]] of bounds.entries()) {
    while (dispatched < bounds.length && inFlight.length < CHUNKS_IN_FLIGHT) {
      const [a, b] = bounds[dispatched]!;
      inFlight.push(hashChunk(leaves.chunk(a - start, b - start), a, cutsOf[dispatched]!));
      dispatched += 1;
    }
    const { run, cuts, misplaced } = await inFlight.shift()!;
    for (const [offset, stated] of misplaced) {
      const index = first + offset;
      problems.push(
        stated === null
          ? { code: 'LEAF_MALFORMED', index, message: `leaf ${index} is not JSON` }
          : { code: 'LEAF_OUT_OF_PLACE', index, message: `leaf ${index} states index ${stated}: an entry was removed, inserted or moved` },
      );
    }
    for (const [k, size] of cutsOf[c]!.entries()) checkHeadsAt(size, () => tree.rootWith(cuts[k]!));
    tree.pushRun(run);
  }
  return fail(verifiedSize, problems, { start, leaves: leaves.length, treeHeads: treeHeads.length });
}

/** Leaves held as strings, encoded chunk by chunk. */
function leafStrings(leaves: readonly string[]): LeafSource {
  return { length: leaves.length, chunk: (from, to) => encodeLeaves(leaves, from, to) };
}

/**
 * The leaves [from, to) as one buffer, each after a spare byte (LeafChunk). Sized first (UTF-8
 * byte lengths), so the buffer is exact and its own ArrayBuffer, which can be transferred.
 */
function encodeLeaves(leaves: readonly string[], from: number, to: number): LeafChunk {
  let size = 0;
  for (let i = from; i < to; i++) size += 1 + Buffer.byteLength(leaves[i]!, 'utf8');
  const bytes = Buffer.allocUnsafeSlow(size);
  const spans = new Uint32Array(2 * (to - from));
  let at = 0;
  for (let i = from; i < to; i++) {
    const k = 2 * (i - from);
    spans[k] = at;
    at += 1 + bytes.write(leaves[i]!, at + 1, 'utf8');
    spans[k + 1] = at;
  }
  return { bytes, spans };
}

/**
 * Hashes one chunk, leaves [first, first + spans.length / 2): each leaf SHA-256(0x00 || UTF-8)
 * over its slice of the chunk's buffer (the 0x00 written into the separator before it), joined
 * with its left neighbour whenever the pair is an aligned perfect subtree (a binary counter that
 * starts at `first`), and a snapshot of those subtrees at each cut. `sha256` returns the digest
 * as a 32-character binary ('binary', that is latin1) string: node's one-shot hash allocates a
 * new Buffer for a 'buffer' digest, which measured half the cost of the whole verification
 * (docs/adr-audit-log.md); a short string is a plain heap object, and writing it into the
 * 65-byte node buffer is a copy. Checks the index each leaf states: the cheap test first (an
 * object whose first `"index":n` for its own n is followed by `,` or `}`), on the bytes, a
 * full JSON parse only when that fails, to say what the leaf states instead. The check only
 * locates damage (a leaf that passes it may still be changed, or even not JSON); the proof is
 * the signed root, which any changed byte breaks. Self-contained on purpose (only its
 * arguments, plain ES2023 and Buffer): worker threads run its source text as is
 * (parallel-verify.ts), so the same code decides in both places.
 */
export function hashLeaves(chunk: LeafChunk, first: number, cuts: number[], sha256: (data: Uint8Array) => string): HashedChunk {
  const bytes = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.length);
  const spans = chunk.spans;
  const key = Buffer.from('"index":', 'latin1');
  /**
   * Whether `leaf` (its prefix byte, then the leaf) is an object whose first `"index":<own>`
   * ends at `,` or `}`. It walks the occurrences of `x`, the key's rarest byte in a leaf, with
   * a one-byte search (memchr) and compares the key around each: a multi-byte search prepares
   * its skip table at every call, and measured a tenth of the verification.
   */
  const statesOwn = (leaf: Buffer, own: string): boolean => {
    if (leaf.length < 3 || leaf[1] !== 0x7b || leaf[leaf.length - 1] !== 0x7d) return false;
    for (let x = leaf.indexOf(0x78, 6); x !== -1; x = leaf.indexOf(0x78, x + 1)) {
      const at = x - 5;
      let k = 0;
      while (k < key.length && leaf[at + k] === key[k]) k += 1;
      if (k < key.length) continue;
      let d = 0;
      while (d < own.length && leaf[at + key.length + d] === own.charCodeAt(d)) d += 1;
      if (d < own.length) continue;
      const after = leaf[at + key.length + d];
      return after === 0x2c || after === 0x7d;
    }
    return false;
  };
  const levels: number[] = [];
  const starts: number[] = [];
  const stack: string[] = [];
  const node = Buffer.alloc(65);
  node[0] = 0x01;
  const snapshot = () => {
    const hashes = Buffer.alloc(32 * stack.length);
    for (let s = 0; s < stack.length; s++) hashes.write(stack[s] as string, 32 * s, 'latin1');
    return { levels: levels.slice(), hashes: new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.length) };
  };
  const runs: SubtreeRun[] = [];
  const misplaced: [number, string | null][] = [];
  let cut = 0;
  const count = spans.length / 2;
  for (let i = 0; i < count; i++) {
    const from = spans[2 * i] as number;
    bytes[from] = 0x00;
    const leaf = bytes.subarray(from, spans[2 * i + 1]);
    let hash = sha256(leaf);
    let level = 0;
    let at = first + i;
    while (levels.length > 0 && levels[levels.length - 1] === level && (starts[starts.length - 1] as number) % 2 ** (level + 1) === 0) {
      node.write(stack.pop() as string, 1, 'latin1');
      node.write(hash, 33, 'latin1');
      hash = sha256(node);
      levels.pop();
      at = starts.pop() as number;
      level += 1;
    }
    levels.push(level);
    starts.push(at);
    stack.push(hash);
    while (cut < cuts.length && cuts[cut] === first + i + 1) {
      runs.push(snapshot());
      cut += 1;
    }

    if (statesOwn(leaf, String(first + i))) continue;
    let stated: unknown;
    try {
      const entry: unknown = JSON.parse(leaf.toString('utf8', 1));
      stated = typeof entry === 'object' && entry !== null ? (entry as { index?: unknown }).index : undefined;
    } catch {
      misplaced.push([i, null]);
      continue;
    }
    if (stated !== first + i) misplaced.push([i, String(stated)]);
  }
  return { run: snapshot(), cuts: runs, misplaced };
}

/** SHA-256 as a binary string (see hashLeaves for why not a Buffer). */
const sha256 = (data: Uint8Array): string => hash('sha256', data, 'binary');
/** Hashes a chunk on this thread. */
export const hashChunkHere: ChunkHasher = (chunk, first, cuts) => Promise.resolve(hashLeaves(chunk, first, cuts, sha256));

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
  leaves: LeafSource;
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
  if (!(v.leaves instanceof LeafBytes) && (!Array.isArray(v.leaves) || !v.leaves.every((l) => typeof l === 'string'))) return 'leaves must be an array of strings';
  if (v.leafCount !== v.leaves.length) return `the export announces ${String(v.leafCount)} leaves and holds ${v.leaves.length}`;
  if (!Array.isArray(v.treeHeads) || !v.treeHeads.every((t) => typeof t === 'string')) return 'treeHeads must be an array of compact JWS strings';
  const keys = v.hubKeys as { keys?: unknown } | undefined;
  if (typeof keys !== 'object' || keys === null || !Array.isArray(keys.keys)) return 'hubKeys must be a JWK set';
  return {
    start: v.start,
    frontier: (v.frontier as string[]).map((f) => new Uint8Array(Buffer.from(f, 'hex'))),
    leaves: v.leaves instanceof LeafBytes ? v.leaves : leafStrings(v.leaves as string[]),
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

function checkRoot(rootHash: Uint8Array, head: TreeHeadPayload, lastGood: number, problems: AuditProblem[]): boolean {
  const root = `sha256:${Buffer.from(rootHash).toString('hex')}`;
  if (root === head.rootHash) return true;
  problems.push({
    code: 'ROOT_MISMATCH',
    index: lastGood,
    before: head.treeSize,
    message: `the leaves do not give the signed root of tree size ${head.treeSize} (${head.timestamp}): a leaf in [${lastGood}, ${head.treeSize}) differs from what the hub signed`,
  });
  return false;
}

/** The right edge of the tree being rebuilt: its perfect subtrees, a binary counter of their levels. */
class Frontier {
  private readonly node = Buffer.allocUnsafe(65);

  private constructor(
    private readonly levels: number[],
    private readonly hashes: Uint8Array[],
  ) {
    this.node[0] = 0x01;
  }

  /** The tree of `size` leaves whose subtree hashes (frontierOf order) are `hashes`. */
  static of(size: number, hashes: Uint8Array[]): Frontier {
    return new Frontier(
      frontierOf(size).map((ref) => ref.level),
      [...hashes],
    );
  }

  /** Appends subtrees that start where the tree ends, each aligned to its size (what hashLeaves gives). */
  pushRun(run: SubtreeRun): void {
    for (const [s, level] of run.levels.entries()) this.push(level, run.hashes.subarray(32 * s, 32 * s + 32));
  }

  /** The root of this tree with `run` appended, leaving this tree as it is. */
  rootWith(run: SubtreeRun): Uint8Array {
    const extended = new Frontier([...this.levels], [...this.hashes]);
    extended.pushRun(run);
    return extended.root();
  }

  root(): Uint8Array {
    let current = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) current = this.combine(this.hashes[i]!, current);
    return current;
  }

  private push(level: number, subtree: Uint8Array): void {
    let current = subtree;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      this.levels.pop();
      current = this.combine(this.hashes.pop()!, current);
      level += 1;
    }
    this.levels.push(level);
    this.hashes.push(current);
  }

  private combine(left: Uint8Array, right: Uint8Array): Buffer {
    this.node.set(left, 1);
    this.node.set(right, 33);
    return hash('sha256', this.node, 'buffer');
  }
}
