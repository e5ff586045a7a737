import { isValidE164, isValidIban, isValidPaymentCard } from './checksums';

describe('isValidIban', () => {
  it.each(['DE89370400440532013000', 'GB82WEST12345698765432', 'FR7630006000011234567890189', 'NL91ABNA0417164300', 'BE68539007547034'])(
    'accepts the valid IBAN %s',
    (iban) => expect(isValidIban(iban)).toBe(true),
  );

  it.each([
    ['a wrong check digit', 'DE89370400440532013001'],
    ['swapped digits', 'DE89370400440532031000'],
    ['lower case', 'de89370400440532013000'],
    ['spaces (print form)', 'DE89 3704 0044 0532 0130 00'],
    ['too short', 'DE8937040044'],
    ['too long', `DE89${'1'.repeat(31)}`],
  ])('refuses %s', (_label, iban) => expect(isValidIban(iban)).toBe(false));

  it('refuses non-strings', () => {
    expect(isValidIban(undefined)).toBe(false);
    expect(isValidIban(8937040044)).toBe(false);
  });
});

describe('isValidPaymentCard', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4000056655665556', '6759649826438453'])(
    'accepts the Luhn-valid number %s',
    (pan) => expect(isValidPaymentCard(pan)).toBe(true),
  );

  it.each([
    ['a wrong check digit', '4111111111111112'],
    ['11 digits', '79927398713'.slice(0, 11)],
    ['20 digits', '41111111111111111113'],
    ['separators', '4111-1111-1111-1111'],
    ['letters', '411111111111111a'],
  ])('refuses %s', (_label, pan) => expect(isValidPaymentCard(pan)).toBe(false));
});

describe('isValidE164', () => {
  it.each(['+33612345678', '+4915112345678', '+4930123456', '+12015550123', '+32470123456'])('accepts the valid number %s', (number) =>
    expect(isValidE164(number)).toBe(true),
  );

  it.each([
    ['a national prefix', '+33012345678'],
    ['too few digits for the country', '+3361234567'],
    ['an unassigned country code', '+999123456789'],
    ['spaces', '+33 6 12 34 56 78'],
    ['no plus sign', '33612345678'],
    ['00 instead of +', '0033612345678'],
    ['more than 15 digits', '+3361234567812345'],
  ])('refuses %s', (_label, number) => expect(isValidE164(number)).toBe(false));
});
