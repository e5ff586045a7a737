import { CryptoError } from '../errors';
import { toPublicJwk } from './to-public-jwk';
import type { JsonWebKeySet, PublicJwk } from './types';

/**
 * A JWK Set (RFC 7517 §5) of the public halves of `keys`, each through toPublicJwk.
 * Two entries with one thumbprint are refused (KEY_INVALID): a kid must name exactly one key,
 * so one P-256 key pair must not be published for both sig and enc.
 */
export async function publicJwks(keys: readonly unknown[]): Promise<JsonWebKeySet<PublicJwk>> {
  const published = await Promise.all(keys.map((key) => toPublicJwk(key)));
  const seen = new Set<string>();
  for (const { kid } of published) {
    if (seen.has(kid)) throw new CryptoError('KEY_INVALID', `duplicate key ${kid} in key set`);
    seen.add(kid);
  }
  return { keys: published };
}
