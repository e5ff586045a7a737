import { generateKeyPairFor } from './generate-key-pair';
import type { EncryptionKeyType, GeneratedKeyPair } from './types';

/** A fresh X25519 or P-256 key pair for ECDH-ES+A256KW, kid = RFC 7638 thumbprint. */
export async function generateEncryptionKeyPair(type: EncryptionKeyType): Promise<GeneratedKeyPair> {
  if (type !== 'X25519' && type !== 'P-256') throw new TypeError('encryption key type must be X25519 or P-256');
  return generateKeyPairFor(type, 'enc');
}
