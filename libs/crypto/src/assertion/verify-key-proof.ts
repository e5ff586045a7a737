import { CryptoError } from '../errors';
import { verifyJws } from '../jws/verify';
import { decodeBase64url, isPlainObject, parseJsonObject } from '../keys/encoding';
import { importPublicJwk } from '../keys/import-public-jwk';
import { jwkThumbprint } from '../keys/thumbprint';
import { type KeyInput } from '../keys/types';
import { checkJti, checkLifetime, checkVerifyOptions, readLifetime } from './claims';
import { MAX_KEY_PROOF_TTL_SECONDS, type VerifiedKeyProof, type VerifyKeyProofOptions } from './types';

const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
// Ten public keys and a few claims are about 2 KiB; anything much larger is not a key proof.
const MAX_KEY_PROOF_BYTES = 16 * 1024;

/**
 * Verifies a proof of possession (createKeyProof): the JWS must verify with the key of its own
 * `jwks` claim that its header `kid` names, a signing key whose RFC 7638 thumbprint is that kid.
 * So a proof signed by any other key than one submitted with it is refused (JWS_KID_UNKNOWN
 * when the kid names no submitted signing key, JWS_SIGNATURE_INVALID when another key signed).
 *
 * Before the signature is verified the payload is read only to pick that key, defensively:
 * anything malformed picks none. Then, as for client assertions: ASSERTION_CLAIMS_INVALID
 * (not a JSON object, a repeated member, iat/exp/nbf/jti of the wrong type, exp not after iat,
 * iss/sub not one non-empty string), ASSERTION_AUDIENCE_MISMATCH, ASSERTION_NOT_YET_VALID,
 * ASSERTION_EXPIRED, ASSERTION_TTL_TOO_LONG. Replay is the caller's to refuse (the hub spends
 * a one-time token or registers the keys once). The keys themselves are the caller's to check.
 */
export async function verifyKeyProof(compact: string, options: VerifyKeyProofOptions): Promise<VerifiedKeyProof> {
  const { audience, now } = options;
  const maxTtl = options.maxTtlSeconds ?? MAX_KEY_PROOF_TTL_SECONDS;
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  checkVerifyOptions(audience, now, maxTtl, MAX_KEY_PROOF_TTL_SECONDS, tolerance);

  const { payload, kid } = await verifyJws(compact, (headerKid) => submittedSigningKey(compact, headerKid), { typ: options.typ, maxBytes: MAX_KEY_PROOF_BYTES });
  const claims = parseJsonObject(payload);
  if (claims === undefined) throw new CryptoError('ASSERTION_CLAIMS_INVALID', 'proof payload is not a JSON object');
  const { iss, sub, aud } = claims;
  if (iss !== undefined && (typeof iss !== 'string' || iss === '')) throw new CryptoError('ASSERTION_CLAIMS_INVALID', '"iss" must be a non-empty string');
  if (sub !== iss) throw new CryptoError('ASSERTION_CLAIMS_INVALID', '"sub" must equal "iss"');
  if (aud === undefined) throw new CryptoError('ASSERTION_CLAIMS_INVALID', '"aud" is required');
  const lifetime = readLifetime(claims);
  checkJti(claims.jti);
  if (typeof aud !== 'string' || aud !== audience) throw new CryptoError('ASSERTION_AUDIENCE_MISMATCH', '"aud" is not this verifier');
  checkLifetime(lifetime, now, tolerance, maxTtl, 'proof');
  return { kid, iss: iss as string | undefined, jwks: claims.jwks, claims, jti: claims.jti, iat: lifetime.iat, exp: lifetime.exp };
}

/**
 * The key of the (still unverified) payload's `jwks` that `kid` names, if it is a signing key
 * whose thumbprint is that kid; undefined for anything else. Only chooses the key: a payload
 * altered to name another key fails the signature with it.
 */
async function submittedSigningKey(compact: string, kid: string): Promise<KeyInput | undefined> {
  const segment = compact.split('.')[1];
  const bytes = segment === undefined ? undefined : decodeBase64url(segment);
  const claims = bytes === undefined ? undefined : parseJsonObject(bytes);
  const keys = claims !== undefined && isPlainObject(claims.jwks) ? claims.jwks.keys : undefined;
  if (!Array.isArray(keys)) return undefined;
  const named = keys.filter((key): key is Record<string, unknown> => isPlainObject(key) && key.kid === kid);
  if (named.length !== 1 || named[0]!.use !== 'sig') return undefined;
  const key = named[0]!;
  try {
    // A public signing key of the allow-list (no private member, on its curve, use/alg agreeing).
    const imported = importPublicJwk(key, { use: 'sig' });
    return (await jwkThumbprint(key)) === kid ? imported : undefined;
  } catch {
    return undefined;
  }
}
