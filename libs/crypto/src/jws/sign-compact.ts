import { CryptoError } from '../errors';
import { encodeBase64url, isPlainObject } from '../keys/encoding';
import { privateKeyFrom } from '../keys/key-input';
import { JWS_ALGORITHMS, type KeyInput } from '../keys/types';
import { checkAlgorithm, checkHeaderMembers } from './header-policy';
import { signJwsInput } from './node-signature';
import type { JwsProtectedHeader } from './types';

/**
 * LOW-LEVEL (not exported from jws/index.ts): signs `payload` under exactly `header`, serialized
 * in its own member order. signJws builds the header and calls this; tests call it directly to
 * reproduce RFC 8037 A.4 byte for byte (header {"alg":"EdDSA"}, no kid/typ).
 * The header still obeys the verifier's rules (alg allow-list, no crit/b64/jwk/jku/x5*).
 * RFC 7515 §5.1: BASE64URL(UTF8(header)) '.' BASE64URL(payload), signed synchronously on
 * node:crypto (node-signature.ts); jose, which did this before, is the cross-check in tests.
 */
export async function signCompact(payload: Uint8Array, key: KeyInput, header: JwsProtectedHeader): Promise<string> {
  if (!(payload instanceof Uint8Array)) throw new TypeError('payload must be a Uint8Array');
  if (!isPlainObject(header)) throw new CryptoError('JWS_MALFORMED', 'JWS header must be a JSON object');
  const alg = checkAlgorithm(header.alg, JWS_ALGORITHMS);
  checkHeaderMembers(header);
  const { key: privateKey } = privateKeyFrom(key, { use: 'sig', alg });
  const signingInput = `${Buffer.from(JSON.stringify(header), 'utf8').toString('base64url')}.${encodeBase64url(payload)}`;
  // The signing input is base64url and '.', so ASCII: latin1 is its exact byte encoding.
  const signature = signJwsInput(alg, Buffer.from(signingInput, 'latin1'), privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}
