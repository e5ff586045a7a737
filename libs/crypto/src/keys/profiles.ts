import type { KeyObject } from 'node:crypto';
import type { KeyAlgorithm, KeyCurve, KeyExpectation, KeyUse } from './types';

/**
 * Internal: the allow-list of key profiles and the curve constants the checks need.
 * A P-256 key may be a signing (ES256) or an encryption (ECDH-ES+A256KW) key, never both
 * at once: its JWK `use`/`alg` say which.
 */
export interface KeyProfile {
  kty: 'OKP' | 'EC';
  crv: KeyCurve;
  uses: readonly KeyUse[];
  algs: readonly KeyAlgorithm[];
}

export const KEY_PROFILES: Readonly<Record<KeyCurve, KeyProfile>> = {
  Ed25519: { kty: 'OKP', crv: 'Ed25519', uses: ['sig'], algs: ['EdDSA'] },
  X25519: { kty: 'OKP', crv: 'X25519', uses: ['enc'], algs: ['ECDH-ES+A256KW'] },
  'P-256': { kty: 'EC', crv: 'P-256', uses: ['sig', 'enc'], algs: ['ES256', 'ECDH-ES+A256KW'] },
};

export function profileFor(kty: string, crv: string): KeyProfile | undefined {
  if (!Object.hasOwn(KEY_PROFILES, crv)) return undefined;
  const profile = KEY_PROFILES[crv as KeyCurve];
  return profile.kty === kty ? profile : undefined;
}

export function profileAccepts(profile: KeyProfile, expect: KeyExpectation | undefined): boolean {
  if (expect?.use !== undefined && !profile.uses.includes(expect.use)) return false;
  if (expect?.alg !== undefined && !profile.algs.includes(expect.alg)) return false;
  return true;
}

/** The curve of a Node KeyObject, if it is one we allow. */
export function curveOfKeyObject(key: KeyObject): KeyCurve | undefined {
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return 'Ed25519';
    case 'x25519':
      return 'X25519';
    case 'ec':
      return key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? 'P-256' : undefined;
    default:
      return undefined;
  }
}

export const COORDINATE_BYTES = 32;

/** P-256 field prime p (coordinates must be < p) and group order n (scalars in [1, n-1]). */
export const P256_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** Ed25519 group order L (RFC 8032 §5.1): a signature's S must be < L. */
export const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;

/** Private-key members of any JWK type (RFC 7518 §6); none may appear in a public key. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'] as const;
