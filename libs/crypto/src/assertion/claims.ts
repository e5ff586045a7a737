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
