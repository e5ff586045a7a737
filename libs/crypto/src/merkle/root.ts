/**
 * Merkle Tree Hash (RFC 9162 §2.1.1) of a list of leaf hashes, or of a contiguous range of it.
 */
import { MERKLE_HASH_SIZE } from './bytes';
import { emptyTreeRoot } from './hasher';
import { assertArray, assertIntegerInRange, assertLeafHashes } from './leaf-hashes';
import { hashNodeInto } from './node-hash-into';

/**
 * MTH(D[start:end]) for already-validated arguments (internal).
 *
 * Level by level in one contiguous buffer, overwriting it in place: node i of the next level
 * goes to bytes [32i, 32i + 32), which lie at or before the pair [64i, 64i + 64) it is computed
 * from, so nothing still to be read is overwritten. An unpaired last node moves up unchanged,
 * which gives the same root as RFC 9162's recursive split at the largest power of two below n
 * (the left part of every split is a perfect tree, so pairing from the left never straddles
 * a split).
 */
export function rangeRoot(leafHashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const count = end - start;
  if (count === 0) return emptyTreeRoot();
  const level = new Uint8Array(count * MERKLE_HASH_SIZE);
  for (let i = 0; i < count; i++) level.set(leafHashes[start + i] as Uint8Array, i * MERKLE_HASH_SIZE);
  let size = count;
  while (size > 1) {
    const pairs = size >>> 1;
    for (let i = 0; i < pairs; i++) hashNodeInto(level, i * 64, i * 64 + 32, level, i * 32);
    if ((size & 1) === 1) level.copyWithin(pairs * 32, (size - 1) * 32, size * 32);
    size = pairs + (size & 1);
  }
  return level.slice(0, MERKLE_HASH_SIZE);
}

/**
 * The root of the tree whose leaves have the given hashes; SHA-256("") for the empty tree.
 * Throws a TypeError if an element is not a 32-byte Uint8Array. Returns a fresh array.
 */
export function merkleRoot(leafHashes: Uint8Array[]): Uint8Array {
  assertLeafHashes(leafHashes, 'merkleRoot');
  return rangeRoot(leafHashes, 0, leafHashes.length);
}

/**
 * MTH(D[start:end]): the root of the tree made of leaves start (inclusive) to end (exclusive).
 * `merkleSubtreeRoot(h, 0, h.length)` equals `merkleRoot(h)`; for start === end it is the
 * empty-tree hash. When start is a multiple of a power of two 2^k and end - start = 2^k this
 * is an interior node of every tree that contains those leaves, which is what a persisted log
 * stores to avoid rehashing. Throws a RangeError unless 0 <= start <= end <= leafHashes.length,
 * and a TypeError if an element of the range is not a 32-byte Uint8Array.
 */
export function merkleSubtreeRoot(leafHashes: Uint8Array[], start: number, end: number): Uint8Array {
  assertArray(leafHashes, 'merkleSubtreeRoot');
  assertIntegerInRange(end, 0, leafHashes.length, 'merkleSubtreeRoot: end');
  assertIntegerInRange(start, 0, end, 'merkleSubtreeRoot: start');
  // Only the range is read, so only the range is checked: cost stays proportional to the work.
  assertLeafHashes(leafHashes, 'merkleSubtreeRoot', start, end);
  return rangeRoot(leafHashes, start, end);
}
