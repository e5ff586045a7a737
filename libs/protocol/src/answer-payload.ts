import { Type, type Static } from '@sinclair/typebox';
import { ANSWER_REFUSAL_REASONS } from './codes';
import { LIMITS } from './limits';
import { AnswerFinding } from './answer-findings';
import { Attachment, Discriminated, ForbiddenWhen, MessageId, Obj, RequiredWhen, StringEnum, Text } from './primitives';

/**
 * The answer payload: the plaintext of an answer's JWE. Its `inReplyTo` and `outcome.code`
 * repeat the envelope's `inReplyTo` and `outcome` (see checkAnswerConsistency).
 */

const explanation = Text(LIMITS.mediumText);

export const AnsweredOutcome = Obj({ code: Type.Literal('answered') });
export const PartiallyAnsweredOutcome = Obj({
  code: Type.Literal('partially-answered'),
  /** What could not be answered, and why. */
  explanation: Type.Optional(explanation),
});
export const RefusedOutcome = Obj(
  {
    code: Type.Literal('refused'),
    reason: StringEnum(ANSWER_REFUSAL_REASONS),
    explanation: Type.Optional(explanation),
  },
  // "OTHER" alone tells the requesting unit nothing.
  { allOf: [RequiredWhen('reason', 'OTHER', ['explanation'])] },
);
export const MoreInformationNeededOutcome = Obj({
  code: Type.Literal('more-information-needed'),
  questions: Type.Array(explanation, { minItems: 1, maxItems: LIMITS.questionsPerAnswer }),
});

export const AnswerOutcome = Discriminated('code', [AnsweredOutcome, PartiallyAnsweredOutcome, RefusedOutcome, MoreInformationNeededOutcome]);
export type AnswerOutcome = Static<typeof AnswerOutcome>;

export const AnswerPayload = Obj(
  {
    inReplyTo: MessageId,
    outcome: AnswerOutcome,
    findings: Type.Optional(Type.Array(AnswerFinding, { minItems: 1, maxItems: LIMITS.findingsPerAnswer })),
    remarks: Type.Optional(Text(LIMITS.longText)),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: LIMITS.attachmentsPerRequest })),
  },
  {
    // An answer with data carries findings; a refusal or a question carries none.
    allOf: [
      RequiredWhen(['outcome', 'code'], ['answered', 'partially-answered'], ['findings']),
      ForbiddenWhen(['outcome', 'code'], ['refused', 'more-information-needed'], ['findings']),
    ],
  },
);
export type AnswerPayload = Static<typeof AnswerPayload>;
