import { randomBytes } from 'node:crypto';
import { CryptoError } from '../errors';
import { signJws } from '../jws/sign';
import { checkJti } from './claims';
import { type CreateKeyProofOptions, KEY_PROOF_RESERVED_CLAIMS, MAX_KEY_PROOF_TTL_SECONDS } from './types';

/**
 * Signs a proof of possession of the signing key `kid` of the JWK Set it carries: header
 * {alg, kid, typ}, claims {aud, iat, exp, jti, jwks, [iss, sub], ...claims}. The signer
 * refuses locally what the verifier would (a kid outside the set, a ttl outside 1..300 s, a
 * bad jti, a reserved claim name), so a node learns of its mistake before it sends anything.
 */
export async function createKeyProof(options: CreateKeyProofOptions): Promise<string> {
  const { typ, aud, iss, jwks, privateKey, kid, alg, ttlSeconds } = options;
  if (typeof aud !== 'string' || aud === '') throw new CryptoError('ASSERTION_CLAIMS_INVALID', 'aud must be a non-empty string');
  if (iss !== undefined && (typeof iss !== 'string' || iss === '')) throw new CryptoError('ASSERTION_CLAIMS_INVALID', 'iss must be a non-empty string');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_KEY_PROOF_TTL_SECONDS) {
    throw new CryptoError('ASSERTION_TTL_TOO_LONG', `ttlSeconds must be an integer in 1..${MAX_KEY_PROOF_TTL_SECONDS}`);
  }
  if (!jwks.keys.some((key) => key.kid === kid && key.use === 'sig')) throw new CryptoError('JWS_KID_UNKNOWN', 'the proof must be signed by a signing key of the submitted set');
  const extra = options.claims ?? {};
  const reserved = KEY_PROOF_RESERVED_CLAIMS.find((name) => Object.hasOwn(extra, name));
  if (reserved !== undefined) throw new CryptoError('ASSERTION_CLAIMS_INVALID', `"${reserved}" is set by createKeyProof, not by the caller`);
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  const jti = options.jti ?? randomBytes(24).toString('base64url');
  checkJti(jti);
  const iat = Math.floor(now.getTime() / 1000);
  const claims = { ...extra, ...(iss !== undefined && { iss, sub: iss }), aud, iat, exp: iat + ttlSeconds, jti, jwks: { keys: jwks.keys.map((key) => ({ ...key })) } };
  return signJws(JSON.stringify(claims), privateKey, { alg, kid, typ });
}
