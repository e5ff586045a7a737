import { CryptoError } from '../errors';
import { verifyJws } from '../jws/verify';
import { parseJsonObject } from '../keys/encoding';
import { checkJti, checkLifetime, checkVerifyOptions, readLifetime } from './claims';
import {
  CLIENT_ASSERTION_TYP,
  type ClientAssertionKeyResolver,
  MAX_CLIENT_ASSERTION_TTL_SECONDS,
  type VerifiedClientAssertion,
  type VerifyClientAssertionOptions,
} from './types';

const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
// An assertion is a few hundred bytes; anything much larger is not one.
const MAX_ASSERTION_BYTES = 4096;

/**
 * Verifies a node's client assertion and returns who sent it. Replay (a jti seen before) is
 * the caller's to refuse: it needs shared state, and this library does no I/O.
 *
 * First everything verifyJws refuses (same alg allow-list and header rules, typ must be
 * cicu-node-assertion+jwt, a kid, a key from the resolver, a valid signature); claims are
 * attacker-controlled until then, so they are read only afterwards. Then:
 * ASSERTION_CLAIMS_INVALID (payload not a JSON object, iss/sub/aud/iat/exp/nbf/jti missing or
 * of the wrong type, exp not after iat); ASSERTION_ISSUER_MISMATCH (iss is not the node the key
 * belongs to); ASSERTION_AUDIENCE_MISMATCH (aud not exactly the audience; arrays refused);
 * ASSERTION_NOT_YET_VALID (iat or nbf in the future beyond the tolerance); ASSERTION_EXPIRED;
 * ASSERTION_TTL_TOO_LONG (exp - iat above maxTtlSeconds).
 */
export async function verifyClientAssertion(
  compact: string,
  resolveKey: ClientAssertionKeyResolver,
  options: VerifyClientAssertionOptions,
): Promise<VerifiedClientAssertion> {
  const { audience, now } = options;
  const maxTtl = options.maxTtlSeconds ?? MAX_CLIENT_ASSERTION_TTL_SECONDS;
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  checkVerifyOptions(audience, now, maxTtl, MAX_CLIENT_ASSERTION_TTL_SECONDS, tolerance);

  let owner: string | undefined;
  const { payload, kid } = await verifyJws(
    compact,
    async (k) => {
      const found = await resolveKey(k);
      if (found === undefined || found === null) return undefined;
      if (typeof found.nodeId !== 'string' || found.nodeId === '') throw new TypeError('the key resolver must name the node of the key');
      owner = found.nodeId;
      return found.key;
    },
    { typ: options.typ ?? CLIENT_ASSERTION_TYP, maxBytes: MAX_ASSERTION_BYTES, ...(options.algorithms !== undefined && { algorithms: options.algorithms }) },
  );
  // verifyJws only returns after the resolver gave a key, which set owner.
  const nodeId = owner as string;

  const claims = parseJsonObject(payload);
  if (claims === undefined) throw new CryptoError('ASSERTION_CLAIMS_INVALID', 'assertion payload is not a JSON object');
  const { iss, sub, aud } = claims;
  if (typeof iss !== 'string' || iss === '') throw new CryptoError('ASSERTION_CLAIMS_INVALID', '"iss" must be a non-empty string');
  // RFC 7523 §3: sub is the client; here it can only be the issuer itself.
  if (sub !== undefined && sub !== iss) throw new CryptoError('ASSERTION_CLAIMS_INVALID', '"sub" must equal "iss"');
  if (aud === undefined) throw new CryptoError('ASSERTION_CLAIMS_INVALID', '"aud" is required');
  const lifetime = readLifetime(claims);
  checkJti(claims.jti);

  // A node must not speak for another: iss is bound to the key, not to what the token says.
  if (iss !== nodeId) throw new CryptoError('ASSERTION_ISSUER_MISMATCH', '"iss" is not the node that holds this key');
  // One audience only: an assertion valid for several verifiers could be replayed at each.
  if (typeof aud !== 'string' || aud !== audience) throw new CryptoError('ASSERTION_AUDIENCE_MISMATCH', '"aud" is not this verifier');

  checkLifetime(lifetime, now, tolerance, maxTtl, 'assertion');

  return { nodeId, kid, jti: claims.jti, exp: lifetime.exp, iat: lifetime.iat };
}
