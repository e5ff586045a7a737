/**
 * Inclusion proof verification (RFC 9162 §2.1.3.2), in the bit-twiddling form of
 * transparency-dev/merkle proof/verify.go.
 */
import { hashesEqual, isHash } from './bytes';
import { chainBorderRight, chainInner } from './chain';
import { decomposeInclusionProof } from './tree-math';

/**
 * True iff `proof` shows that the leaf with hash `leafHash` sits at position `index` in the
 * tree of `treeSize` leaves whose root is `root`.
 *
 * Every argument is treated as hostile: anything malformed yields false, never an exception -
 * hashes (leaf, root and every proof node) that are not 32-byte Uint8Arrays, an index or size
 * that is not a safe non-negative integer, index >= treeSize (so any index in an empty tree),
 * a proof that is not an array or has not exactly the length the (index, treeSize) pair
 * implies. The root comparison is constant-time.
 *
 * The proof binds the leaf to its index, but not always to the tree size: RFC 9162 hashes do
 * not include sizes, and a path can have the same shape in two sizes (leaf 5 of 7 and of 8).
 * Take `root` and `treeSize` together from one signed tree head.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  try {
    if (!isHash(leafHash) || !isHash(root)) return false;
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize)) return false;
    if (index < 0 || index >= treeSize) return false;
    if (!Array.isArray(proof)) return false;

    const bigIndex = BigInt(index);
    const { inner, border } = decomposeInclusionProof(bigIndex, BigInt(treeSize));
    // Length first: a hostile million-element proof is refused without being walked.
    if (proof.length !== inner + border) return false;
    for (let i = 0; i < proof.length; i++) if (!isHash(proof[i])) return false;

    const calculated = chainBorderRight(chainInner(leafHash, proof.slice(0, inner), bigIndex), proof.slice(inner));
    return hashesEqual(calculated, root);
  } catch {
    // A getter or proxy in the arguments could still throw; the contract is a boolean.
    return false;
  }
}
