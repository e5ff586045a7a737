import { Type, type SchemaOptions, type Static, type TObject, type TProperties, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { COUNTRY_CODES } from './countries';
import { HANDLING_CODES, INFORMATION_ASSESSMENT, SOURCE_RELIABILITY } from './codes';
import { LIMITS } from './limits';
import { DATE_PATTERN, UTC_TIMESTAMP_PATTERN } from './time';
import { UUID_V7_PATTERN } from './uuid';
import { PROTOCOL_VERSION } from './version';

/**
 * Building blocks of the schemas. TypeBox gives each one a JSON Schema 2020-12 value and a
 * static type from the same source; the few constructs TypeBox cannot emit the way the
 * contract wants (string enums, if/then discrimination) go through Type.Unsafe with an
 * explicitly stated static type.
 */

/** Name of the custom keyword ordering two timestamp (or date) members of one object. */
export const ORDER_KEYWORD = 'x-cicu-order';
export interface OrderRule {
  /** Member that must not come after `later`. */
  earlier: string;
  later: string;
  /** false: `later` must be strictly after `earlier`. */
  allowEqual: boolean;
}

export const UNIT_ID_PATTERN = '^[A-Z]{2}-[A-Z0-9-]{2,32}$';
export const SHA256_DIGEST_PATTERN = '^sha256:[0-9a-f]{64}$';
/** Ids of legal bases and agreements in the hub registry: a slug, or a UUID. */
export const REGISTRY_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';
/** Five non-empty base64url segments: protected header, encrypted key, IV, ciphertext, tag. */
export const COMPACT_JWE_PATTERN = '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){4}$';
/** A compact JWS (RFC 7515 §7.1): three base64url parts. Its form only; verifyJws checks the rest. */
export const COMPACT_JWS_PATTERN = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';
export const E164_PATTERN = '^\\+[1-9][0-9]{1,14}$';
export const IBAN_PATTERN = '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$';
export const CARD_NUMBER_PATTERN = '^[0-9]{12,19}$';

export function StringEnum<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * A pattern that also refuses U+0000 and unpaired surrogates (matched as code points, with the
 * u flag JSON Schema's regular expressions use): PostgreSQL stores neither, RFC 8785 canonical
 * JSON cannot sign a lone surrogate, and I-JSON (RFC 7493 §2.1) forbids it. `within`, when
 * given, must still match somewhere in the text, as it would alone.
 */
export function wellFormedTextPattern(within?: string): string {
  return `^${within === undefined ? '' : `(?=[\\s\\S]*?(?:${within}))`}[^\\u0000\\uD800-\\uDFFF]*$`;
}

/** Free text written by a person: at least one character, bounded, well-formed (wellFormedTextPattern). */
export function Text(maxLength: number, options: SchemaOptions = {}) {
  const { pattern, ...rest } = options;
  return Type.String({ minLength: 1, maxLength, ...rest, pattern: wellFormedTextPattern(pattern as string | undefined) });
}

/** A closed object: additionalProperties false, as everywhere in the contract. */
export function Obj<T extends TProperties>(properties: T, options: SchemaOptions = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/**
 * A union of object variants told apart by the constant `key` member (`type`, `kind`, …),
 * written as one `if`/`then` per variant rather than `oneOf`: a validator then reports the
 * errors of the one variant that applies instead of the errors of every variant.
 */
export function Discriminated<const V extends readonly TObject[]>(key: string, variants: V, options: SchemaOptions = {}): TUnsafe<Static<V[number]>> {
  const values = variants.map((variant) => {
    const member = variant.properties[key] as TSchema | undefined;
    if (typeof member?.const !== 'string') throw new TypeError(`variant without a constant "${key}"`);
    return member.const;
  });
  return Type.Unsafe<Static<V[number]>>({
    type: 'object',
    required: [key],
    properties: { [key]: { type: 'string', enum: values } },
    allOf: variants.map((variant, i) => ({ if: whenEquals(key, values[i]), then: variant })),
    ...options,
  });
}

/** `if` schema matching objects whose member at `path` (one name, or nested names) equals one of `value`. */
function whenEquals(path: string | readonly string[], value: string | readonly string[]): Record<string, unknown> {
  const [head, ...rest] = typeof path === 'string' ? [path] : path;
  if (head === undefined) throw new TypeError('empty path');
  const leaf = typeof value === 'string' ? { const: value } : { enum: [...value] };
  // Nested levels state their type: ajv's strictTypes wants it wherever the data level changes.
  return { properties: { [head]: rest.length === 0 ? leaf : { type: 'object', ...whenEquals(rest, value) } }, required: [head] };
}

/**
 * `if key (or nested key path) is value then these members are required` (or forbidden). Branch schemas restate
 * the member names under `properties` (as `true`) because ajv's strict mode checks that every
 * required name is declared in the same schema object.
 */
export function RequiredWhen(key: string | readonly string[], value: string | readonly string[], required: readonly string[]) {
  return { if: whenEquals(key, value), then: { properties: declare(required), required: [...required] } };
}

export function ForbiddenWhen(key: string | readonly string[], value: string | readonly string[], forbidden: readonly string[]) {
  return { if: whenEquals(key, value), then: { properties: Object.fromEntries(forbidden.map((name) => [name, false])) } };
}

/** Exactly one of the members must be present (standard `oneOf` of `required`). */
export function ExactlyOneOf(names: readonly string[]) {
  return { oneOf: names.map((name) => ({ properties: declare([name]), required: [name] })) };
}

/** At least one of the members must be present (standard `anyOf` of `required`). */
export function AtLeastOneOf(names: readonly string[]) {
  return { anyOf: names.map((name) => ({ properties: declare([name]), required: [name] })) };
}

function declare(names: readonly string[]): Record<string, true> {
  return Object.fromEntries(names.map((name) => [name, true]));
}

export function Order(earlier: string, later: string, allowEqual: boolean): { [ORDER_KEYWORD]: OrderRule } {
  return { [ORDER_KEYWORD]: { earlier, later, allowEqual } };
}

/** `v`: integer-typed so that validators in other languages need no float handling. */
export const Version = Type.Unsafe<typeof PROTOCOL_VERSION>({ type: 'integer', const: PROTOCOL_VERSION });
export const UnitId = Type.String({ pattern: UNIT_ID_PATTERN, maxLength: 35, description: 'Unit id: ISO country code, hyphen, unit name (e.g. FR-CYBERDOUANE).' });
export const MessageId = Type.String({ pattern: UUID_V7_PATTERN, maxLength: 36, description: 'UUIDv7, lowercase.' });
export const UtcTimestamp = Type.String({ format: 'date-time', pattern: UTC_TIMESTAMP_PATTERN, maxLength: 30, description: 'RFC 3339 timestamp in UTC (Z).' });
export const CalendarDate = Type.String({ format: 'date', pattern: DATE_PATTERN, maxLength: 10 });
export const Sha256Digest = Type.String({ pattern: SHA256_DIGEST_PATTERN, maxLength: 71, description: 'sha256: then 64 lowercase hex digits.' });
export const RegistryId = Type.String({ pattern: REGISTRY_ID_PATTERN, maxLength: 128 });
export const IpAddress = Type.Unsafe<string>({ type: 'string', maxLength: 45, anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] });
export const Port = Type.Integer({ minimum: 0, maximum: 65535 });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const PhoneNumber = Type.String({ format: 'e164', pattern: E164_PATTERN, maxLength: 16, description: 'E.164, e.g. +33612345678.' });
export const HttpUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: LIMITS.url });
export const CountryCode = StringEnum(COUNTRY_CODES, { description: 'ISO 3166-1 alpha-2.' });
export const HandlingCodeSchema = StringEnum(HANDLING_CODES);

