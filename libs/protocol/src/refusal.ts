import { Type, type Static } from '@sinclair/typebox';
import { REFUSAL_REASONS } from './codes';
import { LIMITS } from './limits';
import { ForbiddenWhen, MessageId, Obj, StringEnum, Text, UtcTimestamp, Version } from './primitives';
import { ValidationIssueSchema } from './validation-issue';

/**
 * Refusal: the payload of a JWS (typ cicu-refusal+jws) signed by whoever refused a message
 * (the hub, or the recipient node). Non-personal: `detail` and `issues` never repeat content.
 */
export const Refusal = Obj(
  {
  v: Version,
  kind: Type.Literal('refusal'),
  /** Absent only when the refused submission carried no readable, valid message id. */
  messageId: Type.Optional(MessageId),
  reason: StringEnum(REFUSAL_REASONS),
  detail: Type.Optional(Text(LIMITS.refusalDetail)),
  /** With reason SCHEMA: what was wrong, in the validation issue format. */
  issues: Type.Optional(Type.Array(ValidationIssueSchema, { minItems: 1, maxItems: LIMITS.validationIssuesPerRefusal })),
  refusedAt: UtcTimestamp,
},
  { allOf: [ForbiddenWhen('reason', REFUSAL_REASONS.filter((reason) => reason !== 'SCHEMA'), ['issues'])] },
);
export type Refusal = Static<typeof Refusal>;
