/**
 * Index arithmetic for RFC 9162 trees.
 *
 * Sizes and indices are JavaScript numbers up to Number.MAX_SAFE_INTEGER. The verifiers work
 * in bigint because JavaScript's bitwise operators truncate to 32 bits, and a log is allowed
 * to outgrow 2^32 entries.
 */

/**
 * The largest power of two strictly less than `n` (RFC 9162 §2.1.1's split point k), for a
 * safe integer n >= 2. Throws a RangeError otherwise.
 *
 * The left subtree of a tree of size n covers leaves [0, k) and is perfect; the right one
 * covers [k, n). A persisted tree can therefore store perfect subtree hashes once and reuse
 * them for every later root and proof.
 */
export function largestPowerOfTwoLessThan(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) {
    throw new RangeError(`largestPowerOfTwoLessThan: n must be a safe integer >= 2, got ${String(n)}`);
  }
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Number of bits needed to write x (0 for 0). */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Number of one bits in x >= 0. */
export function onesCount(x: bigint): number {
  let count = 0;
  for (const digit of x.toString(2)) if (digit === '1') count++;
  return count;
}

/** Number of trailing zero bits of x > 0. */
export function trailingZeros(x: bigint): number {
  let count = 0;
  while ((x & 1n) === 0n) {
    x >>= 1n;
    count++;
  }
  return count;
}

/**
 * Splits the inclusion proof of leaf `index` in a tree of `size` leaves into its lower part
 * (`inner`: levels where the paths to `index` and to `size - 1` have not yet merged, one
 * sibling per level) and its upper part (`border`: left-hand subtrees along the right border).
 * inner + border is the only valid proof length. As transparency-dev/merkle decompInclProof.
 */
export function decomposeInclusionProof(index: bigint, size: bigint): { inner: number; border: number } {
  const inner = bitLength(index ^ (size - 1n));
  const border = onesCount(index >> BigInt(inner));
  return { inner, border };
}
