import { createPublicKey, type KeyObject } from 'node:crypto';
import { CryptoError } from '../errors';
import { checkJwk, type CheckedJwk } from './check-jwk';
import type { KeyExpectation } from './types';

/**
 * Imports a public JWK (OKP/Ed25519, OKP/X25519 or EC/P-256) into a Node KeyObject.
 *
 * Refuses, before OpenSSL parses anything: a non-object (KEY_INVALID), a kty/crv outside the
 * allow-list (KEY_TYPE_NOT_ALLOWED), any private member such as `d` (KEY_INVALID), a `use` or
 * `alg` that disagrees with the curve or with `expect` (KEY_TYPE_NOT_ALLOWED), coordinates that
 * are not exactly 32 bytes of strict base64url or not below the P-256 field prime (KEY_INVALID).
 * OpenSSL then refuses EC points that are not on the curve (KEY_INVALID). Members other than
 * kty/crv/x/y never reach the importer.
 */
export function importPublicJwk(jwk: unknown, expect?: KeyExpectation): KeyObject {
  return importCheckedPublicJwk(checkJwk(jwk, 'public', expect));
}

/** Internal: the OpenSSL half of importPublicJwk, for a JWK checkJwk has passed. */
export function importCheckedPublicJwk(checked: CheckedJwk): KeyObject {
  const key = { kty: checked.kty, crv: checked.crv, x: checked.x, ...(checked.y !== undefined && { y: checked.y }) };
  try {
    return createPublicKey({ key, format: 'jwk' });
  } catch (cause) {
    throw new CryptoError('KEY_INVALID', 'public JWK is not a valid point on its curve', { cause });
  }
}
