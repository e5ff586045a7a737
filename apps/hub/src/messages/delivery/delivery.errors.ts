import { CodedError } from '@cicu/shared';

/**
 * Refusals of delivery and of recording a delivery receipt, each with a stable code. The
 * hub's HTTP layer maps them to statuses in one place (common/hub-exception.filter.ts).
 */
export const DELIVERY_ERROR_CODES = [
  /** No such message, or not one of the caller's unit (never revealed which). */
  'MESSAGE_NOT_FOUND',
  /** Not a well-formed delivery receipt (JWS shape, typ, payload schema). */
  'RECEIPT_INVALID',
  /** The receipt is not signed by a current signing key of the recipient's node. */
  'RECEIPT_SIGNATURE_INVALID',
  /** A valid receipt, but for another message, another digest or another unit. */
  'RECEIPT_MISMATCH',
  /** GET /v1/mailbox with a limit outside 1..100. */
  'MAILBOX_LIMIT_INVALID',
  /** The request body is not a compact JWS sent as application/jose. */
  'BODY_INVALID',
  /** The recipient's node could not be reached or answered badly: retried. */
  'RECIPIENT_UNAVAILABLE',
  /** A coordinator's retry of a message the hub did not give up on (it is on its way, or acknowledged). */
  'MESSAGE_NOT_UNDELIVERABLE',
  /** A coordinator's retry while the recipient unit is suspended (its deliveries are held) or retired. */
  'RECIPIENT_NOT_ACTIVE',
] as const;
export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export class DeliveryError extends CodedError<DeliveryErrorCode> {
  override readonly name = 'DeliveryError';
}

export function isDeliveryError(value: unknown): value is DeliveryError {
  return value instanceof DeliveryError;
}
