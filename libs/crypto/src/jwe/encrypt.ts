import { diffieHellman, randomBytes, type KeyObject } from 'node:crypto';
import { CryptoError } from '../errors';
import { encodeBase64url } from '../keys/encoding';
import { generateEphemeralKeyPair } from '../keys/jwk-keygen';
import { publicKeyFrom } from '../keys/key-input';
import { JWE_ALG, JWE_ENC, type KeyCurve, type KeyInput } from '../keys/types';
import { concatKdf, sealContent, wrapKey } from './content-key';
import { isAllZero } from './epk';
import type { EncryptJweOptions, JweProtectedHeader } from './types';

/**
 * Encrypts `plaintext` to one recipient as a compact JWE: alg ECDH-ES+A256KW, enc A256GCM,
 * fresh ephemeral key per message, protected header {alg, enc, kid?, cty?, typ?, epk}, no
 * apu/apv. The recipient key must be a public X25519 or P-256 key (a JWK's own use/alg must say
 * enc / ECDH-ES+A256KW): KEY_TYPE_NOT_ALLOWED / KEY_INVALID otherwise, and KEY_INVALID for an
 * X25519 key of low order (the shared secret would be zero, the KEK public).
 * RFC 7516 §5.1 with the steps of content-key.ts, on node:crypto.
 */
export async function encryptJwe(plaintext: Uint8Array, recipientPublicKey: KeyInput, options: EncryptJweOptions = {}): Promise<string> {
  if (!(plaintext instanceof Uint8Array)) throw new TypeError('plaintext must be a Uint8Array');
  for (const name of ['kid', 'cty', 'typ'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new TypeError(`${name} must be a non-empty string`);
  }
  const { key, curve } = publicKeyFrom(recipientPublicKey, { use: 'enc', alg: JWE_ALG });
  const { epk, z } = agree(key, curve);
  const header: JweProtectedHeader = {
    alg: JWE_ALG,
    enc: JWE_ENC,
    ...(options.kid !== undefined && { kid: options.kid }),
    ...(options.cty !== undefined && { cty: options.cty }),
    ...(options.typ !== undefined && { typ: options.typ }),
    epk,
  };
  const encodedHeader = Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
  const kek = concatKdf(z);
  z.fill(0);
  const cek = randomBytes(32);
  try {
    const encryptedKey = wrapKey(kek, cek);
    const iv = randomBytes(12);
    const { ciphertext, tag } = sealContent(cek, iv, Buffer.from(encodedHeader, 'latin1'), plaintext);
    return [encodedHeader, ...[encryptedKey, iv, ciphertext, tag].map((part) => encodeBase64url(part))].join('.');
  } finally {
    kek.fill(0);
    cek.fill(0);
  }
}

/** A fresh ephemeral key pair on the recipient's curve, its public JWK (kty/crv/x[/y] only) and Z. */
function agree(recipient: KeyObject, curve: KeyCurve): { epk: JweProtectedHeader['epk']; z: Buffer } {
  // The public JWK comes from the keygen job, not from exporting a fresh KeyObject (jwk-keygen.ts).
  const ephemeral = generateEphemeralKeyPair(curve === 'X25519' ? 'X25519' : 'P-256');
  const { kty, crv, x, y } = ephemeral.publicJwk;
  const epk = { kty, crv, x, ...(y !== undefined && { y }) } as JweProtectedHeader['epk'];
  let z: Buffer;
  try {
    z = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  } catch (cause) {
    // OpenSSL fails X25519 derivation when the result is all zero (a low-order recipient key).
    throw new CryptoError('KEY_INVALID', 'key agreement with the recipient key failed', { cause });
  }
  if (curve === 'X25519' && isAllZero(z)) throw new CryptoError('KEY_INVALID', 'recipient key is of low order (all-zero shared secret)');
  return { epk, z };
}
