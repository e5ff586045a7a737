/**
 * Hash chaining along a proof path (internal), as transparency-dev/merkle proof/verify.go.
 * Proof hashes are ordered from the leaf level upwards.
 */
import { merkleNodeHash } from './hasher';

/**
 * Chains the hashes of the lower proof part: at level i the proof hash is the right sibling
 * when bit i of `index` is 0 and the left sibling when it is 1.
 */
export function chainInner(seed: Uint8Array, proof: readonly Uint8Array[], index: bigint): Uint8Array {
  let hash = seed;
  proof.forEach((sibling, i) => {
    hash = ((index >> BigInt(i)) & 1n) === 0n ? merkleNodeHash(hash, sibling) : merkleNodeHash(sibling, hash);
  });
  return hash;
}

/**
 * Like chainInner but uses only left siblings: the result is the hash of the same subtree as
 * it was before the right-hand leaves were appended (the old tree in a consistency proof).
 */
export function chainInnerRight(seed: Uint8Array, proof: readonly Uint8Array[], index: bigint): Uint8Array {
  let hash = seed;
  proof.forEach((sibling, i) => {
    if (((index >> BigInt(i)) & 1n) === 1n) hash = merkleNodeHash(sibling, hash);
  });
  return hash;
}

/** Chains the upper proof part: along the right border every proof hash is a left sibling. */
export function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  let hash = seed;
  for (const sibling of proof) hash = merkleNodeHash(sibling, hash);
  return hash;
}
