import { PRIORITIES, type DueTimes } from '@cicu/protocol';
import { type DueTimeDurations } from './agreement.entity';

/**
 * ISO 8601 durations restricted to exact units (days, hours, minutes, seconds): months and
 * years have no fixed length, so "P1M" would make a due date depend on the calendar.
 */
export const DURATION_PATTERN = '^P(?=\\d|T\\d)(?:(\\d{1,4})D)?(?:T(?=\\d)(?:(\\d{1,5})H)?(?:(\\d{1,6})M)?(?:(\\d{1,7})S)?)?$';
const DURATION = new RegExp(DURATION_PATTERN);

/** Milliseconds of a duration written as DURATION_PATTERN allows, or undefined. */
export function durationToMs(duration: string): number | undefined {
  const match = DURATION.exec(duration);
  if (match === null) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/** An agreement's due times in the protocol's form (milliseconds per priority). */
export function dueTimesToMs(durations: DueTimeDurations): DueTimes {
  const entries = PRIORITIES.map((priority) => {
    const ms = durationToMs(durations[priority]);
    if (ms === undefined || ms <= 0) throw new RangeError(`due time for ${priority} is not a positive duration`);
    return [priority, ms] as const;
  });
  return Object.fromEntries(entries) as Record<(typeof PRIORITIES)[number], number>;
}
