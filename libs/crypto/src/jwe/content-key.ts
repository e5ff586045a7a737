import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { decodeBase64url } from '../keys/encoding';
import { JWE_ALG } from '../keys/types';

/**
 * Internal: ECDH-ES+A256KW with A256GCM after the key agreement, on node:crypto, synchronously.
 * jose did this through WebCrypto before; crosscheck.spec.ts holds the two to each other.
 *
 * - KEK = Concat KDF (NIST SP 800-56A §5.8.1, RFC 7518 §4.6.2) of Z with SHA-256: one round,
 *   since the 256-bit key is one digest: SHA-256(00000001 || Z || OtherInfo), OtherInfo =
 *   AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo, each datum prefixed with its 32-bit
 *   big-endian length, AlgorithmID the "alg" value, SuppPubInfo the key length in bits (256).
 * - The CEK is wrapped with AES-256 Key Wrap (RFC 3394, default IV A6A6A6A6A6A6A6A6).
 * - The content is AES-256-GCM, 96-bit IV, 128-bit tag, AAD = ASCII(BASE64URL(protected header)).
 */
const KEY_BITS = 256;
const AES_KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const TAG_BYTES = 16;
const ALGORITHM_ID = lengthPrefixed(Buffer.from(JWE_ALG, 'ascii'));
const SUPP_PUB_INFO = uint32(KEY_BITS);
const ROUND_ONE = uint32(1);
const NO_PARTY_INFO = new Uint8Array(0);

export function concatKdf(z: Uint8Array, apu: Uint8Array = NO_PARTY_INFO, apv: Uint8Array = NO_PARTY_INFO): Buffer {
  return createHash('sha256').update(ROUND_ONE).update(z).update(ALGORITHM_ID).update(lengthPrefixed(apu)).update(lengthPrefixed(apv)).update(SUPP_PUB_INFO).digest();
}

/**
 * The Concat KDF's PartyUInfo / PartyVInfo from a header's apu / apv (strings, parse-compact.ts),
 * or throws. As jose (the former implementation) does: strict base64url, and the two must not be
 * the same bytes when both are present (jose's rule, so the fast path refuses what jose did).
 */
export function partyInfo(apu: string | undefined, apv: string | undefined): { apu: Uint8Array; apv: Uint8Array } {
  const u = apu === undefined ? undefined : decodeBase64url(apu);
  const v = apv === undefined ? undefined : decodeBase64url(apv);
  if ((apu !== undefined && u === undefined) || (apv !== undefined && v === undefined)) throw new Error('"apu" / "apv" is not base64url');
  if (u !== undefined && v !== undefined && Buffer.from(u).equals(Buffer.from(v))) throw new Error('"apu" and "apv" are the same');
  return { apu: u ?? NO_PARTY_INFO, apv: v ?? NO_PARTY_INFO };
}

export function wrapKey(kek: Uint8Array, cek: Uint8Array): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', kek, AES_KW_IV);
  return Buffer.concat([cipher.update(cek), cipher.final()]);
}

/** Throws when the RFC 3394 integrity check fails (wrong KEK or altered encrypted key). */
export function unwrapKey(kek: Uint8Array, encryptedKey: Uint8Array): Buffer {
  const decipher = createDecipheriv('id-aes256-wrap', kek, AES_KW_IV);
  return Buffer.concat([decipher.update(encryptedKey), decipher.final()]);
}

export function sealContent(cek: Uint8Array, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', cek, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/** Throws when the tag does not authenticate the AAD, IV and ciphertext under this CEK. */
export function openContent(cek: Uint8Array, iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', cek, iv, { authTagLength: TAG_BYTES }).setAAD(aad).setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function lengthPrefixed(data: Uint8Array): Buffer {
  return Buffer.concat([uint32(data.length), data]);
}
