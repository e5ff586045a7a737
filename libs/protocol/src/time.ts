import { type Priority } from './codes';
import { ProtocolError } from './errors';

/**
 * Timestamps on the wire are RFC 3339 in UTC with an upper-case `Z` and 0 to 9 fraction
 * digits: `2025-03-04T10:15:30Z`, `2025-03-04T10:15:30.123Z`. Offsets other than Z are
 * refused so that the same instant has one spelling and string order is time order.
 */
export const UTC_TIMESTAMP_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$';
/** A calendar date, RFC 3339 full-date. */
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const UTC_TIMESTAMP = new RegExp(UTC_TIMESTAMP_PATTERN);
const DATE = new RegExp(DATE_PATTERN);

/** True for a well-formed RFC 3339 UTC timestamp naming a real instant (no 2025-02-30). */
export function isUtcTimestamp(value: unknown): value is string {
  return typeof value === 'string' && UTC_TIMESTAMP.test(value) && toEpochMs(value) !== undefined;
}

/**
 * Milliseconds since the epoch, or undefined when the string is not a valid UTC timestamp.
 * Fraction digits beyond milliseconds are truncated (they only matter for ordering, which
 * compareTimes handles exactly).
 */
export function toEpochMs(value: string): number | undefined {
  if (!UTC_TIMESTAMP.test(value)) return undefined;
  const [year, month, day, hour, minute, second] = [0, 5, 8, 11, 14, 17].map((at, i) => Number(value.slice(at, at + (i === 0 ? 4 : 2))));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  // Date.UTC rolls over out-of-range fields (Feb 30 -> Mar 2); a round trip catches that.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = /\.([0-9]+)Z$/.exec(value)?.[1] ?? '';
  return ms + Number(fraction.padEnd(3, '0').slice(0, 3));
}

/**
 * Orders two UTC timestamps, or two dates, exactly (all fraction digits count). Returns
 * undefined when the two are not both timestamps or both dates: the format checks of the
 * schema report those, the ordering has nothing to say.
 */
export function compareTimes(a: string, b: string): -1 | 0 | 1 | undefined {
  if (UTC_TIMESTAMP.test(a) && UTC_TIMESTAMP.test(b)) {
    const key = (s: string): string => s.slice(0, 19) + (/\.([0-9]+)Z$/.exec(s)?.[1] ?? '').padEnd(9, '0');
    return order(key(a), key(b));
  }
  if (DATE.test(a) && DATE.test(b)) return order(a, b);
  return undefined;
}

// Both operands have the same fixed-width digit layout, so code-unit order is time order.
function order(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How long after creation a request is due, per priority, unless the officer sets a date. */
export type DueTimes = Readonly<Record<Priority, number>>;

const HOUR = 3_600_000;
/** Defaults: routine 30 days, urgent 72 hours, immediate 24 hours. Agreements may set others. */
export const DEFAULT_DUE_TIMES: DueTimes = { routine: 30 * 24 * HOUR, urgent: 72 * HOUR, immediate: 24 * HOUR };

/** The default `dueAt` of a request created at `createdAt` with `priority`, in wire form. */
export function defaultDueAt(createdAt: string, priority: Priority, dueTimes: DueTimes = DEFAULT_DUE_TIMES): string {
  const created = toEpochMs(createdAt);
  if (created === undefined) throw new ProtocolError('INVALID_TIMESTAMP', 'createdAt must be an RFC 3339 UTC timestamp');
  const delay = dueTimes[priority];
  if (!Number.isSafeInteger(delay) || delay <= 0) throw new ProtocolError('INVALID_ARGUMENT', `due time for priority ${priority} must be a positive integer of milliseconds`);
  return new Date(created + delay).toISOString();
}

/** Default tolerance between a message's `createdAt` and the receiver's clock. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * True when `createdAt` is a valid UTC timestamp no further than `maxSkewMs` from `nowMs`
 * in either direction. Receivers refuse other messages with reason CLOCK_SKEW.
 */
export function isWithinClockSkew(createdAt: string, nowMs: number, maxSkewMs: number = DEFAULT_MAX_CLOCK_SKEW_MS): boolean {
  const created = toEpochMs(createdAt);
  return created !== undefined && Math.abs(created - nowMs) <= maxSkewMs;
}
