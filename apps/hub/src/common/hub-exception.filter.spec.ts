import { type ArgumentsHost } from '@nestjs/common';
import { REFUSAL_REASONS } from '@cicu/protocol';
import { SubmissionError } from '../messages/submission/submission.errors';
import { HubExceptionFilter, submissionStatusOf } from './hub-exception.filter';

function hostCapturing(sent: { status?: number; type?: string; body?: string }): ArgumentsHost {
  const response = {
    status: (status: number) => ((sent.status = status), response),
    type: (type: string) => ((sent.type = type), response),
    send: (body: string) => ((sent.body = body), response),
  };
  return { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
}

describe('HubExceptionFilter', () => {
  it('gives every refusal reason a 4xx status', () => {
    for (const reason of REFUSAL_REASONS) expect(submissionStatusOf(reason)).toBeGreaterThanOrEqual(400);
    expect(REFUSAL_REASONS.map((r) => [r, submissionStatusOf(r)])).toEqual(expect.arrayContaining([['SCHEMA', 400], ['REPLAY', 409], ['CLOCK_SKEW', 422], ['NO_AGREEMENT', 403], ['BAD_SIGNATURE', 403]]));
  });

  it('writes { code, message, issues, refusal } and nothing else (no stack)', () => {
    const sent: { status?: number; type?: string; body?: string } = {};
    const error = new SubmissionError('SCHEMA', 'the envelope fails validation', [{ path: '/priority', code: 'enum', message: 'must be one of routine, urgent, immediate' }]);
    error.refusal = 'a.b.c';
    new HubExceptionFilter().catch(error, hostCapturing(sent));
    expect(sent.status).toBe(400);
    expect(sent.type).toBe('application/json');
    expect(JSON.parse(sent.body ?? '')).toEqual({ code: 'SCHEMA', message: 'the envelope fails validation', issues: [{ path: '/priority', code: 'enum', message: 'must be one of routine, urgent, immediate' }], refusal: 'a.b.c' });
  });

  it('leaves out issues and refusal when there are none', () => {
    const sent: { status?: number; body?: string } = {};
    new HubExceptionFilter().catch(new SubmissionError('REPLAY', 'message x was submitted before'), hostCapturing(sent));
    expect({ status: sent.status, body: JSON.parse(sent.body ?? '') }).toEqual({ status: 409, body: { code: 'REPLAY', message: 'message x was submitted before' } });
  });
});
