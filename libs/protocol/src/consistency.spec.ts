import { checkAnswerConsistency, checkRequestConsistency } from './consistency';
import { exampleAnswerEnvelope, exampleAnswerPayload, exampleFinding, exampleRequestEnvelope, exampleRequestPayload } from './testing/examples';

describe('checkRequestConsistency', () => {
  it('accepts a payload that repeats the envelope (due date spelled differently)', () => {
    expect(checkRequestConsistency(exampleRequestEnvelope(), { ...exampleRequestPayload(), dueAt: '2025-01-18T09:30:00.000Z' })).toEqual([]);
  });

  it('reports every routing fact the payload contradicts', () => {
    const payload = { ...exampleRequestPayload('PAYMENT_ACCOUNT'), legalBasisId: 'reg-515-97-art-4', area: 'excise' as const, dueAt: '2025-02-01T00:00:00Z' };
    expect(checkRequestConsistency(exampleRequestEnvelope(), payload).map((issue) => [issue.path, issue.code])).toEqual([
      ['/subject/type', 'mismatch'],
      ['/area', 'mismatch'],
      ['/legalBasisId', 'mismatch'],
      ['/dueAt', 'mismatch'],
    ]);
  });
});

describe('checkAnswerConsistency', () => {
  it('accepts an answer payload that matches its envelope and request type', () => {
    expect(checkAnswerConsistency(exampleAnswerEnvelope(), exampleAnswerPayload(), 'ISP_SUBSCRIBER')).toEqual([]);
  });

  it('reports a different request answered, outcome, or finding type', () => {
    const payload = { ...exampleAnswerPayload(), inReplyTo: '01936b2e-8c4a-7d3e-9f12-000000000000', findings: [exampleFinding('ISP_SUBSCRIBER'), exampleFinding('EMAIL_ACCOUNT')] };
    const envelope = exampleAnswerEnvelope({ outcome: 'partially-answered' });
    expect(checkAnswerConsistency(envelope, payload, 'ISP_SUBSCRIBER').map((issue) => [issue.path, issue.code])).toEqual([
      ['/inReplyTo', 'mismatch'],
      ['/outcome/code', 'mismatch'],
      ['/findings/1/type', 'mismatch'],
    ]);
  });
});
