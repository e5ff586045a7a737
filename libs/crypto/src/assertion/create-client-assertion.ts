import { randomBytes } from 'node:crypto';
import { CryptoError } from '../errors';
import { signJws } from '../jws/sign';
import { checkJti } from './claims';
import { CLIENT_ASSERTION_TYP, type CreateClientAssertionOptions, MAX_CLIENT_ASSERTION_TTL_SECONDS } from './types';

/**
 * Signs a client assertion (RFC 7523 §3 shape) for a node authenticating to the hub:
 * header {alg, kid, typ: cicu-node-assertion+jwt}, claims {iss, sub, aud, iat, exp, jti} with
 * iss = sub = the node id. Refuses a ttl outside 1..60 s (ASSERTION_TTL_TOO_LONG) and a jti
 * the hub would refuse (ASSERTION_CLAIMS_INVALID), so a node learns of its mistake locally.
 */
export async function createClientAssertion(options: CreateClientAssertionOptions): Promise<string> {
  const { iss, aud, privateKey, kid, alg, ttlSeconds } = options;
  if (typeof iss !== 'string' || iss === '') throw new CryptoError('ASSERTION_CLAIMS_INVALID', 'iss must be a non-empty string');
  if (typeof aud !== 'string' || aud === '') throw new CryptoError('ASSERTION_CLAIMS_INVALID', 'aud must be a non-empty string');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_CLIENT_ASSERTION_TTL_SECONDS) {
    throw new CryptoError('ASSERTION_TTL_TOO_LONG', `ttlSeconds must be an integer in 1..${MAX_CLIENT_ASSERTION_TTL_SECONDS}`);
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  const jti = options.jti ?? randomBytes(24).toString('base64url');
  checkJti(jti);

  const iat = Math.floor(now.getTime() / 1000);
  const claims = { iss, sub: iss, aud, iat, exp: iat + ttlSeconds, jti };
  return signJws(JSON.stringify(claims), privateKey, { alg, kid, typ: options.typ ?? CLIENT_ASSERTION_TYP });
}
