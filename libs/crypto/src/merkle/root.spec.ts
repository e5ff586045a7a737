import fc from 'fast-check';
import vectors from '../../test-vectors/merkle_vectors.json';
import { merkleLeafHash, merkleNodeHash } from './hasher';
import { merkleRoot, merkleSubtreeRoot } from './root';
import { largestPowerOfTwoLessThan } from './tree-math';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const leafHashes = vectors.leaf_inputs.map((input) => merkleLeafHash(hex(input)));

// RFC 9162 §2.1.1 written as literally as possible (recursive, node:crypto hashing).
function referenceRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return hex(vectors.root_hashes[0] as string);
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return merkleNodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const randomLeaves = (min: number, max: number) =>
  fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: min, maxLength: max });

describe('merkleRoot', () => {
  it.each(vectors.root_hashes.map((want, n) => [n, want] as const))('matches root_hashes[%i]', (n, want) => {
    expect(toHex(merkleRoot(leafHashes.slice(0, n)))).toBe(want);
  });

  it('is SHA-256("") for the empty tree', () => {
    expect(toHex(merkleRoot([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('equals the recursive RFC 9162 definition for random trees of 0..300 leaves', () => {
    fc.assert(
      fc.property(randomLeaves(0, 300), (leaves) => {
        expect(merkleRoot(leaves)).toEqual(referenceRoot(leaves));
      }),
      { numRuns: 60 },
    );
  });

  it('returns a fresh copy and leaves its input untouched', () => {
    const leaves = leafHashes.slice(0, 5).map((h) => Uint8Array.from(h));
    const single = merkleRoot(leaves.slice(0, 1));
    expect(single).toEqual(leaves[0]);
    expect(single).not.toBe(leaves[0]);
    single.fill(0);
    expect(merkleRoot(leaves)).toEqual(hex(vectors.root_hashes[5] as string));
    expect(leaves).toEqual(leafHashes.slice(0, 5));
  });

  it('refuses leaf hashes that are not 32-byte Uint8Arrays', () => {
    expect(() => merkleRoot([new Uint8Array(32), new Uint8Array(31)])).toThrow(TypeError);
    expect(() => merkleRoot(['00'.repeat(32)] as unknown as Uint8Array[])).toThrow(TypeError);
    expect(() => merkleRoot('not an array' as unknown as Uint8Array[])).toThrow(TypeError);
  });
});

describe('merkleSubtreeRoot', () => {
  it('reproduces every perfect subtree of node_hashes', () => {
    vectors.node_hashes.forEach((level, height) => {
      level.forEach((want, i) => {
        const width = 2 ** height;
        expect(toHex(merkleSubtreeRoot(leafHashes, i * width, (i + 1) * width))).toBe(want);
      });
    });
  });

  it('equals merkleRoot of the slice for every range of the 8 vector leaves', () => {
    for (let start = 0; start <= 8; start++) {
      for (let end = start; end <= 8; end++) {
        expect(merkleSubtreeRoot(leafHashes, start, end)).toEqual(merkleRoot(leafHashes.slice(start, end)));
      }
    }
  });

  it('checks only the range it reads', () => {
    const leaves = [...leafHashes.slice(0, 4), 'garbage' as unknown as Uint8Array];
    expect(merkleSubtreeRoot(leaves, 0, 4)).toEqual(hex(vectors.root_hashes[4] as string));
    expect(() => merkleSubtreeRoot(leaves, 3, 5)).toThrow(TypeError);
  });

  it.each([
    [-1, 2],
    [3, 2],
    [0, 9],
    [0.5, 2],
    [0, Number.NaN],
    [0, Infinity],
  ])('throws a RangeError for the range [%p, %p) of 8 leaves', (start, end) => {
    expect(() => merkleSubtreeRoot(leafHashes, start, end)).toThrow(RangeError);
  });
});

describe('largestPowerOfTwoLessThan', () => {
  it.each([
    [2, 1],
    [3, 2],
    [4, 2],
    [5, 4],
    [8, 4],
    [9, 8],
    [1_000_000, 524_288],
    [2 ** 32 + 1, 2 ** 32],
    [Number.MAX_SAFE_INTEGER, 2 ** 52],
  ])('of %p is %p', (n, want) => {
    expect(largestPowerOfTwoLessThan(n)).toBe(want);
  });

  it.each([1, 0, -4, 2.5, Number.NaN, Infinity, 2 ** 53])('throws a RangeError for %p', (n) => {
    expect(() => largestPowerOfTwoLessThan(n)).toThrow(RangeError);
  });
});
