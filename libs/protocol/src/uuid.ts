/**
 * Message ids are UUIDv7 (RFC 9562) in lowercase canonical text form. Lowercase only:
 * replay detection compares ids as strings, so two spellings of one id must not exist.
 */
export const UUID_V7_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

const UUID_V7 = new RegExp(UUID_V7_PATTERN);

/** Any UUID in lowercase canonical text: how every id of ours is written, and the only spelling taken. */
export const LOWERCASE_UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const LOWERCASE_UUID = new RegExp(LOWERCASE_UUID_PATTERN);

/** True for a UUID in lowercase canonical text (a path id checked before it reaches a query or a hub URL). */
export function isLowercaseUuid(value: unknown): value is string {
  return typeof value === 'string' && LOWERCASE_UUID.test(value);
}

/** True for a lowercase UUID whose version nibble is 7 and whose variant bits are 10. */
export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value);
}
