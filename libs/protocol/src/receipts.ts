import { Type, type Static } from '@sinclair/typebox';
import { MessageId, Obj, Sha256Digest, UnitId, UtcTimestamp, Version } from './primitives';


/** A signed tree head of the hub's audit log (RFC 9162), named by its size and root hash. */
export const TreeHeadReference = Obj({
  treeSize: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  rootHash: Sha256Digest,
});
export type TreeHeadReference = Static<typeof TreeHeadReference>;

/**
 * Hub receipt: the payload of a JWS signed by the hub key (typ cicu-hub-receipt+jws),
 * returned when the hub accepts a submission. Proof of submission, not of delivery.
 */
export const HubReceipt = Obj({
  v: Version,
  kind: Type.Literal('hub-receipt'),
  messageId: MessageId,
  /** The envelope's `payload.digest`. */
  digest: Sha256Digest,
  receivedAt: UtcTimestamp,
  /** Index of the audit-log leaf recording the acceptance, once appended. */
  auditLeafIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  /** A signed tree head that includes that leaf. */
  treeHead: Type.Optional(TreeHeadReference),
});
export type HubReceipt = Static<typeof HubReceipt>;

/**
 * Delivery receipt: the payload of a JWS signed by the recipient node (typ
 * cicu-delivery-receipt+jws) once it has verified the message, checked the digest and stored it.
 * Proof of delivery.
 */
export const DeliveryReceipt = Obj({
  v: Version,
  kind: Type.Literal('delivery-receipt'),
  messageId: MessageId,
  digest: Sha256Digest,
  receivedAt: UtcTimestamp,
  /** The receiving unit (the message's `to`). */
  by: UnitId,
});
export type DeliveryReceipt = Static<typeof DeliveryReceipt>;
