import { isValidPaymentCard } from '../checksums';
import { starredGroups, type Candidate } from './finding';

/** 13 to 19 digits, single spaces or dashes between them; not inside a longer number or word. */
const CARD = /(?<!\d[ -]?|\p{L})\d(?:[ -]?\d){12,18}(?![ -]?\d)/gu;

/** Issuer identification number prefixes of the schemes issued in Europe, with their lengths. */
const SCHEMES: readonly { prefix: RegExp; lengths: readonly number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|2(?:2(?:2[1-9]|[3-9]\d)|[3-6]\d\d|7(?:[01]\d|20)))/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^3(?:0[0-59]|[689])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] }, // Mir
  { prefix: /^(?:5[06-8]|6[0-9])/, lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro and national schemes
];

/**
 * Test numbers published by the card schemes and acquirers (Visa, Mastercard, American
 * Express, Discover test cards as listed by Stripe, Braintree, Adyen and PayPal developer docs).
 */
const TEST_CARDS = new Set([
  '4111111111111111', '4012888888881881', '4222222222222', '4242424242424242', '4000056655665556', '4000000000000002',
  '4005519200000004', '4009348888881881', '4111111145551142', '5555555555554444', '5105105105105100', '5200828282828210',
  '5555341244441115', '2223003122003222', '2222400070000005', '378282246310005', '371449635398431', '378734493671000',
  '6011111111111117', '6011000990139424', '6011000400000000', '3056930009020004', '30569309025904', '38520000023237',
  '36006666333344', '3566002020360505', '3530111333300000', '6200000000000005', '6759649826438453',
]);

export function isPlausibleCard(digits: string): boolean {
  return SCHEMES.some((s) => s.prefix.test(digits) && s.lengths.includes(digits.length)) && isValidPaymentCard(digits);
}

export function detectPaymentCards(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(CARD)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (!isPlausibleCard(digits)) continue;
    found.push({ kind: 'PAYMENT_CARD', start: match.index, end: match.index + match[0].length, excerpt: starredGroups(digits.length, digits.slice(-4)), ignored: TEST_CARDS.has(digits) });
  }
  return found;
}
