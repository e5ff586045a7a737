/**
 * RFC 9162 trees from stored perfect subtrees: what a persisted log needs to answer roots and
 * proofs in O(log n) reads and to extend its stored nodes on append without a rebuild.
 *
 * A perfect subtree (level, index) covers leaves [index · 2^level, (index + 1) · 2^level); at
 * level 0 it is one leaf. Every range whose hash RFC 9162 needs (MTH(D[start:end]) with start
 * a multiple of a power of two >= end - start, which is all the recursion of §2.1 ever
 * produces) is a left-to-right run of such subtrees of strictly decreasing size, and its hash
 * is that run folded from the right: the split at the largest power of two below its size
 * always cuts off the first subtree of the run.
 */
import { MERKLE_HASH_SIZE } from './bytes';
import { emptyTreeRoot, merkleNodeHash } from './hasher';
import { assertIntegerInRange, assertLeafHashes } from './leaf-hashes';
import { largestPowerOfTwoLessThan } from './tree-math';

/** A perfect subtree of the log: leaves [index · 2^level, (index + 1) · 2^level). */
export interface SubtreeRef {
  level: number;
  index: number;
}

/** A perfect subtree and its hash, as a log stores it. */
export interface StoredSubtree extends SubtreeRef {
  hash: Uint8Array;
}

/** A leaf range [start, end) of a proof or root, as RFC 9162 names it. */
export interface LeafRange {
  start: number;
  end: number;
}

/**
 * The perfect subtrees that make up [start, end), left to right (largest first). Throws a
 * RangeError unless 0 <= start <= end are safe integers and the range is one RFC 9162 hashes.
 */
export function subtreesOfRange(start: number, end: number): SubtreeRef[] {
  assertIntegerInRange(end, 0, Number.MAX_SAFE_INTEGER, 'subtreesOfRange: end');
  assertIntegerInRange(start, 0, end, 'subtreesOfRange: start');
  const out: SubtreeRef[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    while (size * 2 <= end - at) size *= 2;
    if (at % size !== 0) throw new RangeError(`subtreesOfRange: [${start}, ${end}) is not a range of an RFC 9162 tree`);
    out.push({ level: Math.log2(size), index: at / size });
    at += size;
  }
  return out;
}

/** MTH of a range from the hashes of its subtrees (subtreesOfRange order); the empty-tree hash for none. */
export function foldSubtrees(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return emptyTreeRoot();
  let hash = hashes[hashes.length - 1] as Uint8Array;
  for (let i = hashes.length - 2; i >= 0; i--) hash = merkleNodeHash(hashes[i] as Uint8Array, hash);
  return hash;
}

/**
 * The ranges whose hashes form the inclusion proof of leaf `index` in a tree of `size` leaves,
 * in proof order (leaf level first): merkleInclusionProof's walk without the hashing.
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertIntegerInRange(size, 1, Number.MAX_SAFE_INTEGER, 'inclusionProofRanges: size');
  assertIntegerInRange(index, 0, size - 1, 'inclusionProofRanges: index');
  const fromTop: LeafRange[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = largestPowerOfTwoLessThan(end - start);
    if (index < start + k) {
      fromTop.push({ start: start + k, end });
      end = start + k;
    } else {
      fromTop.push({ start, end: start + k });
      start += k;
    }
  }
  return fromTop.reverse();
}

/**
 * The ranges whose hashes form the consistency proof from `oldSize` to `newSize`, in proof
 * order: merkleConsistencyProof's SUBPROOF walk without the hashing. Empty when equal.
 */
export function consistencyProofRanges(oldSize: number, newSize: number): LeafRange[] {
  assertIntegerInRange(newSize, 1, Number.MAX_SAFE_INTEGER, 'consistencyProofRanges: newSize');
  assertIntegerInRange(oldSize, 1, newSize, 'consistencyProofRanges: oldSize');
  const fromTop: LeafRange[] = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let wholeOldTree = true;
  while (m !== end - start) {
    const k = largestPowerOfTwoLessThan(end - start);
    if (m <= k) {
      fromTop.push({ start: start + k, end });
      end = start + k;
    } else {
      fromTop.push({ start, end: start + k });
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  const bottom = wholeOldTree ? [] : [{ start, end }];
  return [...bottom, ...fromTop.reverse()];
}

/**
 * The right edge of a tree of `size` leaves: the perfect subtrees of [0, size), largest
 * first. Their hashes are all an append needs (a compact range, as in transparency-dev).
 */
export function frontierOf(size: number): SubtreeRef[] {
  return subtreesOfRange(0, size);
}

/**
 * Appends leaves to a tree of `size` leaves whose frontier hashes (frontierOf(size) order) are
 * given. Returns every perfect subtree of level >= 1 completed by the new leaves, with its
 * hash, and the new frontier hashes. The frontier is trusted: it comes from the log's own store.
 */
export function appendToFrontier(
  size: number,
  frontier: readonly Uint8Array[],
  leafHashes: readonly Uint8Array[],
): { nodes: StoredSubtree[]; frontier: Uint8Array[] } {
  assertIntegerInRange(size, 0, Number.MAX_SAFE_INTEGER, 'appendToFrontier: size');
  assertLeafHashes(leafHashes, 'appendToFrontier');
  const refs = frontierOf(size);
  if (frontier.length !== refs.length) throw new RangeError(`appendToFrontier: a tree of ${size} leaves has ${refs.length} frontier hashes, got ${frontier.length}`);
  assertLeafHashes(frontier, 'appendToFrontier (frontier)');
  // A stack of (level, hash), lowest level on top: adding a leaf merges equal levels upwards,
  // like incrementing a binary counter.
  const levels = refs.map((ref) => ref.level);
  const hashes = [...frontier];
  const nodes: StoredSubtree[] = [];
  let count = size;
  for (const leaf of leafHashes) {
    let level = 0;
    let hash = leaf;
    count += 1;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      hash = merkleNodeHash(hashes.pop() as Uint8Array, hash);
      level += 1;
      nodes.push({ level, index: count / 2 ** level - 1, hash });
    }
    levels.push(level);
    hashes.push(hash);
  }
  return { nodes, frontier: hashes };
}

/** Every distinct subtree the ranges are made of: what a store must read for them, in one query. */
export function subtreesOfRanges(ranges: readonly LeafRange[]): SubtreeRef[] {
  const seen = new Map<string, SubtreeRef>();
  for (const range of ranges) for (const ref of subtreesOfRange(range.start, range.end)) seen.set(`${ref.level}:${ref.index}`, ref);
  return [...seen.values()];
}

/**
 * The hash of each range from the subtree hashes a store returned. Throws a RangeError naming
 * the first subtree the store did not have, or had with a hash that is not 32 bytes.
 */
export function hashRanges(ranges: readonly LeafRange[], hashOf: (ref: SubtreeRef) => Uint8Array | undefined): Uint8Array[] {
  return ranges.map((range) =>
    foldSubtrees(
      subtreesOfRange(range.start, range.end).map((ref) => {
        const hash = hashOf(ref);
        if (hash === undefined || hash.byteLength !== MERKLE_HASH_SIZE) throw new RangeError(`hashRanges: subtree (level ${ref.level}, index ${ref.index}) is missing from the store`);
        return hash;
      }),
    ),
  );
}
