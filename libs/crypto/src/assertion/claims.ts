import { CryptoError } from '../errors';
import { CLIENT_ASSERTION_JTI_MAX_LENGTH, CLIENT_ASSERTION_JTI_MIN_LENGTH } from './types';

// The jti becomes part of a cache key on the hub: printable ASCII only, no spaces, bounded.
const JTI = /^[\x21-\x7e]+$/;

export function checkJti(jti: unknown): asserts jti is string {
  if (typeof jti !== 'string' || jti.length < CLIENT_ASSERTION_JTI_MIN_LENGTH || jti.length > CLIENT_ASSERTION_JTI_MAX_LENGTH || !JTI.test(jti)) {
    throw new CryptoError('ASSERTION_CLAIMS_INVALID', `jti must be ${CLIENT_ASSERTION_JTI_MIN_LENGTH}..${CLIENT_ASSERTION_JTI_MAX_LENGTH} printable ASCII characters`);
  }
}

/** A NumericDate (RFC 7519 §2): a finite, non-negative number of seconds. */
export function numericDate(claims: Record<string, unknown>, name: string, required: boolean): number | undefined {
  const value = claims[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CryptoError('ASSERTION_CLAIMS_INVALID', `"${name}" must be a NumericDate${required ? ' and is required' : ''}`);
  }
  return value;
}

/** The lifetime claims of a verified JWT (RFC 7519 §4.1.4–4.1.6). */
export interface Lifetime {
  iat: number;
  exp: number;
  nbf: number | undefined;
}

/** iat, exp and nbf as NumericDates, exp after iat; else ASSERTION_CLAIMS_INVALID. */
export function readLifetime(claims: Record<string, unknown>): Lifetime {
  const iat = numericDate(claims, 'iat', true) as number;
  const exp = numericDate(claims, 'exp', true) as number;
  const nbf = numericDate(claims, 'nbf', false);
  if (exp <= iat) throw new CryptoError('ASSERTION_CLAIMS_INVALID', '"exp" must be after "iat"');
  return { iat, exp, nbf };
}

/**
 * Judges a lifetime against the verifier's clock: ASSERTION_NOT_YET_VALID (iat or nbf ahead of
 * now beyond the tolerance), ASSERTION_EXPIRED, ASSERTION_TTL_TOO_LONG (exp - iat above
 * maxTtlSeconds). Shared by client assertions and key proofs, so both judge time alike.
 */
export function checkLifetime({ iat, exp, nbf }: Lifetime, now: Date, toleranceSeconds: number, maxTtlSeconds: number, what: string): void {
  const nowSeconds = now.getTime() / 1000;
  if (iat > nowSeconds + toleranceSeconds) throw new CryptoError('ASSERTION_NOT_YET_VALID', '"iat" is in the future');
  if (nbf !== undefined && nbf > nowSeconds + toleranceSeconds) throw new CryptoError('ASSERTION_NOT_YET_VALID', '"nbf" is in the future');
  if (exp <= nowSeconds - toleranceSeconds) throw new CryptoError('ASSERTION_EXPIRED', `${what} has expired`);
  if (exp - iat > maxTtlSeconds) throw new CryptoError('ASSERTION_TTL_TOO_LONG', `${what} lives longer than ${maxTtlSeconds} s`);
}

/** Caller mistakes in verify options are TypeErrors, not refusals of the token. */
export function checkVerifyOptions(audience: unknown, now: unknown, maxTtl: number, maxAllowed: number, tolerance: number): void {
  if (typeof audience !== 'string' || audience === '') throw new TypeError('the expected audience is required');
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  if (!Number.isInteger(maxTtl) || maxTtl < 1 || maxTtl > maxAllowed) throw new TypeError(`maxTtlSeconds must be an integer in 1..${maxAllowed}`);
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 60) throw new TypeError('clockToleranceSeconds must be an integer in 0..60');
}
