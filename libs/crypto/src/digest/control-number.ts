/**
 * Control numbers: the content digest carried for every attachment inside a signed message,
 * so that any later change to the item is detectable ("sha256:" + 64 lowercase hex digits).
 * One spelling per digest: upper-case hex, whitespace or other algorithms are not control
 * numbers, so two different strings never name the same content.
 */
import { timingSafeEqual } from 'node:crypto';
import { types } from 'node:util';
import { sha256 } from './sha256';

/** The pattern of a control number, for JSON Schemas (string form) and checks. */
export const CONTROL_NUMBER_PATTERN = '^sha256:[0-9a-f]{64}$';
const CONTROL_NUMBER = new RegExp(CONTROL_NUMBER_PATTERN);
const PREFIX = 'sha256:';

/** The control number of `bytes`: "sha256:" + lowercase hex SHA-256. Throws a TypeError for non-bytes. */
export function controlNumber(bytes: Uint8Array): string {
  return PREFIX + Buffer.from(sha256(bytes)).toString('hex');
}

/** True iff `value` is a string spelled exactly as a control number. */
export function isControlNumber(value: unknown): value is string {
  return typeof value === 'string' && CONTROL_NUMBER.test(value);
}

/** The 32-byte digest named by a control number, or undefined if `value` is not one. */
export function parseControlNumber(value: unknown): Uint8Array | undefined {
  if (!isControlNumber(value)) return undefined;
  // Copied out: a small Buffer.from lives in Node's shared pool, whose other bytes a view
  // would expose through .buffer.
  return Uint8Array.from(Buffer.from(value.slice(PREFIX.length), 'hex'));
}

/**
 * True iff `expected` is a well-formed control number and names the SHA-256 of `bytes`.
 * False, never an exception, for anything malformed (non-bytes, a malformed control number).
 * The digests are compared in constant time.
 */
export function verifyControlNumber(bytes: Uint8Array, expected: string): boolean {
  const expectedDigest = parseControlNumber(expected);
  if (expectedDigest === undefined || !types.isUint8Array(bytes)) return false;
  return timingSafeEqual(sha256(bytes), expectedDigest);
}
