/**
 * RFC 9162 §2.1.1 hashing with SHA-256. The distinct one-byte prefixes for leaves (0x00) and
 * interior nodes (0x01) are what stop a second-preimage attack that passes an interior node
 * off as a leaf.
 */
import { createHash } from 'node:crypto';
import { asPlainBytes, isHash, isUint8Array } from './bytes';

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** SHA-256(0x00 || data): the hash of one log entry. */
export function merkleLeafHash(data: Uint8Array): Uint8Array {
  if (!isUint8Array(data)) throw new TypeError('merkleLeafHash: data must be a Uint8Array');
  return asPlainBytes(createHash('sha256').update(LEAF_PREFIX).update(data).digest());
}

/**
 * SHA-256(0x01 || left || right): the hash of an interior node. Both children must be 32-byte
 * hashes; anything else is a programming error and throws a TypeError.
 */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (!isHash(left) || !isHash(right)) {
    throw new TypeError('merkleNodeHash: left and right must be 32-byte Uint8Arrays');
  }
  return asPlainBytes(createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest());
}

/** SHA-256 of the empty string: the root of the empty tree (RFC 9162 §2.1.1). */
export function emptyTreeRoot(): Uint8Array {
  return asPlainBytes(createHash('sha256').digest());
}
