import { sign, verify, type KeyObject } from 'node:crypto';
import type { JwsAlgorithm } from '../keys/types';

/**
 * Internal: the JWS signature primitives (RFC 7518 §3.4, RFC 8037 §3.1), called synchronously
 * on node:crypto with a KeyObject whose curve already fits `alg` (key-input.ts).
 *
 * EdDSA is pure Ed25519 over the signing input (no pre-hash: digest null). ES256 is ECDSA P-256
 * with SHA-256, the signature in the JOSE form R || S of 32 bytes each (ieee-p1363), not DER.
 * Both are what jose does through WebCrypto, which Node implements over the same OpenSSL calls;
 * crosscheck.spec.ts holds the two to each other on random inputs.
 */
export function signJwsInput(alg: JwsAlgorithm, signingInput: Uint8Array, privateKey: KeyObject): Buffer {
  return alg === 'ES256' ? sign('sha256', signingInput, { key: privateKey, dsaEncoding: 'ieee-p1363' }) : sign(null, signingInput, privateKey);
}

/** false for a signature that does not verify (the encoding checks ran before, in parse-compact.ts). */
export function verifyJwsInput(alg: JwsAlgorithm, signingInput: Uint8Array, publicKey: KeyObject, signature: Uint8Array): boolean {
  return alg === 'ES256'
    ? verify('sha256', signingInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
    : verify(null, signingInput, publicKey, signature);
}
