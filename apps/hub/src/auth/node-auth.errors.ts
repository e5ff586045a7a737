import { CodedError } from '@cicu/shared';
import { type CryptoErrorCode } from '@cicu/crypto';

/**
 * Why the hub refused to authenticate a node. Stable: nodes act on them (a node seeing
 * UNKNOWN_KEY re-checks its enrolment; REPLAY means a retry must sign a new assertion).
 */
export const NODE_AUTH_ERROR_CODES = [
  'UNAUTHENTICATED',
  'MALFORMED_ASSERTION',
  'ALG_NOT_ALLOWED',
  'UNKNOWN_KEY',
  'REVOKED_KEY',
  'BAD_SIGNATURE',
  'INVALID_CLAIMS',
  'ISSUER_MISMATCH',
  'AUDIENCE_MISMATCH',
  'ASSERTION_EXPIRED',
  'ASSERTION_NOT_YET_VALID',
  'TTL_TOO_LONG',
  'REPLAY',
  'NODE_NOT_ACTIVE',
  'SENDER_SUSPENDED',
  'AUTH_UNAVAILABLE',
] as const;
export type NodeAuthErrorCode = (typeof NODE_AUTH_ERROR_CODES)[number];

export class NodeAuthError extends CodedError<NodeAuthErrorCode> {
  override readonly name = 'NodeAuthError';
}

export function isNodeAuthError(value: unknown): value is NodeAuthError {
  return value instanceof NodeAuthError;
}

/**
 * The one place where libs/crypto refusals become authentication refusals. Exhaustive: a new
 * CryptoErrorCode does not compile until it is decided here. `undefined` = cannot come from
 * verifying an assertion, so it is a defect (500), not the caller's fault.
 */
export function nodeAuthCodeOf(code: CryptoErrorCode): NodeAuthErrorCode | undefined {
  switch (code) {
    case 'JWS_MALFORMED':
    case 'JWS_TOO_LARGE':
    case 'JWS_CRIT_UNSUPPORTED':
    case 'JWS_HEADER_NOT_ALLOWED':
    case 'JWS_TYP_MISMATCH':
    case 'JWS_KID_MISSING':
      return 'MALFORMED_ASSERTION';
    case 'JWS_ALG_NOT_ALLOWED':
      return 'ALG_NOT_ALLOWED';
    case 'JWS_KID_UNKNOWN':
      return 'UNKNOWN_KEY';
    // The enrolled key does not fit the token's alg (e.g. ES256 named for an Ed25519 key):
    // the token cannot have been signed by that key.
    case 'KEY_TYPE_NOT_ALLOWED':
    case 'KEY_INVALID':
    case 'JWS_SIGNATURE_NONCANONICAL':
    case 'JWS_SIGNATURE_INVALID':
      return 'BAD_SIGNATURE';
    case 'ASSERTION_CLAIMS_INVALID':
      return 'INVALID_CLAIMS';
    case 'ASSERTION_ISSUER_MISMATCH':
      return 'ISSUER_MISMATCH';
    case 'ASSERTION_AUDIENCE_MISMATCH':
      return 'AUDIENCE_MISMATCH';
    case 'ASSERTION_EXPIRED':
      return 'ASSERTION_EXPIRED';
    case 'ASSERTION_NOT_YET_VALID':
      return 'ASSERTION_NOT_YET_VALID';
    case 'ASSERTION_TTL_TOO_LONG':
      return 'TTL_TOO_LONG';
    case 'JWE_MALFORMED':
    case 'JWE_TOO_LARGE':
    case 'JWE_ALG_NOT_ALLOWED':
    case 'JWE_ENC_NOT_ALLOWED':
    case 'JWE_ZIP_NOT_ALLOWED':
    case 'JWE_HEADER_NOT_ALLOWED':
    case 'JWE_EPK_INVALID':
    case 'JWE_DECRYPTION_FAILED':
    case 'KEY_SEALED_FORMAT_INVALID':
    case 'KEY_UNSEAL_FAILED':
    case 'JCS_UNSUPPORTED_VALUE':
      return undefined;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/** HTTP status of each refusal (the HTTP layer's only knowledge of them). */
export function httpStatusOf(code: NodeAuthErrorCode): 401 | 403 | 503 {
  switch (code) {
    case 'NODE_NOT_ACTIVE':
    case 'SENDER_SUSPENDED':
      return 403;
    case 'AUTH_UNAVAILABLE':
      return 503;
    case 'UNAUTHENTICATED':
    case 'MALFORMED_ASSERTION':
    case 'ALG_NOT_ALLOWED':
    case 'UNKNOWN_KEY':
    case 'REVOKED_KEY':
    case 'BAD_SIGNATURE':
    case 'INVALID_CLAIMS':
    case 'ISSUER_MISMATCH':
    case 'AUDIENCE_MISMATCH':
    case 'ASSERTION_EXPIRED':
    case 'ASSERTION_NOT_YET_VALID':
    case 'TTL_TOO_LONG':
    case 'REPLAY':
      return 401;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
