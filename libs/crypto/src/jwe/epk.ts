import { createECDH, diffieHellman, timingSafeEqual, type ECDH, type KeyObject } from 'node:crypto';
import { CryptoError, isCryptoError } from '../errors';
import { checkJwk, type CheckedJwk } from '../keys/check-jwk';
import { isPlainObject } from '../keys/encoding';
import { importCheckedPublicJwk } from '../keys/import-public-jwk';
import { curveOfKeyObject } from '../keys/profiles';

const EPK_MEMBERS = new Set(['kty', 'crv', 'x', 'y']);

/**
 * Checks a JWE "epk" (ephemeral public key) against the recipient's private key and computes the
 * shared secret Z, the one key agreement decryptJwe makes. All as JWE_EPK_INVALID: not an
 * object; members other than kty/crv/x/y (so no `d`, nor anything a JWK importer might act on);
 * not the recipient's own kty/crv ("WrongCurve"); not a valid public JWK of an allowed type
 * (checkJwk: allow-list, coordinates of 32 bytes, below the P-256 field prime); an EC point not
 * on the curve (Wycheproof ecdh "InvalidCurveAttack"); an X25519 point that gives the all-zero
 * shared secret (low-order points, Wycheproof x25519 "ZeroSharedSecret"; RFC 7748 §6.1 says to
 * check for it).
 *
 * The all-zero test is for X25519 only: on P-256, Z is the x-coordinate of a real point and 0 is
 * a legitimate one (Wycheproof ecdh_secp256r1 tcId 2 is valid with Z = 0), while the point checks
 * above already exclude the identity and off-curve points.
 *
 * The caller wipes Z once the KEK is derived from it.
 */
export function agreeWithEphemeralKey(epk: unknown, recipientPrivateKey: KeyObject): Buffer {
  if (!isPlainObject(epk)) throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" must be an object');
  for (const name of Object.keys(epk)) {
    if (!EPK_MEMBERS.has(name)) throw new CryptoError('JWE_EPK_INVALID', `JWE "epk" member "${name}" is not allowed`);
  }
  const recipientCurve = curveOfKeyObject(recipientPrivateKey);
  if (epk.crv !== recipientCurve) throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" is not on the recipient key\'s curve');
  const checked = asEpkInvalid(() => checkJwk(epk, 'public', { use: 'enc' }));
  if (recipientCurve === 'P-256') return p256SharedSecret(checked, recipientPrivateKey);

  const publicKey = asEpkInvalid(() => importCheckedPublicJwk(checked));
  let z: Buffer;
  try {
    z = diffieHellman({ privateKey: recipientPrivateKey, publicKey });
  } catch (cause) {
    // OpenSSL itself fails X25519 derivation when the result is all zero.
    throw new CryptoError('JWE_EPK_INVALID', 'key agreement with JWE "epk" failed', { cause });
  }
  try {
    assertNonZeroSharedSecret(z);
  } catch (error) {
    z.fill(0);
    throw error;
  }
  return z;
}

function asEpkInvalid<T>(run: () => T): T {
  try {
    return run();
  } catch (cause) {
    if (!isCryptoError(cause)) throw cause;
    throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" is not a valid public key', { cause });
  }
}

/**
 * P-256 through node's ECDH, one per recipient key (setPrivateKey derives the public point, a
 * scalar multiplication, so once), held as long as the KeyObject. computeSecret decodes the point
 * with OpenSSL's EC_POINT_oct2point, which refuses a point not on the curve. Importing the epk
 * as a KeyObject instead would also check the point's order, a second scalar multiplication
 * that proves nothing on P-256: its group has prime order n (cofactor 1), so every point on the
 * curve but the identity, which 04 || X || Y cannot encode, has order n.
 */
const p256Agreements = new WeakMap<KeyObject, ECDH>();

function p256SharedSecret(epk: CheckedJwk, recipientPrivateKey: KeyObject): Buffer {
  let ecdh = p256Agreements.get(recipientPrivateKey);
  if (ecdh === undefined) {
    ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(recipientPrivateKey.export({ format: 'jwk' }).d as string, 'base64url'));
    p256Agreements.set(recipientPrivateKey, ecdh);
  }
  const point = Buffer.concat([UNCOMPRESSED, Buffer.from(epk.x, 'base64url'), Buffer.from(epk.y as string, 'base64url')]);
  try {
    return ecdh.computeSecret(point);
  } catch (cause) {
    throw new CryptoError('JWE_EPK_INVALID', 'JWE "epk" is not a point on P-256', { cause });
  }
}

const UNCOMPRESSED = Buffer.from([0x04]);

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
