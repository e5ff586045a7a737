/**
 * Strict decoders shared by keys/, jws/ and jwe/ (internal: not re-exported from any index).
 *
 * Every compact-serialization segment and JWK coordinate is attacker-controlled. The decoders
 * here accept exactly one spelling per byte string (no padding, no foreign characters, no
 * non-zero trailing bits) and exactly one meaning per JSON member (no duplicate names), so
 * two different strings can never carry "the same" signed or encrypted value.
 */

/**
 * Decodes unpadded base64url (RFC 7515 §2) or returns undefined. Refused: padding `=`,
 * the `+`/`/` alphabet, whitespace, a length of 1 mod 4, and non-zero unused bits in the
 * last character (which Buffer would silently drop, making the encoding malleable).
 *
 * Buffer's decoder is lenient (it skips what it does not know and takes both alphabets), but
 * its encoder writes the one canonical spelling; a string is accepted exactly when it is that
 * spelling of the bytes it decodes to, which refuses all of the above in one native pass (a
 * character-class regex over a 5 KiB segment costs twice the decoding).
 */
export function decodeBase64url(input: string): Uint8Array | undefined {
  const bytes = Buffer.from(input, 'base64url');
  if (bytes.toString('base64url') !== input) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

// fatal: invalid UTF-8 is an error, not U+FFFD. ignoreBOM: a leading BOM stays in the text
// (and then fails JSON parsing) instead of being stripped silently.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // Realm-independent: a plain object's prototype is null or an Object.prototype (whose own
  // prototype is null). JSON from Jest's module loader or a vm comes from another realm.
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const MAX_JSON_DEPTH = 32;

/**
 * Parses UTF-8 JSON that must be an object, refusing duplicate member names at any depth
 * (JSON.parse keeps the last one, another parser may keep the first: RFC 7515 §5.2 says to
 * reject or use a parser that returns only the lexically last; we reject). Returns undefined
 * for anything else, including invalid UTF-8 and nesting deeper than 32 levels.
 */
export function parseJsonObject(bytes: Uint8Array): JsonObject | undefined {
  const text = decodeUtf8(bytes);
  if (text === undefined) return undefined;
  return parseJsonObjectText(text);
}

export function parseJsonObjectText(text: string): JsonObject | undefined {
  try {
    const scanner = new StrictJsonScanner(text);
    scanner.document();
  } catch {
    return undefined;
  }
  const value: unknown = JSON.parse(text);
  return isPlainObject(value) ? value : undefined;
}

class SyntaxRefusal extends Error {}

/** Validates JSON syntax (RFC 8259) and member-name uniqueness; builds no values. */
class StrictJsonScanner {
  private position = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.whitespace();
    this.value(0);
    this.whitespace();
    if (this.position !== this.text.length) this.fail();
  }

  private fail(): never {
    throw new SyntaxRefusal();
  }

  private whitespace(): void {
    while (this.position < this.text.length) {
      const c = this.text.charCodeAt(this.position);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.position += 1;
    }
  }

  private sticky(pattern: RegExp): string {
    pattern.lastIndex = this.position;
    const match = pattern.exec(this.text);
    if (match === null) this.fail();
    this.position += match[0].length;
    return match[0];
  }

  private value(depth: number): void {
    if (depth > MAX_JSON_DEPTH) this.fail();
    const c = this.text[this.position];
    if (c === '{') this.object(depth);
    else if (c === '[') this.array(depth);
    else if (c === '"') this.string();
    else if (c === 't' || c === 'f' || c === 'n') this.sticky(LITERAL);
    else this.sticky(NUMBER);
  }

  private string(): string {
    return this.sticky(STRING);
  }

  private object(depth: number): void {
    this.position += 1; // '{'
    const names = new Set<string>();
    this.whitespace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return;
    }
    for (;;) {
      this.whitespace();
      // Compare decoded names: "alg" and "\u0061lg" are the same member. Without a backslash
      // the name is its text between the quotes (the common case; no second JSON parse).
      const raw = this.string();
      const name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (names.has(name)) this.fail();
      names.add(name);
      this.whitespace();
      if (this.text[this.position] !== ':') this.fail();
      this.position += 1;
      this.whitespace();
      this.value(depth + 1);
      this.whitespace();
      const next = this.text[this.position];
      this.position += 1;
      if (next === '}') return;
      if (next !== ',') this.fail();
    }
  }

  private array(depth: number): void {
    this.position += 1; // '['
    this.whitespace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return;
    }
    for (;;) {
      this.whitespace();
      this.value(depth + 1);
      this.whitespace();
      const next = this.text[this.position];
      this.position += 1;
      if (next === ']') return;
      if (next !== ',') this.fail();
    }
  }
}

// eslint-disable-next-line no-control-regex -- RFC 8259 §7: raw U+0000-U+001F are not allowed in strings; excluding them is the point.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;

/** Big-endian unsigned integer from bytes. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`);
}
