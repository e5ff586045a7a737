/**
 * Message ids are UUIDv7 (RFC 9562) in lowercase canonical text form. Lowercase only:
 * replay detection compares ids as strings, so two spellings of one id must not exist.
 */
export const UUID_V7_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

const UUID_V7 = new RegExp(UUID_V7_PATTERN);

/** True for a lowercase UUID whose version nibble is 7 and whose variant bits are 10. */
export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value);
}
