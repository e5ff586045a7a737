import { importPublicJwk, isCryptoError, type PublicJwk, toPublicJwk } from '@cicu/crypto';
import { DirectoryError } from './directory.errors';

/** A node publishes a handful of keys (current and next, signing and encryption). */
export const MAX_NODE_KEYS = 10;

/**
 * Checks the JWK Set a node enrols with and returns its keys in published form (kid = RFC
 * 7638 thumbprint, use, alg). Every input is hostile: anything private, outside the curve
 * allow-list, off-curve, ambiguous (a P-256 key without `use`), with a kid that is not its
 * thumbprint, or repeated is refused, and the set must hold at least one signing and one
 * encryption key, since a node both signs what it sends and decrypts what it receives.
 */
export async function checkNodeJwks(jwks: unknown): Promise<PublicJwk[]> {
  if (typeof jwks !== 'object' || jwks === null || Array.isArray(jwks) || !Array.isArray((jwks as { keys?: unknown }).keys)) {
    throw new DirectoryError('JWKS_INVALID', 'publicJwks must be a JWK Set: an object with a "keys" array');
  }
  const keys = (jwks as { keys: unknown[] }).keys;
  if (keys.length === 0 || keys.length > MAX_NODE_KEYS) {
    throw new DirectoryError('JWKS_INVALID', `publicJwks must hold 1 to ${MAX_NODE_KEYS} keys`);
  }
  const published: PublicJwk[] = [];
  for (const [i, jwk] of keys.entries()) {
    let key: PublicJwk;
    try {
      // importPublicJwk first: it refuses private members, which toPublicJwk would silently drop.
      importPublicJwk(jwk);
      key = await toPublicJwk(jwk);
    } catch (cause) {
      if (isCryptoError(cause)) throw new DirectoryError('JWKS_INVALID', `keys[${i}]: ${cause.message} (${cause.code})`, { cause });
      throw cause;
    }
    const ownKid = (jwk as { kid?: unknown }).kid;
    if (ownKid !== undefined && ownKid !== key.kid) {
      throw new DirectoryError('JWKS_INVALID', `keys[${i}]: "kid" must be the key's RFC 7638 SHA-256 thumbprint`);
    }
    if (published.some((other) => other.kid === key.kid)) throw new DirectoryError('JWKS_INVALID', `keys[${i}]: the same key appears twice`);
    published.push(key);
  }
  for (const use of ['sig', 'enc'] as const) {
    if (!published.some((key) => key.use === use)) {
      throw new DirectoryError('JWKS_INVALID', `publicJwks has no ${use === 'sig' ? 'signing (use "sig")' : 'encryption (use "enc")'} key`);
    }
  }
  return published;
}

/** A node's inbox: an absolute http(s) URL without credentials or fragment. */
export function checkInboxUrl(inboxUrl: unknown): string {
  if (typeof inboxUrl !== 'string' || inboxUrl.length > 2048) throw new DirectoryError('INBOX_URL_INVALID', 'inboxUrl must be a URL of at most 2048 characters');
  let url: URL;
  try {
    url = new URL(inboxUrl);
  } catch {
    throw new DirectoryError('INBOX_URL_INVALID', 'inboxUrl is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DirectoryError('INBOX_URL_INVALID', 'inboxUrl must be http or https');
  if (url.username !== '' || url.password !== '') throw new DirectoryError('INBOX_URL_INVALID', 'inboxUrl must not carry credentials');
  if (url.hash !== '') throw new DirectoryError('INBOX_URL_INVALID', 'inboxUrl must not have a fragment');
  return url.href;
}
