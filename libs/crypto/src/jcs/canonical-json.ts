/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the byte string that is signed, hashed into
 * control numbers and logged as Merkle leaves. Serialisation itself is the `canonicalize`
 * package (by an RFC 8785 author); this module decides what it may be given.
 */
import canonicalize from 'canonicalize';
import { CryptoError, isCryptoError } from '../errors';
import { toJsonSnapshot } from './json-snapshot';

/**
 * The RFC 8785 canonical form of `value`.
 *
 * Throws CryptoError JCS_UNSUPPORTED_VALUE for anything JSON cannot carry faithfully (see
 * toJsonSnapshot: undefined at the top level or in arrays, NaN/±Infinity, bigint, symbols,
 * functions, lone surrogates, cycles, non-plain objects such as Date or Map). An undefined
 * object property is omitted. The message names the path of the offending value, never the
 * value itself.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(toJsonSnapshot(value));
  } catch (cause) {
    if (isCryptoError(cause)) throw cause;
    // A getter or proxy trap that throws, or canonicalize refusing something let through.
    throw new CryptoError('JCS_UNSUPPORTED_VALUE', 'canonical JSON: the value could not be serialised', { cause });
  }
  if (typeof text !== 'string') {
    throw new CryptoError('JCS_UNSUPPORTED_VALUE', 'canonical JSON: the value has no JSON representation');
  }
  return text;
}

const utf8 = new TextEncoder();

/**
 * The UTF-8 bytes of canonicalJson(value): what is signed or hashed. Exact, since every
 * string in it is well-formed (lone surrogates are refused rather than replaced by U+FFFD).
 */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return utf8.encode(canonicalJson(value));
}
