import { diffieHellman, timingSafeEqual, type KeyObject } from 'node:crypto';
import { CryptoError, isCryptoError } from '../errors';
import { isPlainObject } from '../keys/encoding';
import { importPublicJwk } from '../keys/import-public-jwk';
import { curveOfKeyObject } from '../keys/profiles';

const EPK_MEMBERS = new Set(['kty', 'crv', 'x', 'y']);

/**
 * Checks a JWE "epk" (ephemeral public key) against the recipient's private key, all as
 * JWE_EPK_INVALID: not an object; members other than kty/crv/x/y (so no `d`, nor anything a JWK
 * importer might act on); not a valid public key of an allowed type (importPublicJwk: coordinates,
 * allow-list, EC point on the curve — Wycheproof ecdh "InvalidCurveAttack"); not the recipient's
 * own kty/crv ("WrongCurve"); an X25519 point that gives the all-zero shared secret (low-order
 * points, Wycheproof x25519 "ZeroSharedSecret"; RFC 7748 §6.1 says to check for it).
 *
 * The all-zero test is for X25519 only: on P-256, Z is the x-coordinate of a real point and 0 is
 * a legitimate one (Wycheproof ecdh_secp256r1 tcId 2 is valid with Z = 0), while the point checks
 * above already exclude the identity and off-curve points.
 *
 * Returns the epk as a KeyObject and Z, the one key agreement decryptJwe makes; the caller
 * wipes Z once the KEK is derived from it.
 */
export function agreeWithEphemeralKey(epk: unknown, recipientPrivateKey: KeyObject): { publicKey: KeyObject; z: Buffer } {
  if (!isPlainObject(epk)) throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" must be an object');
  for (const name of Object.keys(epk)) {
    if (!EPK_MEMBERS.has(name)) throw new CryptoError('JWE_EPK_INVALID', `JWE "epk" member "${name}" is not allowed`);
  }
  const recipientCurve = curveOfKeyObject(recipientPrivateKey);
  if (epk.crv !== recipientCurve) throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" is not on the recipient key\'s curve');

  let publicKey: KeyObject;
  try {
    publicKey = importPublicJwk(epk, { use: 'enc' });
  } catch (cause) {
    if (!isCryptoError(cause)) throw cause;
    throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" is not a valid public key', { cause });
  }

  let z: Buffer;
  try {
    z = diffieHellman({ privateKey: recipientPrivateKey, publicKey });
  } catch (cause) {
    // OpenSSL itself fails X25519 derivation when the result is all zero.
    throw new CryptoError('JWE_EPK_INVALID', 'key agreement with JWE "epk" failed', { cause });
  }
  try {
    if (recipientCurve === 'X25519') assertNonZeroSharedSecret(z);
  } catch (error) {
    z.fill(0);
    throw error;
  }
  return { publicKey, z };
}

/**
 * RFC 7748 §6.1 all-zero check, constant-time (Z is secret). OpenSSL 3 already fails X25519
 * derivation with a low-order point (caught above, same code); this is the guard that does not
 * depend on the provider doing so.
 */
export function assertNonZeroSharedSecret(z: Uint8Array): void {
  if (isAllZero(z)) {
    throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" is a low-order point (all-zero shared secret)');
  }
}

/** Constant-time; an empty secret counts as all zero. */
export function isAllZero(z: Uint8Array): boolean {
  return z.length === 0 || timingSafeEqual(z, new Uint8Array(z.length));
}
