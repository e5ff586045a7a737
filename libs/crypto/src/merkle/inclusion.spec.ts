import fc from 'fast-check';
import vectors from '../../test-vectors/merkle_vectors.json';
import { merkleLeafHash, merkleNodeHash } from './hasher';
import { merkleInclusionProof } from './inclusion-proof';
import { merkleRoot } from './root';
import { verifyInclusion } from './verify-inclusion';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const leafHashes = vectors.leaf_inputs.map((input) => merkleLeafHash(hex(input)));
const rootOf = (n: number): Uint8Array => hex(vectors.root_hashes[n] as string);

// RFC 9162 §2.1.3.1 PATH(m, D[n]) written as literally as possible.
function referenceRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return merkleNodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}
function referencePath(m: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length === 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), referenceRoot(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))];
}

describe('verifyInclusion against the transparency-dev probes', () => {
  // JSON.parse turns upstream's uint64 index 2^64 - 1 into 18446744073709552000, which is
  // not a safe integer: refused, as upstream refuses the index.
  it.each(vectors.inclusion_probes.map((p) => [p.file.replace('testdata/inclusion/', ''), p] as const))(
    '%s',
    (_name, probe) => {
      const ok = verifyInclusion(
        hex(probe.leafHash_hex),
        probe.leafIdx,
        probe.treeSize,
        probe.proof_hex.map(hex),
        hex(probe.root_hex),
      );
      expect(ok).toBe(!probe.wantErr);
    },
  );
});

describe('merkleInclusionProof', () => {
  it('produces, for every leaf of every tree of 1..8 vector leaves, a proof that verifies against root_hashes', () => {
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        const proof = merkleInclusionProof(leafHashes.slice(0, size), index);
        expect(proof).toEqual(referencePath(index, leafHashes.slice(0, size)));
        expect(verifyInclusion(leafHashes[index] as Uint8Array, index, size, proof, rootOf(size))).toBe(true);
      }
    }
  });

  it('equals every reference proof of the happy-path probes over the vector leaves', () => {
    const happy = vectors.inclusion_probes.filter(
      (p) => !p.wantErr && p.root_hex === vectors.root_hashes[p.treeSize] && p.leafHash_hex === toHex(leafHashes[p.leafIdx] as Uint8Array),
    );
    expect(happy.length).toBeGreaterThanOrEqual(4);
    for (const probe of happy) {
      expect(merkleInclusionProof(leafHashes.slice(0, probe.treeSize), probe.leafIdx).map(toHex)).toEqual(probe.proof_hex);
    }
  });

  it('equals RFC 9162 PATH(m, D[n]) on random trees of 1..300 leaves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (leaves, seed) => {
          const index = seed % leaves.length;
          expect(merkleInclusionProof(leaves, index)).toEqual(referencePath(index, leaves));
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([-1, 8, 1.5, Number.NaN, Infinity, 2 ** 53])('throws a RangeError for index %p in a tree of 8', (index) => {
    expect(() => merkleInclusionProof(leafHashes, index)).toThrow(RangeError);
  });

  it('throws a RangeError for any index of the empty tree', () => {
    expect(() => merkleInclusionProof([], 0)).toThrow(RangeError);
  });

  it('throws a TypeError for leaf hashes that are not 32-byte Uint8Arrays', () => {
    expect(() => merkleInclusionProof([leafHashes[0] as Uint8Array, new Uint8Array(16)], 0)).toThrow(TypeError);
  });
});

