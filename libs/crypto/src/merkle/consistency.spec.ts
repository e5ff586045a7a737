import fc from 'fast-check';
import vectors from '../../test-vectors/merkle_vectors.json';
import { merkleConsistencyProof } from './consistency-proof';
import { merkleLeafHash, merkleNodeHash } from './hasher';
import { merkleRoot } from './root';
import { verifyConsistency } from './verify-consistency';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const leafHashes = vectors.leaf_inputs.map((input) => merkleLeafHash(hex(input)));
const rootOf = (n: number): Uint8Array => hex(vectors.root_hashes[n] as string);

// RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), written as literally as possible.
function referenceRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return merkleNodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}
function referenceSubproof(m: number, leaves: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === leaves.length) return b ? [] : [referenceRoot(leaves)];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m <= k
    ? [...referenceSubproof(m, leaves.slice(0, k), b), referenceRoot(leaves.slice(k))]
    : [...referenceSubproof(m - k, leaves.slice(k), false), referenceRoot(leaves.slice(0, k))];
}

// Where this implementation is deliberately stricter than transparency-dev/merkle.
const DEVIATIONS: Record<string, string> = {
  'testdata/consistency/additional/sizes-are-equal-one-and-proof-is-empty.json':
    'upstream compares equal-size roots of any length; here a root must be a 32-byte SHA-256 hash',
};

describe('verifyConsistency against the transparency-dev probes', () => {
  it.each(vectors.consistency_probes.map((p) => [p.file.replace('testdata/consistency/', ''), p] as const))(
    '%s',
    (_name, probe) => {
      const ok = verifyConsistency(probe.size1, probe.size2, hex(probe.root1_hex), hex(probe.root2_hex), probe.proof_hex.map(hex));
      expect(ok).toBe(probe.file in DEVIATIONS ? false : !probe.wantErr);
    },
  );

  it('deviates from upstream only on probes with roots that are not 32 bytes', () => {
    const deviating = vectors.consistency_probes.filter((p) => p.file in DEVIATIONS);
    expect(deviating).toHaveLength(Object.keys(DEVIATIONS).length);
    for (const probe of deviating) {
      expect(probe.wantErr).toBe(false);
      expect(probe.root1_hex.length).not.toBe(64);
      // The same probe with real 32-byte roots is accepted.
      expect(verifyConsistency(probe.size1, probe.size2, rootOf(1), rootOf(1), [])).toBe(true);
    }
  });
});

describe('merkleConsistencyProof', () => {
  it('produces, for every 1 <= old <= new <= 8, a proof that verifies against root_hashes', () => {
    for (let newSize = 1; newSize <= 8; newSize++) {
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const proof = merkleConsistencyProof(leafHashes.slice(0, newSize), oldSize);
        expect(proof).toEqual(referenceSubproof(oldSize, leafHashes.slice(0, newSize), true));
        expect(verifyConsistency(oldSize, newSize, rootOf(oldSize), rootOf(newSize), proof)).toBe(true);
      }
    }
  });

  it('returns an empty proof when the sizes are equal', () => {
    expect(merkleConsistencyProof(leafHashes, 8)).toEqual([]);
  });

  it('equals every reference proof of the happy-path probes over the vector leaves', () => {
    const happy = vectors.consistency_probes.filter(
      (p) => !p.wantErr && p.root1_hex === vectors.root_hashes[p.size1] && p.root2_hex === vectors.root_hashes[p.size2],
    );
    expect(happy.length).toBeGreaterThanOrEqual(5);
    for (const probe of happy) {
      expect(merkleConsistencyProof(leafHashes.slice(0, probe.size2), probe.size1).map(toHex)).toEqual(probe.proof_hex);
    }
  });

  it('equals RFC 9162 PROOF(m, D[n]) on random trees of 1..300 leaves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (leaves, seed) => {
          const oldSize = 1 + (seed % leaves.length);
          expect(merkleConsistencyProof(leaves, oldSize)).toEqual(referenceSubproof(oldSize, leaves, true));
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each([0, -1, 9, 2.5, Number.NaN, Infinity])('throws a RangeError for oldSize %p with 8 leaves', (oldSize) => {
    expect(() => merkleConsistencyProof(leafHashes, oldSize)).toThrow(RangeError);
  });

  it('throws a RangeError for the empty tree', () => {
    expect(() => merkleConsistencyProof([], 0)).toThrow(RangeError);
  });

  it('throws a TypeError for leaf hashes that are not 32-byte Uint8Arrays', () => {
    expect(() => merkleConsistencyProof([leafHashes[0] as Uint8Array, new Uint8Array(64)], 1)).toThrow(TypeError);
  });
});

