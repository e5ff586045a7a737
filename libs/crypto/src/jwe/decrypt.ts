import { compactDecrypt } from 'jose';
import { CryptoError } from '../errors';
import { privateKeyFrom } from '../keys/key-input';
import { JWE_ALG, JWE_ENC, type KeyInput } from '../keys/types';
import { checkEphemeralPublicKey } from './epk';
import { parseCompactJwe } from './parse-compact';
import { DEFAULT_JWE_MAX_BYTES, type DecryptedJwe, type DecryptJweOptions } from './types';

/**
 * Decrypts a compact JWE made by encryptJwe (or any ECDH-ES+A256KW / A256GCM JWE).
 *
 * Key-free refusals first (parseCompactJwe): JWE_TOO_LARGE, JWE_MALFORMED, JWE_ALG_NOT_ALLOWED,
 * JWE_ENC_NOT_ALLOWED, JWE_ZIP_NOT_ALLOWED, JWE_HEADER_NOT_ALLOWED. Then the private key
 * (X25519 or P-256: KEY_TYPE_NOT_ALLOWED / KEY_INVALID), the epk against it (JWE_EPK_INVALID),
 * and jose's compactDecrypt, itself pinned to the same alg/enc with compression disabled.
 * Anything jose refuses after that — wrong key, tampered header, encrypted key, IV, ciphertext
 * or tag — is JWE_DECRYPTION_FAILED, one code so there is no oracle on which part failed.
 */
export async function decryptJwe(compact: string, privateKey: KeyInput, options: DecryptJweOptions = {}): Promise<DecryptedJwe> {
  const maxBytes = options.maxBytes ?? DEFAULT_JWE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new TypeError('maxBytes must be a positive integer');
  const { header } = parseCompactJwe(compact, maxBytes);
  const { key } = privateKeyFrom(privateKey, { use: 'enc', alg: JWE_ALG });
  checkEphemeralPublicKey(header.epk, key);
  try {
    const { plaintext } = await compactDecrypt(compact, key, {
      keyManagementAlgorithms: [JWE_ALG],
      contentEncryptionAlgorithms: [JWE_ENC],
      maxDecompressedLength: 0,
    });
    return { plaintext, header };
  } catch (cause) {
    throw new CryptoError('JWE_DECRYPTION_FAILED', 'JWE could not be decrypted', { cause });
  }
}
