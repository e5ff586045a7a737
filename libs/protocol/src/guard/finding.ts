/** What the personal-data guard reports. A finding never carries the value it found. */

export const PERSONAL_DATA_KINDS = ['EMAIL', 'PHONE', 'IBAN', 'PAYMENT_CARD', 'IPV4', 'IPV6', 'NAME_WITH_BIRTH_DATE'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface Finding {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the scanned text: `text.slice(start, end)` is the suspected value. */
  start: number;
  end: number;
  /** Shape of the value with its identifying part starred out (shown to the author and coordinators). */
  excerpt: string;
}

/**
 * What a detector returns: a finding, or a span it recognised as a documentation or test value.
 * Ignored spans still take part in overlap resolution so that, say, a published test card
 * number is not reported again as a phone number.
 */
export interface Candidate extends Finding {
  ignored: boolean;
}

/** Stars in groups of four, then the `visible` last characters: `**** **** **89`. */
export function starredGroups(length: number, tail: string): string {
  const chars = '*'.repeat(Math.max(0, length - tail.length)) + tail;
  return chars.replace(/(.{4})(?=.)/g, '$1 ');
}
