import { CryptoError } from '../errors';
import { privateKeyFrom } from '../keys/key-input';
import { JWE_ALG, type KeyInput } from '../keys/types';
import { concatKdf, openContent, partyInfo, unwrapKey } from './content-key';
import { agreeWithEphemeralKey } from './epk';
import { parseCompactJwe } from './parse-compact';
import { DEFAULT_JWE_MAX_BYTES, type DecryptedJwe, type DecryptJweOptions } from './types';

/**
 * Decrypts a compact JWE made by encryptJwe (or any ECDH-ES+A256KW / A256GCM JWE).
 *
 * Key-free refusals first (parseCompactJwe): JWE_TOO_LARGE, JWE_MALFORMED, JWE_ALG_NOT_ALLOWED,
 * JWE_ENC_NOT_ALLOWED, JWE_ZIP_NOT_ALLOWED, JWE_HEADER_NOT_ALLOWED. Then the private key
 * (X25519 or P-256: KEY_TYPE_NOT_ALLOWED / KEY_INVALID), the epk against it (JWE_EPK_INVALID),
 * which yields Z, the one key agreement. Then KEK = Concat KDF(Z, apu, apv), AES key unwrap of
 * the CEK and AES-256-GCM (content-key.ts). Anything that fails after the epk — wrong key,
 * tampered header, apu/apv not base64url or equal, encrypted key, IV, ciphertext or tag — is
 * JWE_DECRYPTION_FAILED, one code so there is no oracle on which part failed.
 */
export async function decryptJwe(compact: string, privateKey: KeyInput, options: DecryptJweOptions = {}): Promise<DecryptedJwe> {
  const maxBytes = options.maxBytes ?? DEFAULT_JWE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new TypeError('maxBytes must be a positive integer');
  const parsed = parseCompactJwe(compact, maxBytes);
  const { key } = privateKeyFrom(privateKey, { use: 'enc', alg: JWE_ALG });
  const { header } = parsed;
  const z = agreeWithEphemeralKey(header.epk, key);
  let kek: Buffer | undefined;
  let cek: Buffer | undefined;
  try {
    const { apu, apv } = partyInfo(header.apu as string | undefined, header.apv as string | undefined);
    kek = concatKdf(z, apu, apv);
    cek = unwrapKey(kek, parsed.encryptedKey);
    const opened = openContent(cek, parsed.iv, parsed.aad, parsed.ciphertext, parsed.tag);
    // A copy with a buffer of its own: Node may have placed `opened` in its shared pool.
    const plaintext = new Uint8Array(opened);
    opened.fill(0);
    return { plaintext, header };
  } catch (cause) {
    throw new CryptoError('JWE_DECRYPTION_FAILED', 'JWE could not be decrypted', { cause });
  } finally {
    z.fill(0);
    kek?.fill(0);
    cek?.fill(0);
  }
}
