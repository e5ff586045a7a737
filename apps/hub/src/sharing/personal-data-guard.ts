import { Injectable } from '@nestjs/common';
import { COUNTRY_CODES, DEFAULT_PHONE_COUNTRIES, type PersonalDataOverride, type PhoneCountry, scanForPersonalData } from '@cicu/protocol';
import { SharingError, type SharingFinding } from './sharing.errors';

/** One text of a submission the guard reads, and where it is. */
export interface GuardedText {
  location: string;
  text: string;
  /**
   * The text as readers see it, when it is rendered (a post's Markdown): scanned too, so that
   * a value written with a character reference or an escape (`jean&#64;example.org`) is found.
   */
  shown?: string;
}

/** What the guard let through: the findings the author overrode, each with its justification. */
export interface OverriddenFinding extends SharingFinding {
  justification: string;
}

const findingKey = (f: { location: string; kind: string; start: number; end: number }): string => `${f.location}\u0000${f.kind}\u0000${f.start}\u0000${f.end}`;

/**
 * The personal-data guard of the sharing space (scanForPersonalData, docs/adr-personal-data-guard.md)
 * applied to a whole submission: every text is scanned, the author's unit's country first
 * among the phone formats. A finding passes only when the author overrode exactly it; the
 * justifications are scanned too and cannot themselves be overridden. Pure: no I/O.
 */
@Injectable()
export class PersonalDataGuard {
  /** The overridden findings, or PERSONAL_DATA_SUSPECTED with the rest / OVERRIDE_NOT_MATCHED. */
  check(texts: readonly GuardedText[], overrides: readonly PersonalDataOverride[], authorUnit: string): OverriddenFinding[] {
    const phoneCountries = phoneCountriesFor(authorUnit);
    const scan = (location: string, text: string): SharingFinding[] => scanForPersonalData(text, { phoneCountries }).map((f) => ({ location, ...f }));
    const findings = texts.flatMap(({ location, text }) => scan(location, text));
    // What only the rendered text shows (at `<location>/shown`, its offsets into that text) is
    // refused with no override: written as it is, it would be found and could be justified.
    const hidden = texts.flatMap(({ location, text, shown }) => {
      // Rendered as typed (no reference, escape or markup): the scan above saw it all.
      if (shown === undefined || shown === text) return [];
      const typed = findings.filter((f) => f.location === location).map((f) => text.slice(f.start, f.end));
      return scan(`${location}/shown`, shown).filter((f) => {
        const value = shown.slice(f.start, f.end);
        return !typed.some((t) => value.includes(t) || t.includes(value));
      });
    });
    const byKey = new Map(findings.map((f) => [findingKey(f), f]));

    const unmatched = overrides.findIndex((o) => !byKey.has(findingKey(o)));
    if (unmatched >= 0) {
      throw new SharingError('OVERRIDE_NOT_MATCHED', `override ${unmatched} names no finding of the guard`, {
        issues: [{ path: `/overrides/${unmatched}`, code: 'mismatch', message: 'names no finding (location, kind, start, end) of this content' }],
      });
    }
    const overridden = new Map(overrides.map((o) => [findingKey(o), o.justification]));
    const remaining = [...findings.filter((f) => !overridden.has(findingKey(f))), ...hidden, ...overrides.flatMap((o, i) => scan(`overrides/${i}`, o.justification))];
    if (remaining.length > 0) {
      throw new SharingError('PERSONAL_DATA_SUSPECTED', `the personal-data guard found ${remaining.length} suspected item(s) of personal data`, { findings: remaining });
    }
    return [...overridden.entries()].map(([key, justification]) => ({ ...byKey.get(key)!, justification }));
  }
}

/** The author unit's country (the first two letters of its id) first, then the defaults. */
function phoneCountriesFor(unitId: string): PhoneCountry[] {
  const country = unitId.slice(0, 2);
  if (!(COUNTRY_CODES as readonly string[]).includes(country)) return [...DEFAULT_PHONE_COUNTRIES];
  return [country as PhoneCountry, ...DEFAULT_PHONE_COUNTRIES.filter((c) => c !== country)];
}
