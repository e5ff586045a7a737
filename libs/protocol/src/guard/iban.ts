import { isValidIban } from '../checksums';
import { starredGroups, type Candidate } from './finding';

/** IBAN length per country (SWIFT IBAN registry): a candidate ends where its country says. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25,
  QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20,
};

/**
 * The example IBANs of the SWIFT IBAN registry and the usual bank documentation, printed in
 * countless manuals: mentioning one is not personal data.
 */
const EXAMPLE_IBANS = new Set([
  'DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'FR7630006000011234567890189',
  'NL91ABNA0417164300', 'BE68539007547034', 'AT611904300234573201', 'CH9300762011623852957', 'ES9121000418450200051332',
  'IT60X0542811101000000123456', 'PL61109010140000071219812874', 'SE4550000000058398257466', 'FI2112345600000785',
  'CZ6508000000192000145399', 'HU42117730161111101800000000', 'LU280019400644750000', 'PT50000201231234567890154',
]);

/** Country, check digits, then single spaces allowed between any two characters (print form). */
const IBAN_START = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/gu;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

export function detectIbans(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const raw = match[0];
    const length = IBAN_LENGTHS[raw.slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    // Take exactly `length` characters; the next one must not continue the word.
    let taken = 0;
    let end = 0;
    while (end < raw.length && taken < length) {
      if (raw[end] !== ' ') taken += 1;
      end += 1;
    }
    const next = text[match.index + end];
    if (taken < length || (next !== undefined && ALPHANUMERIC.test(next))) continue;
    const iban = raw.slice(0, end).replace(/ /g, '').toUpperCase();
    if (!isValidIban(iban)) continue;
    found.push({ kind: 'IBAN', start: match.index, end: match.index + end, excerpt: `${iban.slice(0, 2)}** ${starredGroups(iban.length - 4, iban.slice(-2))}`, ignored: EXAMPLE_IBANS.has(iban) });
  }
  return found;
}
