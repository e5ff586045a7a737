import { CompactEncrypt } from 'jose';
import { publicKeyFrom } from '../keys/key-input';
import { JWE_ALG, JWE_ENC, type KeyInput } from '../keys/types';
import type { EncryptJweOptions } from './types';

/**
 * Encrypts `plaintext` to one recipient as a compact JWE: alg ECDH-ES+A256KW, enc A256GCM,
 * fresh ephemeral key per message (jose), protected header {alg, enc, kid?, cty?, typ?, epk}.
 * The recipient key must be a public X25519 or P-256 key (a JWK's own use/alg must say enc /
 * ECDH-ES+A256KW): KEY_TYPE_NOT_ALLOWED / KEY_INVALID otherwise.
 */
export async function encryptJwe(plaintext: Uint8Array, recipientPublicKey: KeyInput, options: EncryptJweOptions = {}): Promise<string> {
  if (!(plaintext instanceof Uint8Array)) throw new TypeError('plaintext must be a Uint8Array');
  for (const name of ['kid', 'cty', 'typ'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new TypeError(`${name} must be a non-empty string`);
  }
  const { key } = publicKeyFrom(recipientPublicKey, { use: 'enc', alg: JWE_ALG });
  const header = {
    alg: JWE_ALG,
    enc: JWE_ENC,
    ...(options.kid !== undefined && { kid: options.kid }),
    ...(options.cty !== undefined && { cty: options.cty }),
    ...(options.typ !== undefined && { typ: options.typ }),
  };
  return new CompactEncrypt(plaintext).setProtectedHeader(header).encrypt(key);
}
