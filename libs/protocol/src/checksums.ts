import { isValidPhoneNumber } from 'libphonenumber-js/max';

/**
 * Checks JSON Schema cannot express. Each backs a custom `format` of the schemas (see
 * ajv.ts) so that it runs inside schema validation and reports like any other format.
 * All are total: any input, including non-strings, gives a boolean and never throws.
 */

/** IBAN in electronic form (ISO 13616: upper case, no spaces) with a valid mod-97 check. */
export function isValidIban(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(value)) return false;
  const rearranged = value.slice(4) + value.slice(0, 4);
  // Letters become 10..35; fold digit by digit so that no intermediate exceeds 2^53.
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Payment card number: 12 to 19 digits with a valid Luhn check digit. */
export function isValidPaymentCard(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[0-9]{12,19}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) {
    let digit = Number(value[value.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Phone number in strict E.164 form (`+` then 2 to 15 digits, no spaces) that libphonenumber's
 * full metadata considers a valid number (Google libphonenumber `isValidNumber`).
 */
export function isValidE164(value: unknown): boolean {
  return typeof value === 'string' && /^\+[1-9][0-9]{1,14}$/.test(value) && isValidPhoneNumber(value);
}
