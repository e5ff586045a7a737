import { createECDH, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CryptoError } from '../errors';
import { checkJwk, type CheckedJwk } from './check-jwk';
import type { KeyExpectation } from './types';

/**
 * Imports a private JWK (OKP/Ed25519, OKP/X25519 or EC/P-256, with `d`) into a Node KeyObject.
 *
 * Same allow-list and member checks as importPublicJwk, plus: `d` is 32 bytes and, for P-256,
 * in [1, n-1] (OpenSSL accepts 0 and ≥ n); the public part `x`/`y` must be the one derived from
 * `d` (OpenSSL ignores `x` of an OKP private JWK and keeps `x`/`y` of an EC one as given, so a
 * mismatched pair would otherwise import and later publish or thumbprint the wrong public key).
 */
export function importPrivateJwk(jwk: unknown, expect?: KeyExpectation): KeyObject {
  return importCheckedPrivateJwk(checkJwk(jwk, 'private', expect));
}

/** Internal: the OpenSSL half of importPrivateJwk (import, public part re-derived and compared), for a JWK checkJwk has passed. */
export function importCheckedPrivateJwk(checked: CheckedJwk): KeyObject {
  const key = {
    kty: checked.kty,
    crv: checked.crv,
    x: checked.x,
    ...(checked.y !== undefined && { y: checked.y }),
    d: checked.d as string,
  };
  let privateKey: KeyObject;
  let derived: { x?: string; y?: string };
  try {
    privateKey = createPrivateKey({ key, format: 'jwk' });
    derived = checked.kty === 'EC' ? deriveP256Public(key.d) : createPublicKey(privateKey).export({ format: 'jwk' });
  } catch (cause) {
    throw new CryptoError('KEY_INVALID', 'private JWK could not be imported', { cause });
  }
  // Public values, compared for consistency only: no timing concern.
  if (derived.x !== checked.x || derived.y !== checked.y) {
    throw new CryptoError('KEY_INVALID', 'private JWK public part does not match its private scalar');
  }
  return privateKey;
}

/** x/y of d·G, computed independently of the x/y the JWK claims. */
function deriveP256Public(d: string): { x: string; y: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(d, 'base64url'));
  const point = ecdh.getPublicKey(); // 0x04 || X || Y
  return { x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
}
