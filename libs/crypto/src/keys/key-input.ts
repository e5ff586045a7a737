import { KeyObject, type webcrypto } from 'node:crypto';
import { CryptoError } from '../errors';
import { checkJwk, type CheckedJwk } from './check-jwk';
import { isPlainObject } from './encoding';
import { importCheckedPrivateJwk } from './import-private-jwk';
import { importCheckedPublicJwk } from './import-public-jwk';
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
 *
 * A JWK is checked in full on every call (the checks depend on `expect` and are cheap); only
 * OpenSSL's import, which dominates, is remembered (see importedPublic / importedPrivate).
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
    key = visibility === 'public' ? importedPublic(checkJwk(input, 'public', expect)) : importedPrivate(input, checkJwk(input, 'private', expect));
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

/**
 * Public keys by their members kty/crv/x/y, the only input of the import: the hub passes the
 * directory's JWK, a new object per request, for a few hundred keys at most. Public data only;
 * bounded, least recently used out first. A JWK that fails to import is not remembered.
 */
const PUBLIC_KEY_CACHE_SIZE = 1024;
const publicKeys = new Map<string, KeyObject>();

function importedPublic(checked: CheckedJwk): KeyObject {
  // base64url has no '.', so the key is unambiguous.
  const id = `${checked.kty}.${checked.crv}.${checked.x}.${checked.y ?? ''}`;
  let key = publicKeys.get(id);
  if (key !== undefined) {
    publicKeys.delete(id);
  } else {
    key = importCheckedPublicJwk(checked);
    if (publicKeys.size >= PUBLIC_KEY_CACHE_SIZE) publicKeys.delete(publicKeys.keys().next().value as string);
  }
  publicKeys.set(id, key);
  return key;
}

/**
 * Private keys by the JWK object that holds them (so no second copy of `d` outlives it), and only
 * while the members that made the key (kty/crv/x/y/d) are the same strings as at import: a JWK
 * changed in place is imported and checked (public part against d) again.
 */
const privateKeys = new WeakMap<object, { checked: CheckedJwk; key: KeyObject }>();

function importedPrivate(jwk: object, checked: CheckedJwk): KeyObject {
  const known = privateKeys.get(jwk);
  if (known !== undefined && sameMembers(known.checked, checked)) return known.key;
  const key = importCheckedPrivateJwk(checked);
  privateKeys.set(jwk, { checked, key });
  return key;
}

function sameMembers(a: CheckedJwk, b: CheckedJwk): boolean {
  return a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y && a.d === b.d;
}

function isCryptoKey(value: unknown): value is webcrypto.CryptoKey {
  // Tag check as jose does: CryptoKey instances may come from another realm (Jest's vm).
  return typeof value === 'object' && value !== null && (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'CryptoKey';
}
