import { AnswerFinding } from '../../../../../../libs/protocol/src/answer-findings';
import { exampleFinding, exampleRequestPayload } from '../../../../../../libs/protocol/src/testing/examples';
import { validateRequestPayload } from '../../../../../../libs/protocol/src/validate';
import { REQUEST_TYPES } from '../../../../../../libs/protocol/src/codes';
import { draftBody, draftFieldOf, SUBJECT_FIELDS, subjectFieldsOf } from '../compose/draft';
import { answerBody, answerFieldOf, findingFieldsOf, outcomeFieldsOf } from '../inbox/answer';
import { issuesByField } from './issues';
import { fieldsOf, pointersOf, toFormValues, toValue, variantsOf } from './schema-fields';

describe('form fields from the protocol\'s schemas', () => {
  it('has fields for the subject of every request type, the discriminator left out', () => {
    for (const type of REQUEST_TYPES) {
      expect(SUBJECT_FIELDS[type].length).toBeGreaterThan(0);
      expect(pointersOf(SUBJECT_FIELDS[type])).not.toContain('/type');
    }
    expect(subjectFieldsOf('ISP_SUBSCRIBER').map((f) => [f.name, f.kind, f.required])).toEqual([
      ['ip', 'text', true],
      ['sourcePort', 'integer', false],
      ['timestamp', 'text', true],
      ['provider', 'text', false],
    ]);
    expect(pointersOf(subjectFieldsOf('EMAIL_ACCOUNT'))).toEqual(['/address', '/provider', '/period', '/period/from', '/period/to']);
    expect(subjectFieldsOf('PLATFORM_ACCOUNT').find((f) => f.name === 'platformKind')).toMatchObject({ kind: 'choice', options: ['forum', 'chat', 'messenger', 'social-network', 'marketplace'] });
  });

  it('round-trips every example subject through the form values, as the protocol accepts it', () => {
    for (const type of REQUEST_TYPES) {
      const example = exampleRequestPayload(type);
      const { type: _type, ...subject } = example.subject as Record<string, unknown>;
      const values = toFormValues(SUBJECT_FIELDS[type], subject);
      expect(toValue(SUBJECT_FIELDS[type], values)).toEqual(subject);
      expect(validateRequestPayload({ ...example, subject: { type, ...toValue(SUBJECT_FIELDS[type], values) } }).ok).toBe(true);
    }
  });

  it('leaves out empty inputs and empty groups, sends integers as numbers and lines as lists', () => {
    const fields = fieldsOf({ type: 'object', required: ['a'], properties: { a: { type: 'string' }, n: { type: 'integer' }, l: { type: 'array', items: { type: 'string' } }, g: { type: 'object', properties: { x: { type: 'string' } } } } });
    expect(toValue(fields, { '/a': '  ', '/n': '', '/g/x': '' })).toEqual({});
    expect(toValue(fields, { '/a': ' x ', '/n': '42', '/l': 'one\n\n two \n', '/g/x': 'y' })).toEqual({ a: 'x', n: 42, l: ['one', 'two'], g: { x: 'y' } });
    // Not an integer: passed as typed, so the protocol names the wrong type.
    expect(toValue(fields, { '/n': '4.5' })).toEqual({ n: '4.5' });
  });

  it('reads the variants of a protocol union by their discriminator', () => {
    expect(Object.keys(variantsOf(AnswerFinding, 'type')).sort()).toEqual([...REQUEST_TYPES].sort());
    expect(outcomeFieldsOf('refused').map((f) => f.name)).toEqual(['reason', 'explanation']);
    expect(outcomeFieldsOf('more-information-needed')).toEqual([{ kind: 'lines', name: 'questions', pointer: '/questions', required: true }]);
    expect(pointersOf(findingFieldsOf('ISP_SUBSCRIBER'))).toEqual(['/subscriberName', '/address', '/accountOpenedOn', '/evaluation', '/evaluation/source', '/evaluation/information', '/handlingCode', '/handlingNote', '/remarks']);
  });
});

describe('the protocol\'s issues at the form\'s fields', () => {
  it('puts draft issues at the case fields and the subject fields, the rest with the form', () => {
    const fieldOf = draftFieldOf('EMAIL_ACCOUNT');
    const issues = [
      { path: '/nationalReference', code: 'minLength', message: 'must have at least 1 characters' },
      { path: '/subject/address', code: 'format.email', message: 'must be an e-mail address' },
      { path: '/subject/period/to', code: 'order', message: 'must not be earlier than from' },
      { path: '/subject', code: 'required', message: 'is required' },
      { path: '/dueAt', code: 'format.date-time', message: 'must be an RFC 3339 date-time' },
    ];
    expect(issuesByField(issues, fieldOf)).toEqual({
      '/caseReference': ['must have at least 1 characters'],
      '/subject/address': ['must be an e-mail address'],
      '/subject/period/to': ['must not be earlier than from'],
      '/subject': ['is required'],
      '': ['must be an RFC 3339 date-time'],
    });
    // A member the form has no field for names its nearest group.
    expect(fieldOf('/subject/period/unknown')).toBe('/subject/period');
  });

  it('builds the draft body from the form and maps answer issues to outcome, finding and remarks fields', () => {
    const body = draftBody(
      { partnerUnit: 'DE-ZIRE', agreementId: 'A', requestType: 'ISP_SUBSCRIBER', legalBasisId: 'L', area: 'medicines', priority: 'urgent' },
      { handlingCode: 'H0', handlingNote: ' ', caseReference: ' C-1 ', summaryOfFacts: 's', measureRequested: 'm', enquiriesMade: 'e' },
      { '/ip': '203.0.113.45', '/timestamp': '2025-01-14T21:03:17Z', '/sourcePort': '' },
    );
    expect(body).toEqual({
      partnerUnit: 'DE-ZIRE', agreementId: 'A', requestType: 'ISP_SUBSCRIBER', legalBasisId: 'L', area: 'medicines', priority: 'urgent', handlingCode: 'H0',
      caseReference: 'C-1', summaryOfFacts: 's', measureRequested: 'm', enquiriesMade: 'e', subject: { ip: '203.0.113.45', timestamp: '2025-01-14T21:03:17Z' },
    });
    const fieldOf = answerFieldOf('ISP_SUBSCRIBER', 'refused');
    expect(fieldOf('/outcome/reason')).toBe('outcome:/reason');
    expect(fieldOf('/findings/1/evaluation/source')).toBe('finding:1:/evaluation/source');
    expect(fieldOf('/findings')).toBe('findings');
    expect(fieldOf('/remarks')).toBe('remarks');
    expect(fieldOf('/inReplyTo')).toBeUndefined();
  });

  it('builds an answer the protocol accepts from the finding fields of an example', () => {
    const { type: _type, ...finding } = exampleFinding('ISP_SUBSCRIBER') as Record<string, unknown>;
    const values = toFormValues(findingFieldsOf('ISP_SUBSCRIBER'), finding);
    expect(answerBody('ISP_SUBSCRIBER', 'answered', {}, [values], '')).toEqual({ outcome: { code: 'answered' }, findings: [exampleFinding('ISP_SUBSCRIBER')] });
    expect(answerBody('ISP_SUBSCRIBER', 'refused', { '/reason': 'OTHER' }, [values], ' why ')).toEqual({ outcome: { code: 'refused', reason: 'OTHER' }, remarks: 'why' });
  });
});
