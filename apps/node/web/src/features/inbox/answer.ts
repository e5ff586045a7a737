import { AnswerFinding } from '../../../../../../libs/protocol/src/answer-findings';
import { AnswerOutcome } from '../../../../../../libs/protocol/src/answer-payload';
import { OUTCOMES } from '../../../../../../libs/protocol/src/codes';
import type { Schemas } from '../../api/client';
import { below } from '../forms/issues';
import { type FieldSpec, fieldsOf, type FormValues, pointersOf, toValue, variantsOf } from '../forms/schema-fields';

/**
 * The answer form, from the protocol's schemas: the outcome's own fields (reason, explanation,
 * questions) and, for answered / partially answered, findings of the request's type with their
 * evaluation (source reliability, information assessment) and handling code.
 */
const OUTCOME_VARIANTS = variantsOf(AnswerOutcome, 'code');
const FINDING_VARIANTS = variantsOf(AnswerFinding, 'type');

export const OUTCOME_CODES = OUTCOMES;
export type OutcomeCode = (typeof OUTCOMES)[number];

export function outcomeFieldsOf(code: string): FieldSpec[] {
  return fieldsOf(OUTCOME_VARIANTS[code], ['code']);
}

/** Attachments are left out: their bytes have no transport yet (docs/adr-cases.md). */
export function findingFieldsOf(requestType: string): FieldSpec[] {
  return fieldsOf(FINDING_VARIANTS[requestType], ['type', 'attachments']);
}

export function takesFindings(code: string): boolean {
  return code === 'answered' || code === 'partially-answered';
}

export function answerBody(requestType: string, code: string, outcome: FormValues, findings: readonly FormValues[], remarks: string, attachments: readonly Schemas['AttachmentDto'][] = []): Schemas['AnswerDto'] {
  const findingFields = findingFieldsOf(requestType);
  return {
    outcome: { code, ...toValue(outcomeFieldsOf(code), outcome) },
    ...(takesFindings(code) && { findings: findings.map((values) => ({ type: requestType, ...toValue(findingFields, values) })) }),
    ...(remarks.trim() !== '' && { remarks: remarks.trim() }),
    // The answer's own files (uploaded to this node at once); per-finding files are not offered here.
    ...(attachments.length > 0 && { attachments: [...attachments] }),
    // The DTO types findings loosely (objects); the node validates them against the protocol.
  } as Schemas['AnswerDto'];
}

/** Form field of an issue: `outcome:/reason`, `finding:0:/evaluation/source`, `remarks`, or undefined. */
export function answerFieldOf(requestType: string, code: string): (pointer: string) => string | undefined {
  const outcome = below('/outcome', pointersOf(outcomeFieldsOf(code)));
  const findingPointers = pointersOf(findingFieldsOf(requestType));
  return (pointer) => {
    if (pointer === '/remarks') return 'remarks';
    if (pointer.startsWith('/outcome')) {
      const field = outcome(pointer);
      return field === undefined ? undefined : `outcome:${field.slice('/outcome'.length) || '/'}`;
    }
    const match = /^\/findings(?:\/(\d+)(\/.*)?)?$/.exec(pointer);
    if (match === null) return undefined;
    if (match[1] === undefined) return 'findings';
    const field = below('', findingPointers)(match[2] ?? '');
    return `finding:${match[1]}:${field ?? '/'}`;
  };
}
