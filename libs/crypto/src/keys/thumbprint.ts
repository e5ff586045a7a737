import { calculateJwkThumbprint } from 'jose';
import { checkJwk } from './check-jwk';

/**
 * RFC 7638 SHA-256 JWK thumbprint, base64url: the project's `kid` for every key it makes.
 * Only the required members (crv, kty, x[, y]) enter the hash, so the public and private
 * JWK of one pair, with or without kid/use/alg, share a thumbprint.
 */
export async function jwkThumbprint(jwk: unknown): Promise<string> {
  const isPrivate = typeof jwk === 'object' && jwk !== null && Object.hasOwn(jwk, 'd');
  const { kty, crv, x, y } = checkJwk(jwk, isPrivate ? 'private' : 'public');
  return calculateJwkThumbprint(y === undefined ? { kty, crv, x } : { kty, crv, x, y }, 'sha256');
}
