import { CryptoError } from '../errors';
import { JWS_ALGORITHMS, type JwsAlgorithm } from '../keys/types';

/**
 * Internal: the header rules shared by signing and verification, so we never produce a token
 * that we would refuse.
 *
 * jwk/jku/x5u/x5c/x5t/x5t#S256 would let the token choose its own verification key (RFC 8725
 * §3.10); our keys come only from the directory, by kid. b64 (RFC 7797) changes what is signed;
 * we support only the default encoded payload. crit lists extensions the verifier must
 * understand; we understand none, so any crit, even an empty or malformed one, is refused.
 */
export const FORBIDDEN_JWS_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'b64'] as const;

export function checkAlgorithm(alg: unknown, allowed: readonly JwsAlgorithm[]): JwsAlgorithm {
  if (alg === undefined) throw new CryptoError('JWS_MALFORMED', 'JWS header has no "alg"');
  if (typeof alg !== 'string') throw new CryptoError('JWS_MALFORMED', 'JWS "alg" is not a string');
  // Exact, case-sensitive membership: "none", "None", "NONE", HS*, RS*, PS*, ES384, Ed25519 … all fall out here.
  if (!(allowed as readonly string[]).includes(alg)) throw new CryptoError('JWS_ALG_NOT_ALLOWED', 'JWS "alg" is not allowed');
  return alg as JwsAlgorithm;
}

export function checkHeaderMembers(header: Record<string, unknown>): void {
  if (Object.hasOwn(header, 'crit')) throw new CryptoError('JWS_CRIT_UNSUPPORTED', 'JWS "crit" is not supported');
  for (const name of FORBIDDEN_JWS_HEADERS) {
    if (Object.hasOwn(header, name)) throw new CryptoError('JWS_HEADER_NOT_ALLOWED', `JWS header "${name}" is not allowed`);
  }
  for (const name of ['kid', 'typ', 'cty'] as const) {
    if (Object.hasOwn(header, name) && typeof header[name] !== 'string') {
      throw new CryptoError('JWS_MALFORMED', `JWS "${name}" is not a string`);
    }
  }
}

export function checkAlgorithmsOption(algorithms: readonly JwsAlgorithm[] | undefined): readonly JwsAlgorithm[] {
  if (algorithms === undefined) return JWS_ALGORITHMS;
  if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => !JWS_ALGORITHMS.includes(a))) {
    throw new TypeError('algorithms must be a non-empty subset of ["EdDSA", "ES256"]');
  }
  return algorithms;
}

export function checkMaxBytesOption(maxBytes: number | undefined, fallback: number): number {
  const value = maxBytes ?? fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError('maxBytes must be a positive integer');
  return value;
}
