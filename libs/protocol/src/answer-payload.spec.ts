import { REQUEST_TYPES } from './codes';
import { exampleAnswerPayload, exampleFinding } from './testing/examples';
import { issuesOf } from './testing/issues';
import { REMOVE, withChange } from './testing/mutate';
import { validateAnswerPayload } from './validate';

const answered = exampleAnswerPayload('ISP_SUBSCRIBER');
const refused = { inReplyTo: answered.inReplyTo, outcome: { code: 'refused', reason: 'NO_DATA_HELD' } };

describe('validateAnswerPayload', () => {
  it.each(REQUEST_TYPES)('accepts an answer with a %s finding', (type) => {
    const payload = exampleAnswerPayload(type);
    expect(validateAnswerPayload(payload)).toEqual({ ok: true, value: payload });
  });

  it.each([
    ['a refusal', refused],
    ['a refusal for another reason, explained', withChange(withChange(refused, '/outcome/reason', 'OTHER'), '/outcome/explanation', 'Provider in liquidation.')],
    ['questions', { inReplyTo: answered.inReplyTo, outcome: { code: 'more-information-needed', questions: ['Which time zone was the timestamp taken in?'] } }],
    ['a partial answer with an explanation', withChange(answered, '/outcome', { code: 'partially-answered', explanation: 'Address not held.' })],
    ['findings of several types', withChange(answered, '/findings', [exampleFinding('ISP_SUBSCRIBER'), exampleFinding('OSINT_BACKGROUND')])],
    ['a finding with a single data member', withChange(answered, '/findings/0', { type: 'PHONE_HOLDER', subscriptionKind: 'contract', evaluation: { source: 'X', information: '4' }, handlingCode: 'H0' })],
    ['a finding with attachments', withChange(answered, '/findings/0/attachments', [{ fileName: 'extract.pdf', mediaType: 'application/pdf', size: 0, controlNumber: `sha256:${'0'.repeat(64)}` }])],
  ])('accepts %s', (_label, payload) => expect(issuesOf(validateAnswerPayload(payload))).toEqual([]));

  it.each([
    ['an answer without findings', withChange(answered, '/findings', REMOVE), [['/findings', 'required']]],
    ['an empty findings list', withChange(answered, '/findings', []), [['/findings', 'minItems']]],
    ['a refusal with findings', withChange(refused, '/findings', answered.findings), [['/findings', 'forbidden']]],
    ['a refusal without reason', withChange(refused, '/outcome/reason', REMOVE), [['/outcome/reason', 'required']]],
    ['an unknown refusal reason', withChange(refused, '/outcome/reason', 'BUSY'), [['/outcome/reason', 'enum']]],
    ['reason OTHER unexplained', withChange(refused, '/outcome/reason', 'OTHER'), [['/outcome/explanation', 'required']]],
    ['a request for information without questions', withChange(refused, '/outcome', { code: 'more-information-needed' }), [['/outcome/questions', 'required']]],
    ['an unknown outcome', withChange(answered, '/outcome/code', 'done'), [['/outcome/code', 'enum']]],
    ['a finding without evaluation', withChange(answered, '/findings/0/evaluation', REMOVE), [['/findings/0/evaluation', 'required']]],
    ['a source reliability outside the 4x4 system', withChange(answered, '/findings/0/evaluation/source', 'D'), [['/findings/0/evaluation/source', 'enum']]],
    ['an information assessment as a number', withChange(answered, '/findings/0/evaluation/information', 2), [['/findings/0/evaluation/information', 'type'], ['/findings/0/evaluation/information', 'enum']]],
    ['a finding without any data', withChange(answered, '/findings/0', { type: 'ISP_SUBSCRIBER', evaluation: { source: 'A', information: '1' }, handlingCode: 'H0' }), [['/findings/0', 'anyOf']]],
    ['an OSINT finding without sources', withChange(exampleAnswerPayload('OSINT_BACKGROUND'), '/findings/0/sources', REMOVE), [['/findings/0/sources', 'required']]],
    ['a finding member of another type', withChange(answered, '/findings/0/recoveryEmails', ['a@example.org']), [['/findings/0', 'additionalProperties']]],
    ['a bad recovery phone', withChange(exampleAnswerPayload('EMAIL_ACCOUNT'), '/findings/0/recoveryPhones/0', '+3361234567'), [['/findings/0/recoveryPhones/0', 'format.e164']]],
    ['a bad last-login IP', withChange(exampleAnswerPayload('EMAIL_ACCOUNT'), '/findings/0/lastLoginIp', '2001:db8::g'), [['/findings/0/lastLoginIp', 'format.ipv4-or-ipv6']]],
    ['H3 without its note on a finding', withChange(answered, '/findings/0/handlingCode', 'H3'), [['/findings/0/handlingNote', 'required']]],
    ['an inReplyTo that is not a UUIDv7', withChange(answered, '/inReplyTo', 'CYB-2025-0042'), [['/inReplyTo', 'pattern']]],
  ])('refuses %s', (_label, payload, expected) => expect(issuesOf(validateAnswerPayload(payload))).toEqual(expected));
});
