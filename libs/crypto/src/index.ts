/**
 * @cicu/crypto: the cryptography of cicu-exchange. Pure (no framework, no I/O, no
 * environment); every refusal is a CryptoError with a stable code.
 *
 * - JWS compact, EdDSA and ES256 only (jws/)
 * - JWE compact, ECDH-ES+A256KW with A256GCM to X25519 or P-256 (jwe/)
 * - key generation, RFC 7638 kids, JWKS, sealed private keys at rest (keys/)
 * - RFC 8785 canonical JSON (jcs/), SHA-256 control numbers (digest/)
 * - RFC 9162 Merkle tree hashes and proofs (merkle/)
 * - RFC 7523-style client assertions of a node to the hub, and its proofs of key possession (assertion/)
 */
export { CRYPTO_ERROR_CODES, CryptoError, isCryptoError, type CryptoErrorCode } from './errors';
export * from './jws/index';
export * from './jwe/index';
export * from './keys/index';
export * from './jcs/index';
export * from './digest/index';
export * from './merkle/index';
export * from './assertion/index';
// I-JSON parsing (duplicate member names refused) for receivers of signed and decrypted payloads.
export { parseJsonObject } from './keys/encoding';
