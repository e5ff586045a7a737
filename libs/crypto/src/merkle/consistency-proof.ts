/**
 * Consistency proof generation (RFC 9162 §2.1.4.1, PROOF(m, D[n]) = SUBPROOF(m, D[n], true)).
 */
import { assertIntegerInRange, assertLeafHashes } from './leaf-hashes';
import { rangeRoot } from './root';
import { largestPowerOfTwoLessThan } from './tree-math';

/**
 * The proof that the tree of the first `oldSize` leaves is a prefix of the tree of all of
 * `leafHashes` (newSize = leafHashes.length). Empty when oldSize === newSize.
 *
 * Throws a RangeError unless `oldSize` is an integer with 1 <= oldSize <= leafHashes.length:
 * a proof from the empty tree is meaningless (every tree extends it) and verifyConsistency
 * refuses oldSize 0, as transparency-dev/merkle does. Throws a TypeError if an element is not
 * a 32-byte Uint8Array.
 */
export function merkleConsistencyProof(leafHashes: Uint8Array[], oldSize: number): Uint8Array[] {
  assertLeafHashes(leafHashes, 'merkleConsistencyProof');
  assertIntegerInRange(oldSize, 1, leafHashes.length, 'merkleConsistencyProof: oldSize');

  // SUBPROOF(m, D[start:end], b) unrolled. Each step of the recursion appends one subtree root
  // after the sub-proof, so the roots collected on the way down come last, in reverse order.
  const fromTop: Uint8Array[] = [];
  let m = oldSize;
  let start = 0;
  let end = leafHashes.length;
  let wholeOldTree = true; // b: the subtree reached is the entire old tree, whose root the verifier has
  while (m !== end - start) {
    const k = largestPowerOfTwoLessThan(end - start);
    if (m <= k) {
      fromTop.push(rangeRoot(leafHashes, start + k, end));
      end = start + k;
    } else {
      fromTop.push(rangeRoot(leafHashes, start, start + k));
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  const bottom = wholeOldTree ? [] : [rangeRoot(leafHashes, start, end)];
  return [...bottom, ...fromTop.reverse()];
}
