import { DEFAULT_DUE_TIMES } from '@cicu/protocol';
import { durationToMs, dueTimesToMs } from './due-times';

describe('due times', () => {
  it('reads ISO 8601 durations of days, hours, minutes and seconds', () => {
    expect(durationToMs('P30D')).toBe(30 * 86_400_000);
    expect(durationToMs('PT72H')).toBe(72 * 3_600_000);
    expect(durationToMs('P1DT2H3M4S')).toBe(((24 + 2) * 3600 + 3 * 60 + 4) * 1000);
  });

  it('refuses calendar units and malformed durations', () => {
    for (const bad of ['P1M', 'P1Y', 'P1W', 'P', 'PT', 'P1DT', '30D', 'PT1.5H', 'P-1D']) expect(durationToMs(bad)).toBeUndefined();
  });

  it("gives the FR-DE agreement's due times as the protocol's defaults", () => {
    expect(dueTimesToMs({ routine: 'P30D', urgent: 'PT72H', immediate: 'PT24H' })).toEqual(DEFAULT_DUE_TIMES);
  });

  it('refuses a zero due time', () => {
    expect(() => dueTimesToMs({ routine: 'P30D', urgent: 'PT0H', immediate: 'PT24H' })).toThrow(RangeError);
  });
});
