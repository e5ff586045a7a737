/**
 * Inclusion proof generation (RFC 9162 §2.1.3.1, PATH(m, D[n])).
 */
import { assertIntegerInRange, assertLeafHashes } from './leaf-hashes';
import { rangeRoot } from './root';
import { largestPowerOfTwoLessThan } from './tree-math';

/**
 * The inclusion proof of leaf `index` in the tree made of all of `leafHashes`: the sibling
 * subtree hashes from the leaf level up to (not including) the root, as RFC 9162 orders them.
 *
 * Throws a RangeError unless `index` is an integer with 0 <= index < leafHashes.length (so
 * always for an empty tree), and a TypeError if an element is not a 32-byte Uint8Array.
 * Costs about one hash per leaf: a persisted log should use stored subtree hashes instead.
 */
export function merkleInclusionProof(leafHashes: Uint8Array[], index: number): Uint8Array[] {
  assertLeafHashes(leafHashes, 'merkleInclusionProof');
  assertIntegerInRange(index, 0, leafHashes.length - 1, 'merkleInclusionProof: index');

  // The recursion of §2.1.3.1, unrolled: walk down from the root, keeping the subtree
  // [start, end) that contains the leaf and collecting the root of the other half.
  const fromTop: Uint8Array[] = [];
  let start = 0;
  let end = leafHashes.length;
  while (end - start > 1) {
    const k = largestPowerOfTwoLessThan(end - start);
    if (index < start + k) {
      fromTop.push(rangeRoot(leafHashes, start + k, end));
      end = start + k;
    } else {
      fromTop.push(rangeRoot(leafHashes, start, start + k));
      start += k;
    }
  }
  return fromTop.reverse();
}
