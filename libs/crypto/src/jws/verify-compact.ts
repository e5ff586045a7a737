import { CryptoError } from '../errors';
import { publicKeyFrom } from '../keys/key-input';
import type { JwsAlgorithm, KeyInput } from '../keys/types';
import { checkAlgorithmsOption, checkMaxBytesOption } from './header-policy';
import { verifyJwsInput } from './node-signature';
import { parseCompactJws } from './parse-compact';
import { DEFAULT_JWS_MAX_BYTES, type JwsProtectedHeader } from './types';

export type CompactKeyResolver = (kid: string | undefined) => KeyInput | undefined | Promise<KeyInput | undefined>;

export interface VerifyCompactOptions {
  algorithms?: readonly JwsAlgorithm[];
  maxBytes?: number;
  /** Exact expected typ; undefined = no typ policy. */
  typ?: string;
  /** Default true. */
  requireKid?: boolean;
}

export interface VerifiedCompact {
  header: JwsProtectedHeader;
  payload: Uint8Array;
  kid: string | undefined;
}

/**
 * LOW-LEVEL (not exported from jws/index.ts): verifyJws without its typ requirement, and with an
 * optional kid. It exists so published vectors whose headers carry no typ (RFC 8037 A.4,
 * Wycheproof) can be checked through the very code path verifyJws uses. Applications call
 * verifyJws.
 *
 * Key-free checks first (parseCompactJws), then the resolver, then the key type against alg,
 * then the signature over the signing input, on node:crypto with the one alg the header named
 * (node-signature.ts). Resolver errors propagate.
 */
export async function verifyCompact(compact: string, resolveKey: CompactKeyResolver, options: VerifyCompactOptions = {}): Promise<VerifiedCompact> {
  const parsed = parseCompactJws(compact, {
    algorithms: checkAlgorithmsOption(options.algorithms),
    maxBytes: checkMaxBytesOption(options.maxBytes, DEFAULT_JWS_MAX_BYTES),
    typ: options.typ,
    requireKid: options.requireKid ?? true,
  });

  const input = await resolveKey(parsed.kid);
  if (input === undefined || input === null) throw new CryptoError('JWS_KID_UNKNOWN', 'no key for this JWS "kid"');
  // Ed25519 for EdDSA, P-256 for ES256; a JWK's own use/alg must say sig / this alg.
  const { key } = publicKeyFrom(input, { use: 'sig', alg: parsed.alg });

  // parseCompactJws accepted only base64url segments: the input up to the last '.' is ASCII.
  const signingInput = Buffer.from(compact.slice(0, compact.lastIndexOf('.')), 'latin1');
  let valid: boolean;
  try {
    valid = verifyJwsInput(parsed.alg, signingInput, key, parsed.signature);
  } catch (cause) {
    throw new CryptoError('JWS_SIGNATURE_INVALID', 'JWS signature does not verify', { cause });
  }
  if (!valid) throw new CryptoError('JWS_SIGNATURE_INVALID', 'JWS signature does not verify');
  return { header: parsed.header, payload: parsed.payload, kid: parsed.kid };
}
