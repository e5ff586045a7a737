import { verifyCompact } from './verify-compact';
import type { JwsKeyResolver, VerifiedJws, VerifyJwsOptions } from './types';

/**
 * Verifies a compact JWS (RFC 7515 §7.1) signed with EdDSA (Ed25519) or ES256, and returns its
 * protected header, payload bytes and kid.
 *
 * Refusals, in order, all before the resolver is called: JWS_TOO_LARGE; JWS_MALFORMED (not three
 * segments, not strict unpadded base64url, header not a UTF-8 JSON object or repeating a member,
 * alg/kid/typ/cty of the wrong type); JWS_ALG_NOT_ALLOWED (anything but the allowed algorithms,
 * compared exactly, so every spelling of "none" too); JWS_CRIT_UNSUPPORTED (any crit);
 * JWS_HEADER_NOT_ALLOWED (jwk, jku, x5u, x5c, x5t, x5t#S256, b64); JWS_TYP_MISMATCH;
 * JWS_KID_MISSING; JWS_SIGNATURE_NONCANONICAL. Then JWS_KID_UNKNOWN when the resolver has no key,
 * KEY_TYPE_NOT_ALLOWED / KEY_INVALID when its key does not fit alg, JWS_SIGNATURE_INVALID.
 */
export async function verifyJws(compact: string, resolveKey: JwsKeyResolver, options: VerifyJwsOptions): Promise<VerifiedJws> {
  if (typeof options?.typ !== 'string' || options.typ === '') throw new TypeError('verifyJws needs the expected typ');
  const { header, payload, kid } = await verifyCompact(compact, (k) => (k === undefined ? undefined : resolveKey(k)), {
    typ: options.typ,
    requireKid: true,
    ...(options.algorithms !== undefined && { algorithms: options.algorithms }),
    ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
  });
  // requireKid and typ were enforced by verifyCompact.
  return { header: header as VerifiedJws['header'], payload, kid: kid as string };
}
