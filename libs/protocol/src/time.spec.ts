import { isProtocolError } from './errors';
import { compareTimes, defaultDueAt, DEFAULT_DUE_TIMES, isUtcTimestamp, isWithinClockSkew, toEpochMs } from './time';

describe('UTC timestamps', () => {
  it.each(['2025-01-15T09:30:00Z', '2025-01-15T09:30:00.1Z', '2025-01-15T09:30:00.123456789Z', '2024-02-29T23:59:59Z'])('accepts %s', (s) =>
    expect(isUtcTimestamp(s)).toBe(true),
  );

  it.each([
    ['an offset', '2025-01-15T10:30:00+01:00'],
    ['a lower-case z', '2025-01-15T09:30:00z'],
    ['a space separator', '2025-01-15 09:30:00Z'],
    ['a day that does not exist', '2025-02-29T00:00:00Z'],
    ['hour 24', '2025-01-15T24:00:00Z'],
    ['ten fraction digits', '2025-01-15T09:30:00.1234567890Z'],
    ['no seconds', '2025-01-15T09:30Z'],
  ])('refuses %s', (_label, s) => expect(isUtcTimestamp(s)).toBe(false));

  it('converts to epoch milliseconds', () => {
    expect(toEpochMs('1970-01-01T00:00:01.5Z')).toBe(1500);
    expect(toEpochMs('2025-01-15T09:30:00Z')).toBe(Date.parse('2025-01-15T09:30:00Z'));
  });

  it('orders timestamps by instant, fraction digits included', () => {
    expect(compareTimes('2025-01-15T09:30:00Z', '2025-01-15T09:30:00.000Z')).toBe(0);
    expect(compareTimes('2025-01-15T09:30:00.0000001Z', '2025-01-15T09:30:00Z')).toBe(1);
    expect(compareTimes('2025-01-15T09:30:00.9Z', '2025-01-15T09:30:01Z')).toBe(-1);
    expect(compareTimes('2024-12-31', '2025-01-01')).toBe(-1);
  });

  it('does not order a date against a timestamp, nor malformed strings', () => {
    expect(compareTimes('2025-01-01', '2025-01-01T00:00:00Z')).toBeUndefined();
    expect(compareTimes('yesterday', 'today')).toBeUndefined();
  });
});

describe('defaultDueAt', () => {
  it('adds the due time of the priority', () => {
    expect(defaultDueAt('2025-01-15T09:30:00Z', 'urgent')).toBe('2025-01-18T09:30:00.000Z');
    expect(defaultDueAt('2025-01-15T09:30:00Z', 'immediate')).toBe('2025-01-16T09:30:00.000Z');
    expect(defaultDueAt('2025-01-15T09:30:00Z', 'routine')).toBe('2025-02-14T09:30:00.000Z');
    expect(defaultDueAt('2025-01-15T09:30:00Z', 'routine', { ...DEFAULT_DUE_TIMES, routine: 60_000 })).toBe('2025-01-15T09:31:00.000Z');
  });

  it('throws a coded error for a malformed creation time or due time', () => {
    expect(() => defaultDueAt('2025-01-15T10:30:00+01:00', 'urgent')).toThrow(expect.objectContaining({ code: 'INVALID_TIMESTAMP' }));
    let caught: unknown;
    try {
      defaultDueAt('2025-01-15T09:30:00Z', 'urgent', { ...DEFAULT_DUE_TIMES, urgent: -1 });
    } catch (error) {
      caught = error;
    }
    expect(isProtocolError(caught) && caught.code).toBe('INVALID_ARGUMENT');
  });
});

describe('isWithinClockSkew', () => {
  const now = Date.parse('2025-01-15T09:30:00Z');

  it('accepts a creation time within the skew on either side', () => {
    expect(isWithinClockSkew('2025-01-15T09:26:00Z', now)).toBe(true);
    expect(isWithinClockSkew('2025-01-15T09:35:00Z', now)).toBe(true);
  });

  it('refuses one outside the skew, or malformed', () => {
    expect(isWithinClockSkew('2025-01-15T09:35:00.001Z', now)).toBe(false);
    expect(isWithinClockSkew('2025-01-15T09:29:00Z', now, 30_000)).toBe(false);
    expect(isWithinClockSkew('not a time', now)).toBe(false);
  });
});
