/**
 * The gate in front of canonicalize (internal: not re-exported from index.ts).
 *
 * JSON.stringify, and canonicalize after it, quietly turn values JSON cannot carry into
 * something else: undefined and functions vanish from objects and become null in arrays,
 * a Map or a Set becomes {}, a Date becomes whatever its toJSON returns. A signature or a
 * Merkle leaf over such output commits to something other than what the caller holds. So
 * the value is first copied into plain JSON data, refusing anything that would not survive
 * JSON.parse(canonicalJson(value)) unchanged; canonicalize then only ever sees that copy,
 * which also rules out getters or proxies answering differently on a second read.
 */
import { CryptoError } from '../errors';

export type JsonPrimitive = null | boolean | number | string;
export type JsonArray = JsonValue[];
export type JsonObject = { [key: string]: JsonValue };
/** A value canonicalJson accepts: what JSON.parse can return (numbers finite, strings well-formed). */
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

// With the u flag a well-formed surrogate pair is one code point, so \p{Cs} only matches an
// unpaired (lone) surrogate, which has no UTF-8 encoding.
const LONE_SURROGATE = /\p{Cs}/u;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function refuse(what: string, path: string): never {
  throw new CryptoError('JCS_UNSUPPORTED_VALUE', `canonical JSON: ${what} at ${path}`);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return tag === 'Object' ? 'an object with a prototype (class instance)' : `a ${tag}`;
}

// Plain: made by a literal, JSON.parse or Object.create(null). Checked without `instanceof`
// so that objects from another realm (a vm context, Jest's sandbox) still qualify.
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

interface Frame {
  readonly source: object;
  readonly target: JsonArray | JsonObject;
  readonly keys: readonly string[] | undefined; // undefined for an array
  readonly length: number;
  next: number;
  readonly path: string;
}

/**
 * Copies `value` into fresh plain JSON data, or throws CryptoError JCS_UNSUPPORTED_VALUE.
 *
 * Refused, wherever they occur: undefined (except as an object property value, which is
 * omitted as JSON.stringify omits it and as TypeScript's optional properties expect), array
 * holes, NaN and ±Infinity, bigint, symbols, functions, strings or property names with a lone
 * surrogate, symbol-keyed properties, cycles, and every object that is neither an array nor
 * a plain object (Date, Map, Set, RegExp, Buffer and typed arrays, boxed primitives, class
 * instances; toJSON is never called). -0 is accepted and serialised as 0 (RFC 8785 §3.2.2.3).
 * Shared references are fine. Iterative, so deep nesting cannot overflow the stack.
 */
export function toJsonSnapshot(value: unknown): JsonValue {
  const ancestors = new Set<object>(); // containers being copied: meeting one again is a cycle
  const copied = new Map<object, JsonArray | JsonObject>(); // finished containers, reused
  const stack: Frame[] = [];

  // Returns the copy of a primitive, or of a finished container, or opens a frame for a new
  // container and returns its (still empty) target.
  const convert = (item: unknown, path: string): JsonValue => {
    switch (typeof item) {
      case 'boolean':
        return item;
      case 'number':
        if (!Number.isFinite(item)) refuse(`a non-finite number (${String(item)})`, path);
        return item;
      case 'string':
        if (LONE_SURROGATE.test(item)) refuse('a string with a lone surrogate', path);
        return item;
      case 'object': {
        if (item === null) return null;
        if (ancestors.has(item)) refuse('a cycle', path);
        const done = copied.get(item);
        if (done !== undefined) return done;
        if (Object.getOwnPropertySymbols(item).length > 0) refuse('a symbol-keyed property', path);
        if (Array.isArray(item)) {
          const target: JsonArray = [];
          stack.push({ source: item, target, keys: undefined, length: item.length, next: 0, path });
          ancestors.add(item);
          return target;
        }
        if (!isPlainObject(item)) refuse(kindOf(item), path);
        const keys = Object.keys(item);
        for (const key of keys) if (LONE_SURROGATE.test(key)) refuse('a property name with a lone surrogate', path);
        // Null prototype: a "__proto__" key becomes an ordinary property, not a prototype.
        const target = Object.create(null) as JsonObject;
        stack.push({ source: item, target, keys, length: keys.length, next: 0, path });
        ancestors.add(item);
        return target;
      }
      default:
        return refuse(kindOf(item), path);
    }
  };

  const root = convert(value, '$');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next === frame.length) {
      stack.pop();
      ancestors.delete(frame.source);
      copied.set(frame.source, frame.target);
      continue;
    }
    const i = frame.next++;
    if (frame.keys === undefined) {
      const path = `${frame.path}[${i}]`;
      const item: unknown = (frame.source as unknown[])[i];
      if (item === undefined) refuse('undefined or a hole in an array', path);
      (frame.target as JsonArray).push(convert(item, path));
    } else {
      const key = frame.keys[i] as string;
      const path = IDENTIFIER.test(key) ? `${frame.path}.${key}` : `${frame.path}[${JSON.stringify(key)}]`;
      const item: unknown = (frame.source as Record<string, unknown>)[key];
      if (item === undefined) continue;
      (frame.target as JsonObject)[key] = convert(item, path);
    }
  }
  return root;
}
