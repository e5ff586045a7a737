import { CryptoError } from '../errors';
import { decodeBase64url, isPlainObject, parseJsonObject } from '../keys/encoding';
import { JWE_ALG, JWE_ENC } from '../keys/types';
import type { JweProtectedHeader } from './types';

/**
 * Members that would let the token pick or point at keys (RFC 8725 §3.10), or that belong to
 * other key-management algorithms and have no business in ours.
 */
export const FORBIDDEN_JWE_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'p2s', 'p2c', 'iv', 'tag'] as const;

// AES-256-KW of a 256-bit CEK is 40 bytes; A256GCM uses a 96-bit IV and a 128-bit tag.
const ENCRYPTED_KEY_BYTES = 40;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface ParsedJwe {
  header: JweProtectedHeader;
  /** ASCII of the encoded protected header: the AAD of A256GCM. */
  aad: Uint8Array;
  encryptedKey: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/**
 * Internal: the key-free checks on a compact JWE, before any key or cryptography:
 * JWE_TOO_LARGE, JWE_MALFORMED (five strict base64url segments; protected header a UTF-8 JSON
 * object without repeated members; segment lengths fixed by ECDH-ES+A256KW/A256GCM; kid/cty/typ
 * strings), JWE_ALG_NOT_ALLOWED, JWE_ENC_NOT_ALLOWED, JWE_ZIP_NOT_ALLOWED (any zip: compression
 * before encryption leaks length, and a decompressor is a bomb), JWE_HEADER_NOT_ALLOWED (crit —
 * we understand no extension — and the members above). The epk is checked with the key (epk.ts).
 */
export function parseCompactJwe(compact: unknown, maxBytes: number): ParsedJwe {
  if (typeof compact !== 'string') throw new CryptoError('JWE_MALFORMED', 'JWE must be a string');
  if (compact.length > maxBytes) throw new CryptoError('JWE_TOO_LARGE', `JWE exceeds ${maxBytes} bytes`);
  const segments = compact.split('.');
  if (segments.length !== 5) throw new CryptoError('JWE_MALFORMED', 'compact JWE must have exactly five segments');
  const [headerBytes, encryptedKey, iv, ciphertext, tag] = segments.map(decodeBase64url);
  if (headerBytes === undefined || encryptedKey === undefined || iv === undefined || ciphertext === undefined || tag === undefined) {
    throw new CryptoError('JWE_MALFORMED', 'JWE segment is not unpadded base64url');
  }
  const header = parseJsonObject(headerBytes);
  if (header === undefined) throw new CryptoError('JWE_MALFORMED', 'JWE protected header is not a JSON object (or repeats a member)');

  const { alg, enc } = header;
  if (alg === undefined || typeof alg !== 'string') throw new CryptoError('JWE_MALFORMED', 'JWE "alg" missing or not a string');
  if (alg !== JWE_ALG) throw new CryptoError('JWE_ALG_NOT_ALLOWED', 'JWE "alg" is not allowed');
  if (enc === undefined || typeof enc !== 'string') throw new CryptoError('JWE_MALFORMED', 'JWE "enc" missing or not a string');
  if (enc !== JWE_ENC) throw new CryptoError('JWE_ENC_NOT_ALLOWED', 'JWE "enc" is not allowed');
  if (Object.hasOwn(header, 'zip')) throw new CryptoError('JWE_ZIP_NOT_ALLOWED', 'JWE "zip" is not allowed');
  if (Object.hasOwn(header, 'crit')) throw new CryptoError('JWE_HEADER_NOT_ALLOWED', 'JWE "crit" is not supported');
  for (const name of FORBIDDEN_JWE_HEADERS) {
    if (Object.hasOwn(header, name)) throw new CryptoError('JWE_HEADER_NOT_ALLOWED', `JWE header "${name}" is not allowed`);
  }
  for (const name of ['kid', 'cty', 'typ', 'apu', 'apv'] as const) {
    if (Object.hasOwn(header, name) && typeof header[name] !== 'string') throw new CryptoError('JWE_MALFORMED', `JWE "${name}" is not a string`);
  }
  if (!Object.hasOwn(header, 'epk') || !isPlainObject(header.epk)) throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" missing or not an object');

  if (encryptedKey.length !== ENCRYPTED_KEY_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new CryptoError('JWE_MALFORMED', 'JWE encrypted key, IV or tag has the wrong length');
  }
  return { header: header as JweProtectedHeader, aad: Buffer.from(segments[0] as string, 'latin1'), encryptedKey, iv, ciphertext, tag };
}
