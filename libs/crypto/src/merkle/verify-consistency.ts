/**
 * Consistency proof verification (RFC 9162 §2.1.4.2), in the bit-twiddling form of
 * transparency-dev/merkle proof/verify.go.
 */
import { hashesEqual, isHash } from './bytes';
import { chainBorderRight, chainInner, chainInnerRight } from './chain';
import { decomposeInclusionProof, trailingZeros } from './tree-math';

/**
 * True iff `proof` shows that the tree of `oldSize` leaves with root `oldRoot` is a prefix of
 * the tree of `newSize` leaves with root `newRoot`.
 *
 * Every argument is treated as hostile: anything malformed yields false, never an exception -
 * roots or proof nodes that are not 32-byte Uint8Arrays, sizes that are not safe integers,
 * oldSize 0 (a proof from the empty tree proves nothing; refused as transparency-dev/merkle
 * does), oldSize > newSize, a proof that is not an array or has not exactly the expected length.
 * oldSize === newSize holds only with an empty proof and equal roots. Root comparisons are
 * constant-time.
 *
 * Stricter than transparency-dev/merkle in one place: with equal sizes upstream compares roots
 * of any length, here both must be 32-byte hashes. As with inclusion proofs, sizes are not
 * hashed into the tree: take each (size, root) pair from one signed tree head.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: Uint8Array[],
): boolean {
  try {
    if (!isHash(oldRoot) || !isHash(newRoot)) return false;
    if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize)) return false;
    if (oldSize < 1 || oldSize > newSize) return false;
    if (!Array.isArray(proof)) return false;
    if (oldSize === newSize) return proof.length === 0 && hashesEqual(oldRoot, newRoot);

    const size1 = BigInt(oldSize);
    const size2 = BigInt(newSize);
    const decomposed = decomposeInclusionProof(size1 - 1n, size2);
    const shift = trailingZeros(size1);
    // The lowest `shift` levels of the path to leaf size1 - 1 lie inside the perfect subtree
    // of size 2^shift that ends the old tree; the proof starts at that subtree's root.
    const inner = decomposed.inner - shift;
    const border = decomposed.border;

    // When the old tree is itself that perfect subtree, its root is the verifier's oldRoot and
    // is not repeated in the proof.
    const oldTreeIsPerfect = size1 === 1n << BigInt(shift);
    const start = oldTreeIsPerfect ? 0 : 1;
    if (proof.length !== start + inner + border) return false;
    for (let i = 0; i < proof.length; i++) if (!isHash(proof[i])) return false;

    const seed = oldTreeIsPerfect ? oldRoot : (proof[0] as Uint8Array);
    const innerProof = proof.slice(start, start + inner);
    const borderProof = proof.slice(start + inner);
    const mask = (size1 - 1n) >> BigInt(shift);

    // The same path, read twice: with only its left siblings it must rebuild the old root,
    // with all of them the new root.
    const calculatedOld = chainBorderRight(chainInnerRight(seed, innerProof, mask), borderProof);
    const calculatedNew = chainBorderRight(chainInner(seed, innerProof, mask), borderProof);
    const oldMatches = hashesEqual(calculatedOld, oldRoot);
    const newMatches = hashesEqual(calculatedNew, newRoot);
    return oldMatches && newMatches;
  } catch {
    // A getter or proxy in the arguments could still throw; the contract is a boolean.
    return false;
  }
}
