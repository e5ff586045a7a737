import { REQUEST_TYPES } from './codes';
import { exampleRequestPayload } from './testing/examples';
import { issuesOf } from './testing/issues';
import { REMOVE, withChange } from './testing/mutate';
import { validateRequestPayload } from './validate';

const isp = exampleRequestPayload('ISP_SUBSCRIBER');
const email = exampleRequestPayload('EMAIL_ACCOUNT');
const platform = exampleRequestPayload('PLATFORM_ACCOUNT');
const payment = exampleRequestPayload('PAYMENT_ACCOUNT');
const phone = exampleRequestPayload('PHONE_HOLDER');
const osint = exampleRequestPayload('OSINT_BACKGROUND');

describe('validateRequestPayload', () => {
  it.each(REQUEST_TYPES)('accepts a valid %s request', (type) => {
    const payload = exampleRequestPayload(type);
    expect(validateRequestPayload(payload)).toEqual({ ok: true, value: payload });
  });

  it.each([
    ['an IPv6 address', withChange(isp, '/subject/ip', '2001:db8::1')],
    ['no source port nor provider', withChange(withChange(isp, '/subject/sourcePort', REMOVE), '/subject/provider', REMOVE)],
    ['a card number instead of an IBAN', withChange(withChange(payment, '/subject/iban', REMOVE), '/subject/cardNumber', '4111111111111111')],
    ['an e-money account', withChange(withChange(payment, '/subject/iban', REMOVE), '/subject/eMoneyAccountId', 'merchant-88812')],
    ['a phone period instead of a date', withChange(withChange(phone, '/subject/date', REMOVE), '/subject/period', { from: '2025-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })],
    ['a profile URL alone', withChange(platform, '/subject/handle', REMOVE)],
    ['a person for OSINT', withChange(withChange(osint, '/subject/company', REMOVE), '/subject/person', { name: 'Jane Example', dateOfBirth: '1980-02-29' })],
    ['no attachments', withChange(isp, '/attachments', REMOVE)],
    ['H3 with its handling note', withChange(withChange(isp, '/handlingCode', 'H3'), '/handlingNote', 'Not to be passed to tax authorities.')],
    ['text with a surrogate pair (an emoji) and accents', withChange(isp, '/summaryOfFacts', 'Vendeur « 🛒 » signalé, Zoll geprüft.')],
  ])('accepts %s', (_label, payload) => expect(issuesOf(validateRequestPayload(payload))).toEqual([]));

  it.each([
    ['a bad IBAN checksum', withChange(payment, '/subject/iban', 'DE89370400440532013001'), [['/subject/iban', 'format.iban']]],
    ['an IBAN with spaces', withChange(payment, '/subject/iban', 'DE89 3704 0044 0532 0130 00'), [['/subject/iban', 'pattern'], ['/subject/iban', 'format.iban']]],
    [
      'a bad Luhn digit',
      withChange(withChange(payment, '/subject/iban', REMOVE), '/subject/cardNumber', '4111111111111112'),
      [['/subject/cardNumber', 'format.payment-card']],
    ],
    ['two payment identifiers', withChange(payment, '/subject/cardNumber', '4111111111111111'), [['/subject', 'oneOf']]],
    ['no payment identifier', withChange(payment, '/subject/iban', REMOVE), [['/subject', 'oneOf']]],
    ['an invalid E.164 number', withChange(phone, '/subject/number', '+33012345678'), [['/subject/number', 'format.e164']]],
    ['a phone number with spaces', withChange(phone, '/subject/number', '+33 6 12 34 56 78'), [['/subject/number', 'maxLength'], ['/subject/number', 'pattern'], ['/subject/number', 'format.e164']]],
    ['both a date and a period for a phone', withChange(phone, '/subject/period', { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' }), [['/subject', 'oneOf']]],
    ['an IPv4 address out of range', withChange(isp, '/subject/ip', '203.0.113.256'), [['/subject/ip', 'format.ipv4-or-ipv6']]],
    ['a host name instead of an address', withChange(isp, '/subject/ip', 'shop.example.org'), [['/subject/ip', 'format.ipv4-or-ipv6']]],
    ['a source port above 65535', withChange(isp, '/subject/sourcePort', 65536), [['/subject/sourcePort', 'maximum']]],
    ['a fractional source port', withChange(isp, '/subject/sourcePort', 80.5), [['/subject/sourcePort', 'type']]],
    ['a local-time timestamp', withChange(isp, '/subject/timestamp', '2025-01-14T22:03:17+01:00'), [['/subject/timestamp', 'pattern']]],
    ['an impossible timestamp', withChange(isp, '/subject/timestamp', '2025-02-30T21:03:17Z'), [['/subject/timestamp', 'format.date-time']]],
    ['both a person and a company', withChange(osint, '/subject/person', { name: 'Jane Example' }), [['/subject', 'oneOf']]],
    ['neither a person nor a company', withChange(osint, '/subject/company', REMOVE), [['/subject', 'oneOf']]],
    ['an unknown country', withChange(osint, '/subject/company/country', 'XX'), [['/subject/company/country', 'enum']]],
    ['a period that ends before it starts', withChange(email, '/subject/period/to', '2024-09-30T23:59:59Z'), [['/subject/period/to', 'order']]],
    ['a malformed e-mail address', withChange(email, '/subject/address', 'seller-4711.example.org'), [['/subject/address', 'format.email']]],
    ['neither handle nor profile URL', withChange(withChange(platform, '/subject/handle', REMOVE), '/subject/profileUrl', REMOVE), [['/subject', 'anyOf']]],
    ['a non-HTTP profile URL', withChange(platform, '/subject/profileUrl', 'ftp://market.example.org/u/1'), [['/subject/profileUrl', 'pattern']]],
    ['an unknown platform kind', withChange(platform, '/subject/platformKind', 'darknet'), [['/subject/platformKind', 'enum']]],
    ['an extra property in the subject', withChange(isp, '/subject/note', 'x'), [['/subject', 'additionalProperties']]],
    ['an extra property at the top', withChange(isp, '/officerName', 'x'), [['', 'additionalProperties']]],
    ['a member of another request type', withChange(isp, '/subject/iban', 'DE89370400440532013000'), [['/subject', 'additionalProperties']]],
    ['a missing subject member', withChange(isp, '/subject/timestamp', REMOVE), [['/subject/timestamp', 'required']]],
    ['a missing legal basis', withChange(isp, '/legalBasisId', REMOVE), [['/legalBasisId', 'required']]],
    ['an unknown request type', withChange(isp, '/subject/type', 'VEHICLE_OWNER'), [['/subject/type', 'enum']]],
    ['an unknown area', withChange(isp, '/area', 'tobacco'), [['/area', 'enum']]],
    ['an unknown priority', withChange(isp, '/priority', 'high'), [['/priority', 'enum']]],
    ['H3 without its handling note', withChange(isp, '/handlingCode', 'H3'), [['/handlingNote', 'required']]],
    ['an empty summary of facts', withChange(isp, '/summaryOfFacts', ''), [['/summaryOfFacts', 'minLength']]],
    ['a NUL in the summary of facts (PostgreSQL stores no U+0000)', withChange(isp, '/summaryOfFacts', 'a\u0000b'), [['/summaryOfFacts', 'pattern']]],
    ['an unpaired surrogate in the measure requested (no canonical JSON for it)', withChange(isp, '/measureRequested', 'x\ud800y'), [['/measureRequested', 'pattern']]],
    ['a lone low surrogate in a subject text', withChange(isp, '/subject/provider', '\udc00'), [['/subject/provider', 'pattern']]],
    ['an overlong measure requested', withChange(isp, '/measureRequested', 'x'.repeat(20_001)), [['/measureRequested', 'maxLength']]],
    ['a control number that is not sha256 hex', withChange(isp, '/attachments/0/controlNumber', 'md5:abc'), [['/attachments/0/controlNumber', 'pattern']]],
    ['a file name with a path', withChange(isp, '/attachments/0/fileName', '../etc/passwd'), [['/attachments/0/fileName', 'pattern']]],
    ['too many attachments', withChange(isp, '/attachments', Array.from({ length: 101 }, () => isp.attachments?.[0])), [['/attachments', 'maxItems']]],
    ['a document that is not an object', [], [['', 'type']]],
  ])('refuses %s', (_label, payload, expected) => {
    expect(issuesOf(validateRequestPayload(payload))).toEqual(expected);
  });
});
