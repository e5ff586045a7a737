import { CompactSign } from 'jose';
import { CryptoError } from '../errors';
import { isPlainObject } from '../keys/encoding';
import { privateKeyFrom } from '../keys/key-input';
import { JWS_ALGORITHMS, type KeyInput } from '../keys/types';
import { checkAlgorithm, checkHeaderMembers } from './header-policy';
import type { JwsProtectedHeader } from './types';

/**
 * LOW-LEVEL (not exported from jws/index.ts): signs `payload` under exactly `header`, serialized
 * in its own member order. signJws builds the header and calls this; tests call it directly to
 * reproduce RFC 8037 A.4 byte for byte (header {"alg":"EdDSA"}, no kid/typ).
 * The header still obeys the verifier's rules (alg allow-list, no crit/b64/jwk/jku/x5*).
 */
export async function signCompact(payload: Uint8Array, key: KeyInput, header: JwsProtectedHeader): Promise<string> {
  if (!(payload instanceof Uint8Array)) throw new TypeError('payload must be a Uint8Array');
  if (!isPlainObject(header)) throw new CryptoError('JWS_MALFORMED', 'JWS header must be a JSON object');
  const alg = checkAlgorithm(header.alg, JWS_ALGORITHMS);
  checkHeaderMembers(header);
  const { key: privateKey } = privateKeyFrom(key, { use: 'sig', alg });
  return new CompactSign(payload).setProtectedHeader(header).sign(privateKey);
}
