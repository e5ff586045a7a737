import fc from 'fast-check';
import vectors from '../../test-vectors/jcs_vectors.json';
import { CryptoError } from '../errors';
import { canonicalJson, canonicalJsonBytes } from './canonical-json';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function numberFromIeeeHex(bitsHex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bitsHex}`));
  return view.getFloat64(0);
}

function expectRefused(value: unknown, pathInMessage?: string): void {
  let thrown: unknown;
  try {
    canonicalJson(value);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe('JCS_UNSUPPORTED_VALUE');
  if (pathInMessage !== undefined) expect((thrown as CryptoError).message).toContain(pathInMessage);
  expect(() => canonicalJsonBytes(value)).toThrow(CryptoError);
}

describe('canonicalJson (RFC 8785)', () => {
  it.each(vectors.pairs.map((p) => [p.name, p] as const))('reproduces cyberphone testdata %s byte for byte', (_name, pair) => {
    const input: unknown = JSON.parse(pair.input);
    expect(canonicalJson(input)).toBe(pair.expected);
    expect(toHex(canonicalJsonBytes(input))).toBe(pair.expected_utf8_hex);
  });

  it.each(vectors.rfc8785_number_samples)('serialises the IEEE-754 double %s as %s', (bits, expected) => {
    const value = numberFromIeeeHex(bits);
    expect(canonicalJson(value)).toBe(expected);
    expect(canonicalJson([value])).toBe(`[${expected}]`);
  });

  it('serialises every finite double as ECMAScript does, and reads back the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = canonicalJson({ value });
        expect(text).toBe(`{"value":${String(value)}}`);
        expect((JSON.parse(text) as { value: number }).value).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any JSON value: parsing the canonical form and canonicalising again is stable', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts property names by UTF-16 code units, not code points or locale', () => {
    // U+1F600 (surrogates D83D DE00) sorts before U+FB33 in UTF-16, after it in code points.
    expect(canonicalJson({ '\uFB33': 1, '\u{1F600}': 2, '\u00E9': 3, e: 4, E: 5 })).toBe('{"E":5,"e":4,"\u00E9":3,"\u{1F600}":2,"\uFB33":1}');
  });

  it('omits undefined object properties, as JSON and optional TypeScript properties do', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it('accepts shared (non-cyclic) references, null-prototype objects, a "__proto__" key and -0', () => {
    const shared = { x: [1] };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":[1]},"b":{"x":[1]}}');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = true;
    expect(canonicalJson(bare)).toBe('{"z":true}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"polluted":1},"a":0}'))).toBe('{"__proto__":{"polluted":1},"a":0}');
    expect(canonicalJson(-0)).toBe('0');
  });

  it('handles deep nesting without recursion', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(canonicalJson(deep)).toHaveLength(200_001);
  });

  it('returns UTF-8 bytes as a plain Uint8Array', () => {
    const bytes = canonicalJsonBytes({ euro: '€', smile: '😂' });
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(toHex(bytes)).toBe(Buffer.from('{"euro":"€","smile":"😂"}', 'utf8').toString('hex'));
  });
});

describe('canonicalJson refuses what JSON cannot carry faithfully', () => {
  class Event {
    constructor(readonly kind: string) {}
  }
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cyclicArray: unknown[] = [1];
  cyclicArray.push({ back: cyclicArray });
  const withSymbolKey = { a: 1, [Symbol('hidden')]: 2 };
  const withToJson = { toJSON: () => 'replaced' };

  it.each([
    ['NaN', Number.NaN, '$'],
    ['Infinity', Infinity, '$'],
    ['-Infinity in an array', [1, -Infinity], '$[1]'],
    ['NaN in an object', { deep: { n: Number.NaN } }, '$.deep.n'],
    ['undefined at the top level', undefined, '$'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['an array hole', [1, , 3], '$[1]'], // eslint-disable-line no-sparse-arrays
    ['a bigint', 1n, '$'],
    ['a bigint property', { n: 10n }, '$.n'],
    ['a symbol', Symbol('s'), '$'],
    ['a symbol property value', { s: Symbol('s') }, '$.s'],
    ['a symbol-keyed property', withSymbolKey, '$'],
    ['a function', () => 1, '$'],
    ['a function property (would be dropped)', { f: () => 1 }, '$.f'],
    ['a toJSON method', withToJson, '$.toJSON'],
    ['a lone high surrogate', 'a\uD800', '$'],
    ['a lone low surrogate in an array', ['\uDC00b'], '$[0]'],
    ['reversed surrogates', { s: '\uDE02\uD83D' }, '$.s'],
    ['a property name with a lone surrogate', { '\uD83D': 1 }, '$'],
    ['a cycle through an object', cyclic, '$.self'],
    ['a cycle through an array', cyclicArray, '$[1].back'],
    ['a Date', { when: new Date(0) }, '$.when'],
    ['a Map', new Map([['a', 1]]), '$'],
    ['a Set', { s: new Set([1]) }, '$.s'],
    ['a RegExp', /x/, '$'],
    ['a Buffer', Buffer.from('ab'), '$'],
    ['a Uint8Array', new Uint8Array([1, 2]), '$'],
    ['a boxed number', { n: new Number(1) }, '$.n'],
    ['a boxed string', new String('s'), '$'],
    ['a class instance', { e: new Event('x') }, '$.e'],
    ['an Error', new Error('e'), '$'],
    ['a key that is not an identifier', { 'a b': [Number.NaN] }, '$["a b"][0]'],
  ])('refuses %s', (_what, value, path) => {
    expectRefused(value, path);
  });

  it('names the path but never the offending value in the message', () => {
    let message = '';
    try {
      canonicalJson({ n: 'top secret value\uD800' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('canonical JSON: a string with a lone surrogate at $.n');
  });

  it('turns a throwing getter or proxy trap into a CryptoError', () => {
    const getter = {
      get boom(): never {
        throw new Error('getter');
      },
    };
    expectRefused(getter);
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expectRefused(proxy);
  });

  it('reads a getter once, so a value cannot change between check and serialisation', () => {
    let reads = 0;
    const flaky = {
      get v(): unknown {
        reads += 1;
        return reads === 1 ? 1 : Number.NaN;
      },
    };
    expect(canonicalJson(flaky)).toBe('{"v":1}');
    expect(reads).toBe(1);
  });
});
