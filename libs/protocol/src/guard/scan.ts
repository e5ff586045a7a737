import { detectNamesWithBirthDates } from './birth-date';
import { detectEmails } from './email';
import type { Candidate, Finding, PersonalDataKind } from './finding';
import { detectIbans } from './iban';
import { detectIpv4, detectIpv6 } from './ip-address';
import { detectPaymentCards } from './payment-card';
import { DEFAULT_PHONE_COUNTRIES, detectPhones, type PhoneCountry } from './phone';

export interface ScanOptions {
  /** Countries whose national phone formats are recognised (default: DEFAULT_PHONE_COUNTRIES). */
  phoneCountries?: readonly PhoneCountry[];
  /** Only these kinds are looked for (default: all). */
  kinds?: readonly PersonalDataKind[];
}

const DETECTORS: Readonly<Record<PersonalDataKind, (text: string, options: ScanOptions) => Candidate[]>> = {
  EMAIL: detectEmails,
  PHONE: (text, options) => detectPhones(text, options.phoneCountries ?? DEFAULT_PHONE_COUNTRIES),
  IBAN: detectIbans,
  PAYMENT_CARD: detectPaymentCards,
  IPV4: detectIpv4,
  IPV6: detectIpv6,
  NAME_WITH_BIRTH_DATE: detectNamesWithBirthDates,
};

/** On spans of equal length, the more specific reading wins: a dotted quad is an address, not a phone. */
const PRIORITY: readonly PersonalDataKind[] = ['EMAIL', 'IBAN', 'PAYMENT_CARD', 'IPV6', 'IPV4', 'NAME_WITH_BIRTH_DATE', 'PHONE'];

/**
 * One value, one finding: where spans of several detectors overlap (the digits of an IBAN read
 * as a phone number, a published test card read as one), the longest wins, ignored or not.
 * Overlaps are resolved per cluster of connected spans, so the cost stays near-linear.
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  const flush = () => {
    const chosen: Candidate[] = [];
    for (const c of [...cluster].sort((a, b) => b.end - b.start - (a.end - a.start) || PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind))) {
      if (chosen.every((k) => c.end <= k.start || c.start >= k.end)) chosen.push(c);
    }
    kept.push(...chosen.sort((a, b) => a.start - b.start));
  };
  for (const candidate of sorted) {
    if (candidate.start >= clusterEnd && cluster.length > 0) {
      flush();
      cluster = [];
    }
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.end);
  }
  flush();
  return kept;
}

/**
 * Suspected personal data in `text`, in text order. Documentation and test values (example
 * domains, RFC 5737/3849 addresses, published test cards and IBANs, fictional phone ranges)
 * are not reported. The findings carry masked excerpts only, never the values.
 */
export function scanForPersonalData(text: string, options: ScanOptions = {}): Finding[] {
  const kinds = options.kinds ?? (Object.keys(DETECTORS) as PersonalDataKind[]);
  const candidates = kinds.flatMap((kind) => DETECTORS[kind](text, options));
  return resolveOverlaps(candidates)
    .filter((c) => !c.ignored)
    .map(({ kind, start, end, excerpt }) => ({ kind, start, end, excerpt }));
}
