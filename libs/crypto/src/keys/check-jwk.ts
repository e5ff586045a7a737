import { CryptoError } from '../errors';
import { bytesToBigInt, decodeBase64url, isPlainObject } from './encoding';
import { COORDINATE_BYTES, P256_N, P256_P, PRIVATE_JWK_MEMBERS, profileAccepts, profileFor, type KeyProfile } from './profiles';
import type { KeyExpectation } from './types';

/** The members of a checked JWK that key import needs; everything else is dropped. */
export interface CheckedJwk {
  profile: KeyProfile;
  kty: 'OKP' | 'EC';
  crv: KeyProfile['crv'];
  x: string;
  y?: string;
  d?: string;
}

/**
 * Internal: validates a JWK against the allow-list before any parser in OpenSSL sees it.
 * Order: shape (KEY_INVALID) → kty/crv allow-list (KEY_TYPE_NOT_ALLOWED) → private members
 * (KEY_INVALID for a "public" key) → use/alg agreement (KEY_TYPE_NOT_ALLOWED) → coordinates
 * (KEY_INVALID). On-curve checks happen at import (OpenSSL refuses off-curve EC points).
 */
export function checkJwk(jwk: unknown, kind: 'public' | 'private', expect?: KeyExpectation): CheckedJwk {
  if (!isPlainObject(jwk)) throw new CryptoError('KEY_INVALID', 'JWK must be a JSON object');
  const { kty, crv } = jwk;
  if (typeof kty !== 'string' || kty === '') throw new CryptoError('KEY_INVALID', 'JWK "kty" missing or not a string');
  if (typeof crv !== 'string' || crv === '') {
    // RSA/oct keys have no crv: that is a key type we do not allow, not a malformed key.
    if (kty !== 'OKP' && kty !== 'EC') throw new CryptoError('KEY_TYPE_NOT_ALLOWED', `JWK kty "${kty}" is not allowed`);
    throw new CryptoError('KEY_INVALID', 'JWK "crv" missing or not a string');
  }
  const profile = profileFor(kty, crv);
  if (profile === undefined) throw new CryptoError('KEY_TYPE_NOT_ALLOWED', 'JWK kty/crv is not one of OKP/Ed25519, OKP/X25519, EC/P-256');

  for (const member of PRIVATE_JWK_MEMBERS) {
    if (member === 'd' && kind === 'private') continue;
    if (Object.hasOwn(jwk, member)) {
      throw new CryptoError('KEY_INVALID', kind === 'public' ? `public JWK carries private member "${member}"` : `JWK carries foreign member "${member}"`);
    }
  }

  checkUseAndAlg(jwk, profile, expect);

  const x = coordinate(jwk.x, 'x');
  let y: string | undefined;
  if (profile.kty === 'EC') {
    y = coordinate(jwk.y, 'y');
    // OpenSSL would reject most of these as off-curve, but a coordinate ≥ p is a second
    // spelling of a smaller one: refuse it here so acceptance never depends on reduction.
    if (bytesToBigInt(decodeBase64url(x) as Uint8Array) >= P256_P || bytesToBigInt(decodeBase64url(y) as Uint8Array) >= P256_P) {
      throw new CryptoError('KEY_INVALID', 'EC coordinate is not below the field prime');
    }
  } else if (Object.hasOwn(jwk, 'y')) {
    throw new CryptoError('KEY_INVALID', 'OKP JWK must not have "y"');
  }

  let d: string | undefined;
  if (kind === 'private') {
    d = coordinate(jwk.d, 'd');
    if (profile.kty === 'EC') {
      // Node/OpenSSL accept d = 0 and d ≥ n for P-256 JWKs; such a "private key" is not one.
      const scalar = bytesToBigInt(decodeBase64url(d) as Uint8Array);
      if (scalar === 0n || scalar >= P256_N) throw new CryptoError('KEY_INVALID', 'EC private scalar out of range');
    }
  }

  return { profile, kty: profile.kty, crv: profile.crv, x, ...(y !== undefined && { y }), ...(d !== undefined && { d }) };
}

function checkUseAndAlg(jwk: Record<string, unknown>, profile: KeyProfile, expect: KeyExpectation | undefined): void {
  if (!profileAccepts(profile, expect)) {
    throw new CryptoError('KEY_TYPE_NOT_ALLOWED', `a ${profile.crv} key cannot serve ${expect?.alg ?? expect?.use ?? 'this operation'}`);
  }
  const { use, alg, key_ops: keyOps } = jwk;
  if (use !== undefined) {
    if (typeof use !== 'string') throw new CryptoError('KEY_INVALID', 'JWK "use" must be a string');
    if (!(profile.uses as readonly string[]).includes(use) || (expect?.use !== undefined && use !== expect.use)) {
      throw new CryptoError('KEY_TYPE_NOT_ALLOWED', `JWK "use" ${use} does not fit this operation`);
    }
  }
  if (alg !== undefined) {
    if (typeof alg !== 'string') throw new CryptoError('KEY_INVALID', 'JWK "alg" must be a string');
    // Wycheproof json_web_key_test "wrong_algorithm"/"invalid_algorithm": a key that says
    // ES521 or ES224 must not verify an ES256 token even though the curve is P-256.
    if (!(profile.algs as readonly string[]).includes(alg) || (expect?.alg !== undefined && alg !== expect.alg)) {
      throw new CryptoError('KEY_TYPE_NOT_ALLOWED', `JWK "alg" ${alg} does not fit this operation`);
    }
    const algUse = alg === 'ECDH-ES+A256KW' ? 'enc' : 'sig';
    if (expect?.use !== undefined && algUse !== expect.use) {
      throw new CryptoError('KEY_TYPE_NOT_ALLOWED', `JWK "alg" ${alg} does not fit this operation`);
    }
    if (typeof use === 'string' && use !== algUse) throw new CryptoError('KEY_INVALID', 'JWK "use" and "alg" disagree');
  }
  if (keyOps !== undefined && (!Array.isArray(keyOps) || keyOps.some((op) => typeof op !== 'string'))) {
    throw new CryptoError('KEY_INVALID', 'JWK "key_ops" must be an array of strings');
  }
}

function coordinate(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new CryptoError('KEY_INVALID', `JWK "${name}" missing or not a string`);
  const bytes = decodeBase64url(value);
  if (bytes === undefined || bytes.length !== COORDINATE_BYTES) {
    throw new CryptoError('KEY_INVALID', `JWK "${name}" must be ${COORDINATE_BYTES} bytes of unpadded base64url`);
  }
  return value;
}
