import { Type, type Static } from '@sinclair/typebox';
import { AREAS, OUTCOMES, PRIORITIES, REQUEST_TYPES } from './codes';
import { LIMITS } from './limits';
import {
  COMPACT_JWE_PATTERN,
  Discriminated,
  HandlingCodeSchema,
  MessageId,
  Obj,
  Order,
  RegistryId,
  Sha256Digest,
  StringEnum,
  UnitId,
  UtcTimestamp,
  Version,
} from './primitives';

/**
 * The envelope: the JWS payload of a request or an answer. The hub reads it to route and
 * audit; everything personal stays in `payload.jwe`, encrypted to the recipient node.
 * Nothing in the envelope may hold personal data.
 */

export const EncryptedPayload = Obj({
  /** Compact JWE (ECDH-ES+A256KW, A256GCM) to the recipient node's encryption key. */
  jwe: Type.String({ pattern: COMPACT_JWE_PATTERN, maxLength: LIMITS.jweLength }),
  /** `sha256:` + hex SHA-256 of the ASCII bytes of `jwe`. */
  digest: Sha256Digest,
});
export type EncryptedPayload = Static<typeof EncryptedPayload>;

/**
 * One sealed attachment as the envelope lists it: the digest and length of its compact JWE
 * (its bytes encrypted to the recipient node, uploaded to the hub apart from the message).
 * Signed with the envelope, so the hub can refuse a message whose blobs it does not hold
 * and the recipient can refuse a blob that is not the one the sender sealed. The plaintext's
 * name, type, size and control number stay in the encrypted payload (attachmentsOfPayload
 * gives the order that maps one list onto the other).
 */
export const SealedAttachment = Obj({
  /** `sha256:` + hex SHA-256 of the ASCII bytes of the attachment's compact JWE. */
  digest: Sha256Digest,
  /** Length of that compact JWE in bytes. */
  size: Type.Integer({ minimum: 1, maximum: LIMITS.sealedAttachmentLength }),
});
export type SealedAttachment = Static<typeof SealedAttachment>;

const SealedAttachments = Type.Optional(Type.Array(SealedAttachment, { minItems: 1, maxItems: LIMITS.attachmentsPerRequest }));


export const RequestEnvelope = Obj(
  {
    v: Version,
    id: MessageId,
    kind: Type.Literal('request'),
    from: UnitId,
    to: UnitId,
    createdAt: UtcTimestamp,
    requestType: StringEnum(REQUEST_TYPES),
    legalBasisId: RegistryId,
    agreementId: RegistryId,
    area: StringEnum(AREAS),
    priority: StringEnum(PRIORITIES),
    dueAt: UtcTimestamp,
    handlingCode: HandlingCodeSchema,
    payload: EncryptedPayload,
    attachments: SealedAttachments,
  },
  // A request is due after it is created; equal would leave the recipient no time at all.
  Order('createdAt', 'dueAt', false),
);
export type RequestEnvelope = Static<typeof RequestEnvelope>;

export const AnswerEnvelope = Obj({
  v: Version,
  id: MessageId,
  kind: Type.Literal('answer'),
  from: UnitId,
  to: UnitId,
  createdAt: UtcTimestamp,
  /** Id of the request answered. */
  inReplyTo: MessageId,
  /** The outcome code only (its details are in the encrypted payload): lets the hub track status. */
  outcome: StringEnum(OUTCOMES),
  payload: EncryptedPayload,
  attachments: SealedAttachments,
});
export type AnswerEnvelope = Static<typeof AnswerEnvelope>;

export const Envelope = Discriminated('kind', [RequestEnvelope, AnswerEnvelope]);
export type Envelope = Static<typeof Envelope>;
