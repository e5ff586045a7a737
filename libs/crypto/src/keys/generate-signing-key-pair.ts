import { generateKeyPairFor } from './generate-key-pair';
import type { GeneratedKeyPair, SigningKeyType } from './types';

/** A fresh Ed25519 (EdDSA) or P-256 (ES256) signing key pair, kid = RFC 7638 thumbprint. */
export async function generateSigningKeyPair(type: SigningKeyType): Promise<GeneratedKeyPair> {
  if (type !== 'Ed25519' && type !== 'P-256') throw new TypeError('signing key type must be Ed25519 or P-256');
  return generateKeyPairFor(type, 'sig');
}
