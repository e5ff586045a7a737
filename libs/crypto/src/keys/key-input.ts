import { KeyObject, type webcrypto } from 'node:crypto';
import { CryptoError } from '../errors';
import { isPlainObject } from './encoding';
import { importPrivateJwk } from './import-private-jwk';
import { importPublicJwk } from './import-public-jwk';
import { curveOfKeyObject, KEY_PROFILES, profileAccepts } from './profiles';
import type { KeyCurve, KeyExpectation } from './types';

export interface ResolvedKey {
  key: KeyObject;
  curve: KeyCurve;
}

/**
 * Internal: turns whatever a caller hands us (KeyObject, CryptoKey, JWK) into a Node KeyObject
 * of the right visibility and an allowed curve fitting `expect`. JWKs go through the full JWK
 * checks (including their own use/alg); KeyObjects and CryptoKeys carry no use/alg, so only
 * their curve is checked.
 */
export function publicKeyFrom(input: unknown, expect: KeyExpectation): ResolvedKey {
  return keyFrom(input, 'public', expect);
}

export function privateKeyFrom(input: unknown, expect: KeyExpectation): ResolvedKey {
  return keyFrom(input, 'private', expect);
}

function keyFrom(input: unknown, visibility: 'public' | 'private', expect: KeyExpectation): ResolvedKey {
  let key: KeyObject;
  if (input instanceof KeyObject) {
    key = input;
  } else if (isCryptoKey(input)) {
    try {
      key = KeyObject.from(input);
    } catch (cause) {
      throw new CryptoError('KEY_INVALID', 'CryptoKey could not be used', { cause });
    }
  } else if (isPlainObject(input)) {
    key = visibility === 'public' ? importPublicJwk(input, expect) : importPrivateJwk(input, expect);
  } else {
    throw new CryptoError('KEY_INVALID', 'key must be a KeyObject, a CryptoKey or a JWK object');
  }
  if (key.type !== visibility) throw new CryptoError('KEY_INVALID', `a ${visibility} key is required here, got a ${key.type} key`);
  const curve = curveOfKeyObject(key);
  if (curve === undefined) throw new CryptoError('KEY_TYPE_NOT_ALLOWED', 'key type is not one of Ed25519, X25519, P-256');
  if (!profileAccepts(KEY_PROFILES[curve], expect)) {
    throw new CryptoError('KEY_TYPE_NOT_ALLOWED', `a ${curve} key cannot serve ${expect.alg ?? expect.use ?? 'this operation'}`);
  }
  return { key, curve };
}

function isCryptoKey(value: unknown): value is webcrypto.CryptoKey {
  // Tag check as jose does: CryptoKey instances may come from another realm (Jest's vm).
  return typeof value === 'object' && value !== null && (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'CryptoKey';
}
