/**
 * Property tests: on random trees of 1..300 leaves, every generated proof verifies, and every
 * corruption of it (one flipped bit anywhere, a changed index or size, a node removed or
 * added) is refused.
 */
import fc from 'fast-check';
import { merkleConsistencyProof } from './consistency-proof';
import { merkleInclusionProof } from './inclusion-proof';
import { merkleRoot } from './root';
import { verifyConsistency } from './verify-consistency';
import { verifyInclusion } from './verify-inclusion';

// Path shapes from the recursive RFC 9162 definitions: the side of each proof node, leaf level
// first ('S' = the subtree hash that seeds a consistency proof). A proof checked against other
// indices or sizes yields the same roots exactly when the shapes are equal (RFC 9162 does not
// bind the size into the hashes; the signed tree head does), so that is the only case in which
// a changed index or size may still verify.
function lp2(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
function inclusionShape(m: number, n: number): string {
  if (n === 1) return '';
  const k = lp2(n);
  return m < k ? inclusionShape(m, k) + 'R' : inclusionShape(m - k, n - k) + 'L';
}
function consistencyShape(m: number, n: number, b = true): string {
  if (m === n) return b ? '' : 'S';
  const k = lp2(n);
  return m <= k ? consistencyShape(m, k, b) + 'R' : consistencyShape(m - k, n - k, false) + 'L';
}
const validInclusion = (index: number, size: number): boolean => Number.isSafeInteger(index) && index >= 0 && index < size;
const validConsistency = (oldSize: number, newSize: number): boolean => oldSize >= 1 && oldSize <= newSize;

function withBitFlipped(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}
function everyBitFlip(bytes: Uint8Array): Uint8Array[] {
  return Array.from({ length: bytes.length * 8 }, (_, bit) => withBitFlipped(bytes, bit));
}
function replaceAt<T>(items: T[], i: number, item: T): T[] {
  return items.map((x, j) => (j === i ? item : x));
}

// Distinct leaves: with two equal leaf hashes a tree has equal subtrees, and a proof for one
// position then verifies at its mirror (fast-check likes all-zero arrays, so this is not rare).
const leavesArb = fc.uniqueArray(fc.uint8Array({ minLength: 32, maxLength: 32 }), {
  minLength: 1,
  maxLength: 300,
  selector: (leaf) => Buffer.from(leaf).toString('hex'),
});
const junkHash = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('inclusion proofs on random trees', () => {
  it('verify, and stop verifying after any single-bit change to leaf, proof or root', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, seed) => {
        const size = leaves.length;
        const index = seed % size;
        const leaf = leaves[index] as Uint8Array;
        const root = merkleRoot(leaves);
        const proof = merkleInclusionProof(leaves, index);
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
        for (const bad of everyBitFlip(root)) expect(verifyInclusion(leaf, index, size, proof, bad)).toBe(false);
        for (const bad of everyBitFlip(leaf)) expect(verifyInclusion(bad, index, size, proof, root)).toBe(false);
        proof.forEach((node, i) => {
          for (const bad of everyBitFlip(node)) expect(verifyInclusion(leaf, index, size, replaceAt(proof, i, bad), root)).toBe(false);
        });
      }),
      { numRuns: 12 },
    );
  });

  it('a proof of leaf 4 of 6 also verifies as leaf 2 of 4 (the same shape): the size must be the signed one', () => {
    const leaves = Array.from({ length: 6 }, (_, i) => new Uint8Array(32).fill(i));
    const proof = merkleInclusionProof(leaves, 4);
    expect(inclusionShape(4, 6)).toBe(inclusionShape(2, 4));
    expect(verifyInclusion(leaves[4]!, 2, 4, proof, merkleRoot(leaves))).toBe(true);
    expect(verifyInclusion(leaves[4]!, 3, 6, proof, merkleRoot(leaves))).toBe(false);
  });

  it('stop verifying after a change of index or size, unless the path has the same shape', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.integer({ min: -3, max: 600 }), fc.integer({ min: -3, max: 600 }), (leaves, seed, otherIndex, otherSize) => {
        const size = leaves.length;
        const index = seed % size;
        const leaf = leaves[index] as Uint8Array;
        const root = merkleRoot(leaves);
        const proof = merkleInclusionProof(leaves, index);
        const variants: [number, number][] = [
          [index - 1, size],
          [index + 1, size],
          [otherIndex, size],
          [index, size - 1],
          [index, size + 1],
          [index, otherSize],
          [index ^ 1, size],
          [index, size * 2],
          [otherIndex, otherSize],
        ];
        for (const [i, n] of variants) {
          if (i === index && n === size) continue;
          const sameShape = validInclusion(i, n) && inclusionShape(i, n) === inclusionShape(index, size);
          expect(verifyInclusion(leaf, i, n, proof, root)).toBe(sameShape);
          // In the same tree a different index never shares the shape: the proof is bound to its
          // position. Another size can share it (leaf 4 of 6 and leaf 2 of 4 both go right, then
          // left), which is why a proof is only ever checked against a signed tree head's size.
          if (i !== index && n === size) expect(sameShape).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('stop verifying when a node is removed, added, duplicated or the order changes', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), junkHash, fc.nat(), (leaves, seed, junk, where) => {
        const size = leaves.length;
        const index = seed % size;
        const leaf = leaves[index] as Uint8Array;
        const root = merkleRoot(leaves);
        const proof = merkleInclusionProof(leaves, index);
        const at = where % (proof.length + 1);
        const corrupted: Uint8Array[][] = [
          [...proof.slice(0, at), junk, ...proof.slice(at)],
          [...proof, root],
          [leaf, ...proof],
        ];
        if (proof.length > 0) {
          corrupted.push(proof.slice(1), proof.slice(0, -1), [...proof.slice(0, at), ...proof.slice(at + 1)], [...proof, proof[proof.length - 1] as Uint8Array]);
        }
        if (proof.length > 1 && !proof.every((p) => Buffer.from(p).equals(proof[0] as Uint8Array))) {
          corrupted.push([...proof].reverse());
        }
        for (const bad of corrupted) {
          if (bad.length === proof.length && bad.every((p, i) => Buffer.from(p).equals(proof[i] as Uint8Array))) continue;
          expect(verifyInclusion(leaf, index, size, bad, root)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('consistency proofs on random trees', () => {
  const pair = leavesArb.chain((leaves) => fc.tuple(fc.constant(leaves), fc.integer({ min: 1, max: leaves.length })));

  it('verify, and stop verifying after any single-bit change to a root or the proof', () => {
    fc.assert(
      fc.property(pair, ([leaves, oldSize]) => {
        const newSize = leaves.length;
        const oldRoot = merkleRoot(leaves.slice(0, oldSize));
        const newRoot = merkleRoot(leaves);
        const proof = merkleConsistencyProof(leaves, oldSize);
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
        for (const bad of everyBitFlip(oldRoot)) expect(verifyConsistency(oldSize, newSize, bad, newRoot, proof)).toBe(false);
        for (const bad of everyBitFlip(newRoot)) expect(verifyConsistency(oldSize, newSize, oldRoot, bad, proof)).toBe(false);
        proof.forEach((node, i) => {
          for (const bad of everyBitFlip(node)) {
            expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, replaceAt(proof, i, bad))).toBe(false);
          }
        });
      }),
      { numRuns: 12 },
    );
  });

  it('stop verifying after a change of either size, unless the proof has the same shape', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: -3, max: 600 }), fc.integer({ min: -3, max: 600 }), ([leaves, oldSize], otherOld, otherNew) => {
        const newSize = leaves.length;
        const oldRoot = merkleRoot(leaves.slice(0, oldSize));
        const newRoot = merkleRoot(leaves);
        const proof = merkleConsistencyProof(leaves, oldSize);
        const variants: [number, number][] = [
          [oldSize - 1, newSize],
          [oldSize + 1, newSize],
          [oldSize, newSize - 1],
          [oldSize, newSize + 1],
          [otherOld, newSize],
          [oldSize, otherNew],
          [otherOld, otherNew],
          [oldSize * 2, newSize * 2],
        ];
        for (const [m, n] of variants) {
          if (m === oldSize && n === newSize) continue;
          const sameShape = validConsistency(m, n) && consistencyShape(m, n) === consistencyShape(oldSize, newSize);
          expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(sameShape);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('stop verifying when a node is removed, added, duplicated or the order changes', () => {
    fc.assert(
      fc.property(pair, junkHash, fc.nat(), ([leaves, oldSize], junk, where) => {
        const newSize = leaves.length;
        const oldRoot = merkleRoot(leaves.slice(0, oldSize));
        const newRoot = merkleRoot(leaves);
        const proof = merkleConsistencyProof(leaves, oldSize);
        const at = where % (proof.length + 1);
        const corrupted: Uint8Array[][] = [
          [...proof.slice(0, at), junk, ...proof.slice(at)],
          [...proof, newRoot],
          [oldRoot, ...proof],
        ];
        if (proof.length > 0) {
          corrupted.push(proof.slice(1), proof.slice(0, -1), [...proof.slice(0, at), ...proof.slice(at + 1)], [...proof, proof[proof.length - 1] as Uint8Array]);
        }
        if (proof.length > 1) corrupted.push([...proof].reverse());
        for (const bad of corrupted) {
          if (bad.length === proof.length && bad.every((p, i) => Buffer.from(p).equals(proof[i] as Uint8Array))) continue;
          expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, bad)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
