import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hashNodeInto } from './node-hash-into';

function reference(src: Uint8Array, left: number, right: number): Buffer {
  return createHash('sha256').update(Uint8Array.of(1)).update(src.subarray(left, left + 32)).update(src.subarray(right, right + 32)).digest();
}

describe('bulk node hashing', () => {
  it('writes SHA-256(0x01 || left || right) at the requested offset for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 130, maxLength: 130 }), fc.nat({ max: 32 }), fc.nat({ max: 32 }), fc.nat({ max: 98 }), (src, a, b, out) => {
        const right = 66 + b;
        const dst = new Uint8Array(130);
        hashNodeInto(src, a, right, dst, out);
        expect(Buffer.from(dst.subarray(out, out + 32))).toEqual(reference(src, a, right));
      }),
      { numRuns: 300 },
    );
  });

  it('may write over its own input pair (in-place level building)', () => {
    const src = new Uint8Array(64).map((_, i) => i);
    const expected = reference(src, 0, 32);
    hashNodeInto(src, 0, 32, src, 0);
    expect(Buffer.from(src.subarray(0, 32))).toEqual(expected);
  });
});
