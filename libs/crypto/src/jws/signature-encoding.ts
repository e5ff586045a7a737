import { CryptoError } from '../errors';
import { ED25519_L, P256_N } from '../keys/profiles';
import type { JwsAlgorithm } from '../keys/types';

/**
 * Internal: refuses, before any key lookup, a signature that is not the unique encoding its
 * algorithm defines (JWS_SIGNATURE_NONCANONICAL).
 *
 * ES256 (RFC 7518 §3.4): exactly 64 bytes, R || S big-endian, with 0 < R < n and 0 < S < n.
 * DER (70-72 bytes), 66-byte "too long"/"trailing zeros" and out-of-range scalars are the
 * Wycheproof SpecialCaseEs256 attacks. Low-S is NOT required: OpenSSL ES256 signers (node:crypto,
 * which signJws uses, and WebCrypto/jose alike) emit S > n/2 half the time, RFC 7518 does not ask
 * for it, and Wycheproof marks no valid case invalid for high S. The price is ECDSA malleability:
 * (R, S) and (R, n−S) both verify, so a signature's bytes must never identify a message; we
 * identify messages by the digest of their payload.
 *
 * EdDSA (RFC 8032 §5.1.7): exactly 64 bytes, and S (little-endian, second half) < L.
 * S ≥ L is the malleable S + kL of Wycheproof ed25519 tcId 63-65; OpenSSL refuses it too,
 * we refuse it earlier and with a precise code.
 */
// The bounds as 32 big-endian bytes: comparing bytes, not bigints, keeps this check at a
// fraction of a microsecond on the verify hot path.
const bigEndian = (value: bigint) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
const P256_N_BYTES = bigEndian(P256_N);
const ED25519_L_BYTES = bigEndian(ED25519_L);
const ZERO = Buffer.alloc(32);

/** 0 < value < limit, both 32 bytes big-endian. */
function inRange(value: Uint8Array, limit: Buffer): boolean {
  return Buffer.compare(value, ZERO) > 0 && Buffer.compare(value, limit) < 0;
}

export function checkSignatureEncoding(alg: JwsAlgorithm, signature: Uint8Array): void {
  if (signature.length !== 64) {
    throw new CryptoError('JWS_SIGNATURE_NONCANONICAL', `${alg} signature must be 64 bytes, got ${signature.length}`);
  }
  if (alg === 'ES256') {
    if (!inRange(signature.subarray(0, 32), P256_N_BYTES) || !inRange(signature.subarray(32), P256_N_BYTES)) {
      throw new CryptoError('JWS_SIGNATURE_NONCANONICAL', 'ES256 signature scalar out of range');
    }
    return;
  }
  // S is little-endian; S = 0 is a valid encoding.
  if (Buffer.compare(Buffer.from(signature.subarray(32)).reverse(), ED25519_L_BYTES) >= 0) {
    throw new CryptoError('JWS_SIGNATURE_NONCANONICAL', 'EdDSA signature S is not below the group order');
  }
}