/** An interval of time; `from` must not be after `to`. */
export const Period = Obj({ from: UtcTimestamp, to: UtcTimestamp }, Order('from', 'to', true));
export type Period = Static<typeof Period>;

/**
 * A file's name as the sender gave it: no path separator, no control character, no lone
 * surrogate (no canonical JSON, which signatures cover, can hold one: see Text).
 */
export function FileName() {
  return Type.String({ minLength: 1, maxLength: LIMITS.fileName, pattern: '^[^/\\\\\\u0000-\\u001F\\u007F\\uD800-\\uDFFF]+$' });
}

/**
 * Metadata of a file sent with a request or an answer. The bytes travel separately,
 * encrypted to the same recipient; `controlNumber` (SHA-256 of the bytes) binds them to
 * this signed message and lets a court detect any later change.
 */
export const Attachment = Obj({
  fileName: FileName(),
  mediaType: Type.String({ maxLength: LIMITS.mediaType, pattern: '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$' }),
  size: Type.Integer({ minimum: 0, maximum: LIMITS.attachmentSize }),
  controlNumber: Sha256Digest,
});
export type Attachment = Static<typeof Attachment>;

/** The 4x4 evaluation of a piece of information. */
export const Evaluation = Obj({
  source: StringEnum(SOURCE_RELIABILITY),
  information: StringEnum(INFORMATION_ASSESSMENT),
});
export type Evaluation = Static<typeof Evaluation>;
