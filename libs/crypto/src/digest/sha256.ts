import { createHash } from 'node:crypto';
import { types } from 'node:util';

/** SHA-256 of `bytes` (FIPS 180-4), as a plain 32-byte Uint8Array. Throws a TypeError for non-bytes. */
export function sha256(bytes: Uint8Array): Uint8Array {
  if (!types.isUint8Array(bytes)) throw new TypeError('sha256: bytes must be a Uint8Array');
  const digest = createHash('sha256').update(bytes).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}
