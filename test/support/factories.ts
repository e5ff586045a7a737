import { generateEncryptionKeyPair, generateSigningKeyPair } from '@cicu/crypto';

/** A node's key material as enrolment takes it: one Ed25519 signing key, one X25519 encryption key. */
export async function nodeKeys() {
  const [sig, enc] = await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519')]);
  return { sig, enc, jwks: { keys: [sig.publicJwk, enc.publicJwk] } };
}
