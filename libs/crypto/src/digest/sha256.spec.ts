import { sha256 } from './sha256';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sha256', () => {
  // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf").
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'the 448-bit message',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['one million "a"', 'a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('hashes %s', (_name, message, want) => {
    expect(toHex(sha256(ascii(message)))).toBe(want);
  });

  it('returns a plain 32-byte Uint8Array and accepts Buffers and subarrays', () => {
    const digest = sha256(Buffer.from('abc'));
    expect(Buffer.isBuffer(digest)).toBe(false);
    expect(digest).toHaveLength(32);
    expect(toHex(sha256(ascii('xxabcxx').subarray(2, 5)))).toBe(toHex(digest));
  });

  it('throws a TypeError for anything but bytes', () => {
    expect(() => sha256('abc' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => sha256(new Uint16Array(2) as unknown as Uint8Array)).toThrow(TypeError);
  });
});
