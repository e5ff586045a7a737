import { CryptoError } from '../errors';
import { isPlainObject } from './encoding';
import { importPrivateJwk } from './import-private-jwk';
import { importPublicJwk } from './import-public-jwk';
import { KEY_PROFILES } from './profiles';
import { jwkThumbprint } from './thumbprint';
import type { KeyAlgorithm, KeyCurve, KeyUse, PublicJwk } from './types';

/**
 * The publishable form of a key: only kty/crv/x[/y], plus `kid` (RFC 7638 thumbprint, which
 * replaces any kid the input had), `use` and `alg`. `d` and every other member are dropped.
 *
 * `use` comes from the argument, else the JWK's own `use`, else the curve (Ed25519 → sig,
 * X25519 → enc). A P-256 key can be either, so it needs one of the first two (KEY_INVALID).
 */
export async function toPublicJwk(jwk: unknown, use?: KeyUse): Promise<PublicJwk> {
  if (!isPlainObject(jwk)) throw new CryptoError('KEY_INVALID', 'JWK must be a JSON object');
  const ownUse = typeof jwk.use === 'string' ? (jwk.use as KeyUse) : undefined;
  const crv = jwk.crv as KeyCurve;
  const chosenUse = use ?? ownUse ?? (crv === 'Ed25519' ? 'sig' : crv === 'X25519' ? 'enc' : undefined);
  const ownAlg = typeof jwk.alg === 'string' ? (jwk.alg as KeyAlgorithm) : undefined;
  // Import validates everything, including that the JWK's own use/alg fit the chosen use.
  const expect = chosenUse === undefined ? {} : { use: chosenUse, ...(ownAlg !== undefined && { alg: ownAlg }) };
  if (Object.hasOwn(jwk, 'd')) importPrivateJwk(jwk, expect);
  else importPublicJwk(jwk, expect);
  if (chosenUse === undefined) throw new CryptoError('KEY_INVALID', 'a P-256 key needs "use" (sig or enc) to be published');

  const profile = KEY_PROFILES[crv];
  const alg: KeyAlgorithm = ownAlg ?? (chosenUse === 'enc' ? 'ECDH-ES+A256KW' : crv === 'Ed25519' ? 'EdDSA' : 'ES256');
  const kid = await jwkThumbprint(jwk);
  return {
    kty: profile.kty,
    crv,
    x: jwk.x as string,
    ...(profile.kty === 'EC' && { y: jwk.y as string }),
    kid,
    use: chosenUse,
    alg,
  };
}
