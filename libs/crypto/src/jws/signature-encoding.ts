import { CryptoError } from '../errors';
import { bytesToBigInt } from '../keys/encoding';
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
export function checkSignatureEncoding(alg: JwsAlgorithm, signature: Uint8Array): void {
  if (signature.length !== 64) {
    throw new CryptoError('JWS_SIGNATURE_NONCANONICAL', `${alg} signature must be 64 bytes, got ${signature.length}`);
  }
  if (alg === 'ES256') {
    const r = bytesToBigInt(signature.subarray(0, 32));
    const s = bytesToBigInt(signature.subarray(32));
    if (r === 0n || r >= P256_N || s === 0n || s >= P256_N) {
      throw new CryptoError('JWS_SIGNATURE_NONCANONICAL', 'ES256 signature scalar out of range');
    }
    return;
  }
  const s = bytesToBigInt(Uint8Array.from(signature.subarray(32)).reverse());
  if (s >= ED25519_L) throw new CryptoError('JWS_SIGNATURE_NONCANONICAL', 'EdDSA signature S is not below the group order');
}
