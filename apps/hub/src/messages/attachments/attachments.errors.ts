import { CodedError } from '@cicu/shared';

/** Refusals of the sealed-attachment routes (PUT/GET /v1/messages/{id}/attachments/{n}); HTTP statuses in attachmentStatusOf. */
export const ATTACHMENT_ERROR_CODES = [
  /** No such blob for the caller: unknown message or index, not the recipient, or deleted after the receipt. */
  'ATTACHMENT_NOT_FOUND',
  /** The message id is not a UUIDv7 or the index is not an integer in 0..99. */
  'ATTACHMENT_ADDRESS_INVALID',
  /** The body is not a compact JWE sent as application/jose. */
  'ATTACHMENT_BODY_INVALID',
  /** Longer than the JWE of ATTACHMENT_MAX_BYTES. */
  'ATTACHMENT_TOO_LARGE',
  /** The message was accepted: its attachments are what it listed, nothing changes them now. */
  'ATTACHMENT_SEALED',
  /** Another node uploaded under this message id first. */
  'ATTACHMENT_CONFLICT',
] as const;
export type AttachmentErrorCode = (typeof ATTACHMENT_ERROR_CODES)[number];

export class AttachmentError extends CodedError<AttachmentErrorCode> {
  override readonly name = 'AttachmentError';
}

export function attachmentStatusOf(code: AttachmentErrorCode): 400 | 404 | 409 | 413 | 415 {
  switch (code) {
    case 'ATTACHMENT_NOT_FOUND':
      return 404;
    case 'ATTACHMENT_ADDRESS_INVALID':
      return 400;
    case 'ATTACHMENT_BODY_INVALID':
      return 415;
    case 'ATTACHMENT_TOO_LARGE':
      return 413;
    case 'ATTACHMENT_SEALED':
    case 'ATTACHMENT_CONFLICT':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
