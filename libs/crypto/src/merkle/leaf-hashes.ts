/** Argument checks shared by the tree builders and proof generators (internal). */
import { isHash } from './bytes';

/** Throws a TypeError unless `leafHashes` is an array. */
export function assertArray(leafHashes: unknown, caller: string): asserts leafHashes is unknown[] {
  if (!Array.isArray(leafHashes)) throw new TypeError(`${caller}: leafHashes must be an array`);
}

/**
 * Throws a TypeError unless leafHashes[start..end) (by default: all) are 32-byte Uint8Arrays.
 * The builders work on the hub's own log, so a bad element is a programming error, not
 * hostile input.
 */
export function assertLeafHashes(
  leafHashes: unknown,
  caller: string,
  start = 0,
  end?: number,
): asserts leafHashes is Uint8Array[] {
  assertArray(leafHashes, caller);
  const stop = end ?? leafHashes.length;
  for (let i = start; i < stop; i++) {
    if (!isHash(leafHashes[i])) {
      throw new TypeError(`${caller}: leafHashes[${i}] is not a 32-byte Uint8Array`);
    }
  }
}

/** Throws a RangeError unless `value` is a safe integer in [min, max]. */
export function assertIntegerInRange(value: unknown, min: number, max: number, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}
