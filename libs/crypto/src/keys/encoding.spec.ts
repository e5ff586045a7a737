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