describe('verifyInclusion on malformed input', () => {
  const size = 7;
  const index = 5;
  const leaf = leafHashes[index] as Uint8Array;
  const proof = merkleInclusionProof(leafHashes.slice(0, size), index);
  const root = rootOf(size);
  const nonHashes: unknown[] = [
    undefined,
    null,
    'x'.repeat(32),
    Array.from(new Uint8Array(32)),
    new Uint8Array(31),
    new Uint8Array(33),
    new Uint8Array(0),
    new Uint16Array(16),
    new Uint8ClampedArray(32),
    new DataView(new ArrayBuffer(32)),
    { length: 32, byteLength: 32 },
  ];

  it('accepts the well-formed proof (and Buffers as well as Uint8Arrays)', () => {
    expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
    expect(verifyInclusion(Buffer.from(leaf), index, size, proof.map((p) => Buffer.from(p)), Buffer.from(root))).toBe(true);
  });

  it.each(nonHashes)('returns false for leaf hash, root or proof node %p', (bad) => {
    const b = bad as Uint8Array;
    expect(verifyInclusion(b, index, size, proof, root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, proof, b)).toBe(false);
    for (let i = 0; i < proof.length; i++) {
      expect(verifyInclusion(leaf, index, size, proof.map((p, j) => (i === j ? b : p)), root)).toBe(false);
    }
  });

  it.each([-1, 7, 8, 5.5, Number.NaN, Infinity, -Infinity, 2 ** 53, '5', 5n, null, undefined])(
    'returns false for index %p',
    (badIndex) => {
      expect(verifyInclusion(leaf, badIndex as number, size, proof, root)).toBe(false);
    },
  );

  it.each([0, -1, 5, 6, 9, 16, 7.5, Number.NaN, Infinity, 2 ** 53, 2 ** 64, '7', 7n, null])('returns false for tree size %p', (badSize) => {
    expect(verifyInclusion(leaf, index, badSize as number, proof, root)).toBe(false);
  });

  it('does not pin the tree size by itself: the root does (RFC 9162 hashing, not a bug)', () => {
    // Leaf 5's path has the same shape in trees of 7 and 8 leaves (sibling 4, one right-hand
    // subtree, the left half), so the same proof and root pass for both sizes. What binds the
    // size is the signed tree head, which carries root and size together.
    expect(verifyInclusion(leaf, index, 8, proof, root)).toBe(true);
    expect(verifyInclusion(leaf, index, 8, merkleInclusionProof(leafHashes, index), rootOf(8))).toBe(true);
    expect(verifyInclusion(leaf, index, 7, merkleInclusionProof(leafHashes, index), rootOf(8))).toBe(true);
    expect(verifyInclusion(leaf, index, 8, proof, rootOf(8))).toBe(false);
  });

  it('returns false for any leaf of an empty tree', () => {
    expect(verifyInclusion(leaf, 0, 0, [], merkleRoot([]))).toBe(false);
  });

  it('returns false for a proof that is not a plain array of hashes', () => {
    for (const bad of [undefined, null, 'proof', proof[0], { ...proof, length: proof.length }, new Set(proof)]) {
      expect(verifyInclusion(leaf, index, size, bad as Uint8Array[], root)).toBe(false);
    }
    const sparse = [...proof];
    delete sparse[1];
    expect(verifyInclusion(leaf, index, size, sparse, root)).toBe(false);
  });

  it('returns false for truncated or extended proofs', () => {
    expect(verifyInclusion(leaf, index, size, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, [...proof, root], root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, [leaf, ...proof], root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, [], root)).toBe(false);
  });

  it('returns false instead of throwing when a proof getter throws', () => {
    const hostile = new Proxy([...proof], {
      get(target, key, receiver) {
        if (key === '1') throw new Error('boom');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(verifyInclusion(leaf, index, size, hostile, root)).toBe(false);
  });

  it('refuses a huge proof without walking it', () => {
    const huge = new Array<Uint8Array>(10_000_000);
    expect(verifyInclusion(leaf, index, size, huge, root)).toBe(false);
  });

  it('works beyond 2^32 leaves (no 32-bit truncation)', () => {
    // Leaf 2^32 of a tree of 2^32 + 1 leaves: its only proof node is the root of the first
    // 2^32 leaves, and the root is H(that, leaf).
    const left = merkleLeafHash(Buffer.from('stand-in for a perfect subtree of 2^32 leaves'));
    const treeRoot = merkleNodeHash(left, leaf);
    expect(verifyInclusion(leaf, 2 ** 32, 2 ** 32 + 1, [left], treeRoot)).toBe(true);
    expect(verifyInclusion(leaf, 0, 1, [left], treeRoot)).toBe(false);
    expect(verifyInclusion(leaf, 2 ** 32, 2 ** 32 + 2, [left], treeRoot)).toBe(false);
  });
});
