/**
 * The time as the app sees it. Injected (CLOCK) wherever a rule depends on "now" (key
 * validity, rotation windows, revocation, expiry warnings, directory staleness), so tests
 * move time instead of sleeping; production uses SYSTEM_CLOCK.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
