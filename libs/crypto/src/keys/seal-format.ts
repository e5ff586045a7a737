import { CryptoError } from '../errors';

/**
 * At-rest format of a private JWK: a compact JWE whose protected header is exactly
 * {"alg":"PBES2-HS512+A256KW","enc":"A256GCM","cty":"jwk+json","p2c":…,"p2s":…}
 * and whose plaintext is the JWK as UTF-8 JSON.
 */
export const SEAL_ALG = 'PBES2-HS512+A256KW';
export const SEAL_ENC = 'A256GCM';
export const SEAL_CTY = 'jwk+json';

/** PBKDF2-HMAC-SHA-512 iterations used by default (≥ OWASP's 210 000 for SHA-512). */
export const DEFAULT_SEAL_PBES2_COUNT = 600_000;
/** Absolute floor for seal and unseal, whatever the options say (tests use it). */
export const MIN_SEAL_PBES2_COUNT = 1_000;
/** Default ceiling on unseal: bounds the CPU a hostile sealed blob can make us burn. */
export const MAX_SEAL_PBES2_COUNT = 5_000_000;
/** Operator secrets shorter than this (in Unicode code points) are refused. */
export const MIN_SEAL_SECRET_LENGTH = 16;
/** A sealed P-256 private JWK is ~450 characters; anything near this bound is not ours. */
export const MAX_SEALED_LENGTH = 16 * 1024;
export const SEAL_SALT_BYTES = 16;

export function secretBytes(secret: unknown): Uint8Array {
  if (typeof secret !== 'string') throw new CryptoError('KEY_INVALID', 'operator secret must be a string');
  // Code points, not UTF-16 units, so an emoji-only secret is not counted twice. No Unicode
  // normalization: the exact bytes typed are the bytes used.
  if ([...secret].length < MIN_SEAL_SECRET_LENGTH) {
    throw new CryptoError('KEY_INVALID', `operator secret must be at least ${MIN_SEAL_SECRET_LENGTH} characters long`);
  }
  return new TextEncoder().encode(secret);
}

export function checkCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < MIN_SEAL_PBES2_COUNT) {
    throw new RangeError(`${name} must be an integer ≥ ${MIN_SEAL_PBES2_COUNT}`);
  }
  return value;
}
