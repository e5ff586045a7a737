import { CryptoError } from '../errors';
import { isPlainObject } from './encoding';
import { importPublicJwk } from './import-public-jwk';
import type { KeyUse } from './types';

export type JwksResolver = (kid: string) => Record<string, unknown> | undefined;

/**
 * A kid → JWK lookup over a JWK Set (e.g. the hub directory's), for verifyJws.
 *
 * The whole set is checked up front: every entry must be an allowed public key (importPublicJwk,
 * with `use` when given) with a non-empty string kid, and no kid may appear twice (KEY_INVALID;
 * Wycheproof json_web_key_test "DuplicateKid": an ambiguous set must not be used at all).
 * The resolver returns the JWK itself, not a KeyObject, so verifyJws still checks the key's own
 * use/alg against the token's alg.
 */
export function createJwksResolver(jwks: unknown, options: { use?: KeyUse } = {}): JwksResolver {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) throw new CryptoError('KEY_INVALID', 'JWK Set must be an object with a "keys" array');
  const byKid = new Map<string, Record<string, unknown>>();
  for (const entry of jwks.keys as unknown[]) {
    importPublicJwk(entry, options.use === undefined ? undefined : { use: options.use });
    const jwk = entry as Record<string, unknown>;
    if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new CryptoError('KEY_INVALID', 'every key in the set needs a non-empty "kid"');
    if (byKid.has(jwk.kid)) throw new CryptoError('KEY_INVALID', `kid ${jwk.kid} appears more than once in the key set`);
    byKid.set(jwk.kid, { ...jwk });
  }
  return (kid) => byKid.get(kid);
}
