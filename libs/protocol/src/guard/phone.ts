import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import type { Candidate } from './finding';

export type PhoneCountry = CountryCode;

/**
 * Countries whose national formats (trunk prefix 0, no country code) are recognised by default:
 * those of the units the issue names. International forms (`+` or `00`) of every country are
 * recognised whatever this list.
 */
export const DEFAULT_PHONE_COUNTRIES: readonly PhoneCountry[] = ['FR', 'DE', 'NL', 'BE', 'AT', 'PL', 'SE', 'FI', 'CZ', 'HU'];

/**
 * Number ranges a regulator reserves for films, books and documentation (E.164 form).
 * FR: ARCEP national numbering plan (décision 2018-0881 modifiée), numbers for works of fiction.
 * DE: Bundesnetzagentur Mitteilung 148/2021 (Amtsblatt 7/2021) "Drama Numbers", landline blocks
 * and the mobile number quoted from it. GB: Ofcom "TV and radio drama" numbers. NANP: 555-0100
 * to 555-0199 in every area code.
 */
export const FICTIONAL_PHONE_RANGES: readonly RegExp[] = [
  /^\+33(?:19900|26191|35301|46571|53649|63998)\d{4}$/,
  /^\+49(?:3023125|6990009|4066969|2214710|8999998)\d{3}$/,
  /^\+4915228817386$/,
  /^\+44(?:7700900|1632960|2079460|11[3-8]4960|1[2-6]14960|1914980|2896496|2920180)\d{3}$/,
  /^\+1\d{3}55501\d{2}$/,
];

/**
 * A match must begin like a dialled number: `+`, the `00` international prefix, the national
 * trunk prefix `0` or a parenthesis. libphonenumber also accepts bare national significant
 * numbers ("612345678"), which would turn every reference number into a phone.
 */
const DIALLED_START = /^[+(0]/;
/**
 * Countries without a trunk prefix (a national number is dialled as is), with the digit counts of
 * their national numbers: a bare run of digits there counts only when it has such a length and is
 * written in groups ("512 345 678"), as people write phone numbers.
 */
const NO_TRUNK_LENGTHS: Readonly<Partial<Record<PhoneCountry, readonly number[]>>> = {
  PL: [9], CZ: [9], SK: [9], DK: [8], NO: [8], ES: [9], PT: [9], GR: [10], MT: [8], CY: [8], EE: [7, 8], LV: [8], IS: [7],
};

/** A calendar date that a country's numbering plan happens to accept (FI: "01.01.2024"). */
const DATE_SHAPE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

function isDialled(raw: string, country: PhoneCountry | undefined, defaultCountry: PhoneCountry | undefined): boolean {
  if (DATE_SHAPE.test(raw)) return false;
  if (DIALLED_START.test(raw)) return true;
  // Spaces or dashes only: dotted groups there are IPv4 addresses and version numbers.
  return defaultCountry !== undefined && country === defaultCountry && NO_TRUNK_LENGTHS[defaultCountry] !== undefined && /\d[ -]\d/.test(raw) && !raw.includes('.');
}

/**
 * Runs of digits and the characters written between them. libphonenumber's matcher is far from
 * linear on long digit runs (a 1 MB table of numbers took minutes), so it only sees runs with
 * enough digits to dial and at most MAX_RUN characters: a longer run is a table, not a number.
 */
const RUN = /[+(]?\d[\d \t()./-]*/g;
const MAX_RUN = 64;
const MIN_DIGITS = 6;
/** Characters of context on each side, so that the matcher still sees letters glued to a run. */
const CONTEXT = 2;
const GLUED = /\p{L}/u;
const INTERNATIONAL = /^(?:\+|\(?00)/;

export function detectPhones(text: string, countries: readonly PhoneCountry[] = DEFAULT_PHONE_COUNTRIES): Candidate[] {
  const bySpan = new Map<string, Candidate>();
  const trunk = countries.filter((c) => NO_TRUNK_LENGTHS[c] === undefined);
  for (const run of text.matchAll(RUN)) {
    const value = run[0].replace(/\D+$/, '');
    const digitCount = value.replace(/\D/g, '').length;
    if (value.length > MAX_RUN || digitCount < MIN_DIGITS || DATE_SHAPE.test(value)) continue;
    // Glued to a word it is a code ("24DE000000123456A0"), not a number someone dials.
    if (GLUED.test(text[run.index - 1] ?? '') || GLUED.test(text[run.index + value.length] ?? '')) continue;
    // Each matcher call costs about 0.1 ms: ask only the countries whose format the run can be in.
    // "+" needs no country; "00" is the international prefix of every listed country, read by any of them.
    const asked = INTERNATIONAL.test(value)
      ? countries.slice(0, value.startsWith('+') ? 0 : 1)
      : /^\(?0/.test(value)
        ? trunk
        : countries.filter((c) => !value.includes('.') && NO_TRUNK_LENGTHS[c]?.includes(digitCount));
    if (asked.length === 0 && !value.startsWith('+')) continue;
    const from = Math.max(0, run.index - CONTEXT);
    detectIn(text.slice(from, run.index + value.length + CONTEXT), from, [run.index, run.index + value.length], asked, bySpan);
  }
  return [...bySpan.values()];
}

/** Finds the numbers of one run; stops at the first country that reads the whole run as one number. */
function detectIn(text: string, offset: number, run: readonly [number, number], countries: readonly PhoneCountry[], bySpan: Map<string, Candidate>): void {
  for (const defaultCountry of countries.length > 0 ? countries : [undefined]) {
    for (const { number, startsAt: localStart, endsAt: localEnd } of findPhoneNumbersInText(text, defaultCountry === undefined ? {} : { defaultCountry })) {
      const [startsAt, endsAt] = [offset + localStart, offset + localEnd];
      const span = `${startsAt}:${endsAt}`;
      if (bySpan.has(span) || !isDialled(text.slice(localStart, localEnd), number.country, defaultCountry)) continue;
      const national = number.nationalNumber;
      const excerpt = `+${number.countryCallingCode} ${'*'.repeat(Math.max(0, national.length - 2))} ${national.slice(-2)}`;
      bySpan.set(span, { kind: 'PHONE', start: startsAt, end: endsAt, excerpt, ignored: FICTIONAL_PHONE_RANGES.some((r) => r.test(number.number)) });
    }
    if (bySpan.has(`${run[0]}:${run[1]}`)) return;
  }
}
