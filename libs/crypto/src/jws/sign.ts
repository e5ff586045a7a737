import { CryptoError } from '../errors';
import type { KeyInput } from '../keys/types';
import { signCompact } from './sign-compact';
import type { SignJwsOptions } from './types';

// Paired UTF-16 surrogates form one code point under the u flag, so this finds only lone ones,
// which TextEncoder would silently turn into U+FFFD (signing something other than given).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Signs `payload` as a compact JWS with protected header {alg, kid, typ, ...extraHeader}.
 * A string payload is UTF-8 encoded (lone surrogates refused: JWS_MALFORMED). The key must be a
 * private Ed25519 key for EdDSA or P-256 key for ES256 (KEY_TYPE_NOT_ALLOWED otherwise).
 * extraHeader may not override alg/kid/typ nor carry what verifyJws refuses.
 */
export async function signJws(payload: Uint8Array | string, key: KeyInput, options: SignJwsOptions): Promise<string> {
  const { alg, kid, typ, extraHeader = {} } = options;
  if (typeof kid !== 'string' || kid === '') throw new CryptoError('JWS_KID_MISSING', 'signJws needs a non-empty kid');
  if (typeof typ !== 'string' || typ === '') throw new CryptoError('JWS_MALFORMED', 'signJws needs a non-empty typ');
  for (const name of ['alg', 'kid', 'typ']) {
    if (Object.hasOwn(extraHeader, name)) throw new CryptoError('JWS_HEADER_NOT_ALLOWED', `extraHeader may not set "${name}"`);
  }
  let bytes: Uint8Array;
  if (typeof payload === 'string') {
    if (LONE_SURROGATE.test(payload)) throw new CryptoError('JWS_MALFORMED', 'payload string is not well-formed Unicode');
    bytes = new TextEncoder().encode(payload);
  } else {
    bytes = payload;
  }
  return signCompact(bytes, key, { alg, kid, typ, ...extraHeader });
}
