import { createHash } from 'node:crypto';
import vectors from '../../test-vectors/merkle_vectors.json';
import { merkleLeafHash, merkleNodeHash } from './hasher';
import { merkleRoot } from './root';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('RFC 9162 hashing', () => {
  it.each(vectors.hasher_vectors)('matches the transparency-dev hasher vector: $desc', (vector) => {
    let got: Uint8Array;
    if (vector.op === 'empty_root') got = merkleRoot([]);
    else if (vector.op === 'leaf') got = merkleLeafHash(hex(vector.input_hex as string));
    else {
      // The upstream "children" vector hashes 4-byte stand-ins. merkleNodeHash only takes
      // 32-byte children (and is checked against node_hashes below), so it must refuse them;
      // the vector then pins the 0x01 prefix of the formula.
      const left = hex(vector.left_hex as string);
      const right = hex(vector.right_hex as string);
      expect(() => merkleNodeHash(left, right)).toThrow(TypeError);
      got = new Uint8Array(createHash('sha256').update(Buffer.concat([Buffer.of(1), left, right])).digest());
    }
    expect(toHex(got)).toBe(vector.want);
  });

  it('hashes every leaf input to node_hashes[0]', () => {
    vectors.leaf_inputs.forEach((input, i) => {
      expect(toHex(merkleLeafHash(hex(input)))).toBe(vectors.node_hashes[0]?.[i]);
    });
  });

  it('rebuilds every level of node_hashes from the level below', () => {
    for (let level = 1; level < vectors.node_hashes.length; level++) {
      const below = vectors.node_hashes[level - 1] as string[];
      (vectors.node_hashes[level] as string[]).forEach((want, i) => {
        expect(toHex(merkleNodeHash(hex(below[2 * i] as string), hex(below[2 * i + 1] as string)))).toBe(want);
      });
    }
  });

  it('keeps leaves and nodes apart: the leaf hash of left || right is not their node hash', () => {
    const left = merkleLeafHash(hex('00'));
    const right = merkleLeafHash(hex('01'));
    expect(toHex(merkleLeafHash(Buffer.concat([left, right])))).not.toBe(toHex(merkleNodeHash(left, right)));
  });

  it('returns plain Uint8Arrays and accepts Buffers', () => {
    const leaf = merkleLeafHash(Buffer.from('abc'));
    expect(leaf).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(leaf)).toBe(false);
    expect(merkleNodeHash(Buffer.from(leaf), leaf)).toHaveLength(32);
  });

  it('refuses children that are not 32-byte Uint8Arrays', () => {
    const good = new Uint8Array(32);
    expect(() => merkleNodeHash(new Uint8Array(31), good)).toThrow(TypeError);
    expect(() => merkleNodeHash(good, new Uint8Array(33))).toThrow(TypeError);
    expect(() => merkleNodeHash(new Uint16Array(16) as unknown as Uint8Array, good)).toThrow(TypeError);
    expect(() => merkleNodeHash(Array.from(good) as unknown as Uint8Array, good)).toThrow(TypeError);
    expect(() => merkleLeafHash('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
