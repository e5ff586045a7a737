import { type AnswerPayload } from './answer-payload';
import { type RequestType } from './codes';
import { type AnswerEnvelope, type RequestEnvelope } from './envelope';
import { child } from './issues';
import { type RequestPayload } from './request-payload';
import { compareTimes } from './time';
import { type ValidationIssue } from './validation-issue';

/**
 * Cross-document checks a receiving node runs after decrypting. The hub routed the message
 * on the envelope's facts (legal basis, agreement, type, area); a payload that says
 * something else would let a sender obtain what the agreement does not cover. Paths point
 * into the payload; both arguments must already be schema-valid.
 */

const mismatch = (path: string, field: string): ValidationIssue => ({ path, code: 'mismatch', message: `differs from the envelope's ${field}` });

export function checkRequestConsistency(envelope: RequestEnvelope, payload: RequestPayload): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (payload.subject.type !== envelope.requestType) issues.push(mismatch('/subject/type', 'requestType'));
  for (const field of ['area', 'legalBasisId', 'agreementId', 'priority', 'handlingCode'] as const) {
    if (payload[field] !== envelope[field]) issues.push(mismatch(child('', field), field));
  }
  // Same instant is enough: "…:00Z" and "…:00.000Z" are one due date.
  if (compareTimes(payload.dueAt, envelope.dueAt) !== 0) issues.push(mismatch('/dueAt', 'dueAt'));
  return issues;
}

/**
 * `requestType`, when the requesting node passes the type of its original request, also
 * checks that every finding answers that type.
 */
export function checkAnswerConsistency(envelope: AnswerEnvelope, payload: AnswerPayload, requestType?: RequestType): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (payload.inReplyTo !== envelope.inReplyTo) issues.push(mismatch('/inReplyTo', 'inReplyTo'));
  if (payload.outcome.code !== envelope.outcome) issues.push(mismatch('/outcome/code', 'outcome'));
  if (requestType !== undefined) {
    (payload.findings ?? []).forEach((finding, i) => {
      if (finding.type !== requestType) issues.push({ path: `/findings/${i}/type`, code: 'mismatch', message: 'differs from the type of the request answered' });
    });
  }
  return issues;
}
