/**
 * Every refusal from libs/crypto is a CryptoError carrying a stable string `code`.
 * Applications map codes to their own reason codes and HTTP statuses in one place; the
 * message is for logs and developers and never contains key material or payload bytes.
 */
export const CRYPTO_ERROR_CODES = [
  // JWS (compact)
  'JWS_MALFORMED',
  'JWS_TOO_LARGE',
  'JWS_ALG_NOT_ALLOWED',
  'JWS_HEADER_NOT_ALLOWED',
  'JWS_CRIT_UNSUPPORTED',
  'JWS_TYP_MISMATCH',
  'JWS_KID_MISSING',
  'JWS_KID_UNKNOWN',
  'JWS_SIGNATURE_NONCANONICAL',
  'JWS_SIGNATURE_INVALID',
  // JWE (compact)
  'JWE_MALFORMED',
  'JWE_TOO_LARGE',
  'JWE_ALG_NOT_ALLOWED',
  'JWE_ENC_NOT_ALLOWED',
  'JWE_ZIP_NOT_ALLOWED',
  'JWE_HEADER_NOT_ALLOWED',
  'JWE_EPK_INVALID',
  'JWE_DECRYPTION_FAILED',
  // Keys
  'KEY_INVALID',
  'KEY_TYPE_NOT_ALLOWED',
  'KEY_SEALED_FORMAT_INVALID',
  'KEY_UNSEAL_FAILED',
  // Canonical JSON
  'JCS_UNSUPPORTED_VALUE',
  // Client assertions (RFC 7523-style private_key_jwt of a node to the hub)
  'ASSERTION_CLAIMS_INVALID',
  'ASSERTION_ISSUER_MISMATCH',
  'ASSERTION_AUDIENCE_MISMATCH',
  'ASSERTION_EXPIRED',
  'ASSERTION_NOT_YET_VALID',
  'ASSERTION_TTL_TOO_LONG',
] as const;

export type CryptoErrorCode = (typeof CRYPTO_ERROR_CODES)[number];

export class CryptoError extends Error {
  override readonly name = 'CryptoError';

  constructor(
    readonly code: CryptoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isCryptoError(value: unknown): value is CryptoError {
  return value instanceof CryptoError;
}
