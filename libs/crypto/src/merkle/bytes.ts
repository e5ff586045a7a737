/**
 * Byte-level guards shared by the Merkle functions (internal: not re-exported from index.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { types } from 'node:util';

/** Size in bytes of every hash in the tree (SHA-256). */
export const MERKLE_HASH_SIZE = 32;

// util.types.isUint8Array rather than `instanceof`: it also recognises Buffers and arrays made
// in another realm (Jest's vm context, worker messages), and a plain object cannot fake it.
export function isUint8Array(value: unknown): value is Uint8Array {
  return types.isUint8Array(value);
}

/** True for a Uint8Array of exactly MERKLE_HASH_SIZE bytes. */
export function isHash(value: unknown): value is Uint8Array {
  return types.isUint8Array(value) && value.byteLength === MERKLE_HASH_SIZE;
}

/** Constant-time equality of two values already known to be 32-byte hashes. */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return timingSafeEqual(a, b);
}

/** A plain Uint8Array view over a Buffer (node:crypto returns exact-size, unpooled digests). */
export function asPlainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