describe('verifyConsistency on malformed input', () => {
  const oldSize = 3;
  const newSize = 7;
  const oldRoot = rootOf(oldSize);
  const newRoot = rootOf(newSize);
  const proof = merkleConsistencyProof(leafHashes.slice(0, newSize), oldSize);
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
  ];

  it('accepts the well-formed proof (and Buffers as well as Uint8Arrays)', () => {
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
    expect(verifyConsistency(oldSize, newSize, Buffer.from(oldRoot), Buffer.from(newRoot), proof.map((p) => Buffer.from(p)))).toBe(true);
  });

  it.each(nonHashes)('returns false for either root or a proof node %p', (bad) => {
    const b = bad as Uint8Array;
    expect(verifyConsistency(oldSize, newSize, b, newRoot, proof)).toBe(false);
    expect(verifyConsistency(oldSize, newSize, oldRoot, b, proof)).toBe(false);
    expect(verifyConsistency(newSize, newSize, b, b, [])).toBe(false);
    for (let i = 0; i < proof.length; i++) {
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.map((p, j) => (i === j ? b : p)))).toBe(false);
    }
  });

  it.each([
    [0, 7],
    [0, 0],
    [-1, 7],
    [8, 7],
    [3, 2],
    [2.5, 7],
    [3, 7.5],
    [Number.NaN, 7],
    [3, Number.NaN],
    [3, Infinity],
    [2 ** 53, 2 ** 53],
    ['3', 7],
    [3n, 7],
    [3, null],
  ])('returns false for sizes (%p, %p)', (badOld, badNew) => {
    expect(verifyConsistency(badOld as number, badNew as number, oldRoot, newRoot, proof)).toBe(false);
  });

  it('refuses oldSize 0 even with the empty-tree root and an empty or any proof', () => {
    const empty = merkleRoot([]);
    expect(verifyConsistency(0, 0, empty, empty, [])).toBe(false);
    expect(verifyConsistency(0, 7, empty, newRoot, [])).toBe(false);
    expect(verifyConsistency(0, 7, empty, newRoot, [newRoot])).toBe(false);
  });

  it('requires an empty proof and equal roots when the sizes are equal', () => {
    expect(verifyConsistency(7, 7, newRoot, newRoot, [])).toBe(true);
    expect(verifyConsistency(7, 7, newRoot, Buffer.from(newRoot), [])).toBe(true);
    expect(verifyConsistency(7, 7, newRoot, oldRoot, [])).toBe(false);
    expect(verifyConsistency(7, 7, newRoot, newRoot, [newRoot])).toBe(false);
  });

  it('returns false for a proof that is not a plain array of hashes', () => {
    for (const bad of [undefined, null, 'proof', proof[0], { ...proof, length: proof.length }, new Set(proof)]) {
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, bad as Uint8Array[])).toBe(false);
      expect(verifyConsistency(newSize, newSize, newRoot, newRoot, bad as Uint8Array[])).toBe(false);
    }
  });

  it('returns false for truncated, extended and swapped proofs and roots', () => {
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.slice(1))).toBe(false);
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.slice(0, -1))).toBe(false);
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [...proof, newRoot])).toBe(false);
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [oldRoot, ...proof])).toBe(false);
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [])).toBe(false);
    expect(verifyConsistency(oldSize, newSize, newRoot, oldRoot, proof)).toBe(false);
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [...proof].reverse())).toBe(false);
  });

  it('returns false instead of throwing when a proof getter throws', () => {
    const hostile = new Proxy([...proof], {
      get(target, key, receiver) {
        if (key === '0') throw new Error('boom');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, hostile)).toBe(false);
  });

  it('refuses a huge proof without walking it', () => {
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, new Array<Uint8Array>(10_000_000))).toBe(false);
  });

  it('works beyond 2^32 leaves (no 32-bit truncation)', () => {
    // Old tree: 2^32 leaves (perfect, root A). New tree: 2^32 + 1 leaves, root H(A, leaf).
    // The proof is just the new leaf.
    const a = merkleLeafHash(Buffer.from('stand-in for a perfect subtree of 2^32 leaves'));
    const leaf = leafHashes[3] as Uint8Array;
    const bigRoot = merkleNodeHash(a, leaf);
    expect(verifyConsistency(2 ** 32, 2 ** 32 + 1, a, bigRoot, [leaf])).toBe(true);
    expect(verifyConsistency(2 ** 32 - 1, 2 ** 32 + 1, a, bigRoot, [leaf])).toBe(false);
    expect(verifyConsistency(1, 2, a, bigRoot, [leaf])).toBe(true); // same shape, small sizes
  });
});
