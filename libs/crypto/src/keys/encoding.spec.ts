import fc from 'fast-check';
import { decodeBase64url, encodeBase64url, parseJsonObject, parseJsonObjectText } from './encoding';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeBase64url', () => {
  it('decodes unpadded base64url and round-trips every length', () => {
    for (let n = 0; n < 40; n += 1) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(decodeBase64url(encodeBase64url(bytes))).toEqual(bytes);
    }
  });

  it.each([
    ['padding', 'Zm9vYg=='],
    ['standard alphabet +', 'ab+c'],
    ['standard alphabet /', 'ab/c'],
    ['whitespace', 'Zm9v Yg'],
    ['newline', 'Zm9v\nYg'],
    ['length 1 mod 4', 'Zm9vY'],
    ['non-ASCII', 'Zm9vé'],
    ['dot', 'Zm.9'],
  ])('refuses %s', (_why, input) => {
    expect(decodeBase64url(input)).toBeUndefined();
  });

  it('refuses non-zero unused trailing bits (a second spelling of the same bytes)', () => {
    expect(decodeBase64url('Zg')).toEqual(utf8('f'));
    expect(decodeBase64url('Zh')).toBeUndefined();
    expect(decodeBase64url('Zm8')).toEqual(utf8('fo'));
    expect(decodeBase64url('Zm9')).toBeUndefined();
  });
});

/** The rule spelled out character by character, as decodeBase64url once implemented it. */
function referenceDecode(input: string): Buffer | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  if (![...input].every((c) => alphabet.includes(c)) || input.length % 4 === 1) return undefined;
  const unusedBits = input.length % 4 === 2 ? 0b1111 : input.length % 4 === 3 ? 0b11 : 0;
  if ((alphabet.indexOf(input.at(-1) ?? 'A') & unusedBits) !== 0) return undefined;
  return Buffer.from(input, 'base64url');
}

describe('decodeBase64url against the character-by-character rule', () => {
  it('accepts and decodes exactly the same strings', () => {
    const chars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '+', '/', '=', ' ', '\n', '.', 'é', '\u0000');
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof({ weight: 20, arbitrary: chars.filter((c) => /[\w-]/.test(c)) }, { weight: 1, arbitrary: chars }), maxLength: 24 }), (input) => {
        const ours = decodeBase64url(input);
        const reference = referenceDecode(input);
        expect(ours === undefined).toBe(reference === undefined);
        if (ours !== undefined) expect(Buffer.from(ours).equals(reference as Buffer)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseJsonObject', () => {
  it('parses a JSON object', () => {
    expect(parseJsonObject(utf8(' {"alg":"EdDSA","n":[1,2.5e3,-0,{"a":null}],"t":true} '))).toEqual({
      alg: 'EdDSA',
      n: [1, 2500, -0, { a: null }],
      t: true,
    });
  });

  it.each([
    ['a duplicate member', '{"alg":"EdDSA","alg":"none"}'],
    ['a duplicate spelled with an escape', '{"alg":"EdDSA","\\u0061lg":"none"}'],
    ['the escaped spelling first', '{"\\u0061lg":"none","alg":"EdDSA"}'],
    ['an escaped quote in both names', '{"a\\"b":1,"a\\u0022b":2}'],
    ['a nested duplicate', '{"epk":{"x":"a","x":"b"}}'],
    ['an array', '["alg"]'],
    ['a string', '"alg"'],
    ['null', 'null'],
    ['trailing garbage', '{"a":1}x'],
    ['a trailing comma', '{"a":1,}'],
    ['a raw control character in a string', '{"a":"\u0001"}'],
    ['a leading byte order mark', '\ufeff{"a":1}'],
    ['single quotes', "{'a':1}"],
    ['a leading zero', '{"a":01}'],
    ['empty input', ''],
  ])('refuses %s', (_why, text) => {
    expect(parseJsonObject(utf8(text))).toBeUndefined();
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    expect(parseJsonObject(Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d))).toBeUndefined();
  });

  it('refuses nesting deeper than 32 levels', () => {
    expect(parseJsonObjectText(`{"a":${'['.repeat(31)}${']'.repeat(31)}}`)).toBeDefined();
    expect(parseJsonObjectText(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`)).toBeUndefined();
  });
});
