import { compactDecrypt, type JWK } from 'jose';
import { CryptoError } from '../errors';
import { decodeBase64url, parseJsonObject } from './encoding';
import { importPrivateJwk } from './import-private-jwk';
import {
  checkCount,
  DEFAULT_SEAL_PBES2_COUNT,
  MAX_SEAL_PBES2_COUNT,
  MAX_SEALED_LENGTH,
  SEAL_ALG,
  SEAL_CTY,
  SEAL_ENC,
  SEAL_SALT_BYTES,
  secretBytes,
} from './seal-format';

export interface UnsealOptions {
  /** Refuse blobs sealed with fewer PBKDF2 iterations; default 600 000, never below 1 000. */
  minPbes2Count?: number;
  /** Refuse blobs asking for more iterations (CPU bound); default 5 000 000. */
  maxPbes2Count?: number;
}

const HEADER_MEMBERS = new Set(['alg', 'enc', 'cty', 'p2c', 'p2s']);

/**
 * Opens what sealPrivateJwk produced. Anything that is not exactly our format (size, five
 * strict base64url segments, header members and values, p2c within [min, max], 16-byte salt,
 * 40-byte wrapped key, 12-byte IV, 16-byte tag, a valid private JWK inside) is
 * KEY_SEALED_FORMAT_INVALID; a wrong secret or tampered ciphertext is KEY_UNSEAL_FAILED
 * (AES-KW and GCM cannot tell the two apart, nor should they).
 */
export async function unsealPrivateJwk(sealed: string, secret: string, options: UnsealOptions = {}): Promise<JWK> {
  const key = secretBytes(secret);
  const minCount = checkCount(options.minPbes2Count ?? DEFAULT_SEAL_PBES2_COUNT, 'minPbes2Count');
  const maxCount = checkCount(options.maxPbes2Count ?? MAX_SEAL_PBES2_COUNT, 'maxPbes2Count');
  if (maxCount < minCount) throw new RangeError('maxPbes2Count must be ≥ minPbes2Count');

  checkSealedFormat(sealed, minCount, maxCount);

  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(sealed, key, {
      keyManagementAlgorithms: [SEAL_ALG],
      contentEncryptionAlgorithms: [SEAL_ENC],
      maxPBES2Count: maxCount,
      maxDecompressedLength: 0,
    }));
  } catch (cause) {
    throw new CryptoError('KEY_UNSEAL_FAILED', 'sealed key could not be opened with this secret', { cause });
  }

  const jwk = parseJsonObject(plaintext);
  if (jwk === undefined) throw new CryptoError('KEY_SEALED_FORMAT_INVALID', 'sealed content is not a JSON object');
  try {
    importPrivateJwk(jwk);
  } catch (cause) {
    throw new CryptoError('KEY_SEALED_FORMAT_INVALID', 'sealed content is not an allowed private JWK', { cause });
  }
  return jwk as JWK;
}

function checkSealedFormat(sealed: unknown, minCount: number, maxCount: number): void {
  const invalid = (why: string): never => {
    throw new CryptoError('KEY_SEALED_FORMAT_INVALID', `sealed key: ${why}`);
  };
  if (typeof sealed !== 'string') invalid('not a string');
  const text = sealed as string;
  if (text.length > MAX_SEALED_LENGTH) invalid('too large');
  const segments = text.split('.');
  if (segments.length !== 5) invalid('not a compact JWE');
  const [header, encryptedKey, iv, ciphertext, tag] = segments.map(decodeBase64url);
  if (header === undefined || encryptedKey === undefined || iv === undefined || ciphertext === undefined || tag === undefined) {
    invalid('segment is not strict base64url');
  }
  if (encryptedKey?.length !== 40 || iv?.length !== 12 || tag?.length !== 16 || ciphertext?.length === 0) invalid('segment length');
  const protectedHeader = parseJsonObject(header as Uint8Array);
  if (protectedHeader === undefined) return invalid('header is not a JSON object');
  for (const name of Object.keys(protectedHeader)) if (!HEADER_MEMBERS.has(name)) invalid(`unexpected header "${name}"`);
  const { alg, enc, cty, p2c, p2s } = protectedHeader;
  if (alg !== SEAL_ALG || enc !== SEAL_ENC || cty !== SEAL_CTY) invalid('alg/enc/cty are not PBES2-HS512+A256KW/A256GCM/jwk+json');
  if (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < minCount || p2c > maxCount) invalid('p2c out of bounds');
  const salt = typeof p2s === 'string' ? decodeBase64url(p2s) : undefined;
  if (salt === undefined || salt.length < SEAL_SALT_BYTES) invalid('p2s missing or shorter than 16 bytes');
}
