import { Type, type Static } from '@sinclair/typebox';
import { AREAS, PRIORITIES } from './codes';
import { LIMITS } from './limits';
import { Attachment, HandlingCodeSchema, Obj, RegistryId, RequiredWhen, StringEnum, Text, UtcTimestamp } from './primitives';
import { RequestSubject } from './request-subjects';

/**
 * The request payload: the plaintext of a request's JWE, read only by the two nodes. It
 * repeats the routing facts of the envelope (area, legal basis, agreement, priority, due
 * date, handling code, request type = subject.type) so that the recipient can check that
 * what the hub routed is what it reads: see checkRequestConsistency.
 */
export const RequestPayload = Obj(
  {
    /** The requesting unit's own case reference. */
    nationalReference: Text(LIMITS.shortText),
    area: StringEnum(AREAS),
    legalBasisId: RegistryId,
    agreementId: RegistryId,
    priority: StringEnum(PRIORITIES),
    dueAt: UtcTimestamp,
    handlingCode: HandlingCodeSchema,
    /** The restrictions of handling code H3, in words. */
    handlingNote: Type.Optional(Text(LIMITS.mediumText)),
    summaryOfFacts: Text(LIMITS.longText),
    measureRequested: Text(LIMITS.longText),
    enquiriesMade: Text(LIMITS.longText),
    subject: RequestSubject,
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: LIMITS.attachmentsPerRequest })),
  },
  { allOf: [RequiredWhen('handlingCode', 'H3', ['handlingNote'])] },
);
export type RequestPayload = Static<typeof RequestPayload>;
