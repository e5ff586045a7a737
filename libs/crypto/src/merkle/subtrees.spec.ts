import fc from 'fast-check';
import { merkleConsistencyProof } from './consistency-proof';
import { merkleLeafHash } from './hasher';
import { merkleInclusionProof } from './inclusion-proof';
import { merkleRoot, merkleSubtreeRoot } from './root';
import { appendToFrontier, consistencyProofRanges, frontierOf, hashRanges, inclusionProofRanges, type SubtreeRef, subtreesOfRange } from './subtrees';

const leavesOf = (n: number, salt = 0): Uint8Array[] => Array.from({ length: n }, (_, i) => merkleLeafHash(Uint8Array.of(salt, i & 0xff, i >> 8)));
const key = (ref: SubtreeRef): string => `${ref.level}:${ref.index}`;

/** A store built the way the hub builds it: leaves appended in batches of random sizes. */
function storeByAppends(leaves: Uint8Array[], batches: number[]): Map<string, Uint8Array> {
  const store = new Map<string, Uint8Array>();
  let size = 0;
  let frontier: Uint8Array[] = [];
  let b = 0;
  while (size < leaves.length) {
    const count = Math.min(leaves.length - size, 1 + (batches[b++ % Math.max(1, batches.length)] ?? 0));
    const batch = leaves.slice(size, size + count);
    // Read the frontier back from the store, as the repository does after the head lock.
    expect(frontierOf(size).map((ref) => (ref.level === 0 ? leaves[ref.index] : store.get(key(ref))))).toEqual(frontier);
    const appended = appendToFrontier(size, frontier, batch);
    for (const node of appended.nodes) {
      expect(store.has(key(node))).toBe(false);
      store.set(key(node), node.hash);
    }
    frontier = appended.frontier;
    size += count;
  }
  leaves.forEach((leaf, i) => store.set(key({ level: 0, index: i }), leaf));
  return store;
}

describe('persisted-tree helpers (subtrees.ts)', () => {
  it('decomposes ranges into aligned perfect subtrees, largest first, and refuses ranges RFC 9162 never hashes', () => {
    expect(subtreesOfRange(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(subtreesOfRange(8, 11)).toEqual([
      { level: 1, index: 4 },
      { level: 0, index: 10 },
    ]);
    expect(subtreesOfRange(5, 5)).toEqual([]);
    expect(() => subtreesOfRange(1, 3)).toThrow(RangeError);
    expect(() => subtreesOfRange(3, 2)).toThrow(RangeError);
  });

  it('stores exactly the perfect subtrees of level >= 1, each with merkleSubtreeRoot’s hash, whatever the batch sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.nat(40), { maxLength: 20 }), (n, batches) => {
        const leaves = leavesOf(n);
        const store = storeByAppends(leaves, batches);
        let expected = n;
        for (let level = 1; 2 ** level <= n; level++) {
          for (let index = 0; (index + 1) * 2 ** level <= n; index++) {
            expect(store.get(key({ level, index }))).toEqual(merkleSubtreeRoot(leaves, index * 2 ** level, (index + 1) * 2 ** level));
            expected++;
          }
        }
        expect(store.size).toBe(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('gives roots, inclusion and consistency proofs byte-identical to the reference functions on random trees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat(255), (n, a, b, salt) => {
        const leaves = leavesOf(n, salt);
        const store = storeByAppends(leaves, [a % 17, b % 5]);
        const hashOf = (ref: SubtreeRef) => store.get(key(ref));
        const size = 1 + (a % n);
        const index = b % size;
        const oldSize = 1 + (b % size);
        const prefix = leaves.slice(0, size);
        expect(hashRanges([{ start: 0, end: size }], hashOf)).toEqual([merkleRoot(prefix)]);
        expect(hashRanges(inclusionProofRanges(index, size), hashOf)).toEqual(merkleInclusionProof(prefix, index));
        expect(hashRanges(consistencyProofRanges(oldSize, size), hashOf)).toEqual(merkleConsistencyProof(prefix, oldSize));
      }),
      { numRuns: 80 },
    );
  });

  it('names the subtree a store lacks instead of returning a wrong hash', () => {
    const leaves = leavesOf(8);
    const store = storeByAppends(leaves, [7]);
    store.delete('3:0');
    store.delete('2:1');
    expect(() => hashRanges([{ start: 0, end: 8 }], (ref) => store.get(key(ref)))).toThrow(/level 3, index 0/);
    expect(() => hashRanges([{ start: 4, end: 8 }], (ref) => store.get(key(ref)))).toThrow(/level 2, index 1/);
  });

  it('refuses a frontier of the wrong length and out-of-range proof arguments', () => {
    expect(() => appendToFrontier(3, [leavesOf(1)[0] as Uint8Array], leavesOf(1))).toThrow(RangeError);
    expect(() => inclusionProofRanges(4, 4)).toThrow(RangeError);
    expect(() => consistencyProofRanges(0, 4)).toThrow(RangeError);
    expect(() => consistencyProofRanges(5, 4)).toThrow(RangeError);
  });
});
