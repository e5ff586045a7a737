import { CodedError } from '@cicu/shared';
import { type ValidationIssue } from '@cicu/protocol';

/**
 * Why the inbox refused a delivery. Stable: the hub records them and acts on the status
 * (401: its own assertion; 400/403/422: the message, do not retry; 503: retry later).
 */
export const INBOX_ERROR_CODES = [
  // the hub's assertion
  'UNAUTHENTICATED',
  'HUB_ASSERTION_INVALID',
  'REPLAY',
  // the message
  'UNSUPPORTED_MEDIA_TYPE',
  'SCHEMA',
  'WRONG_RECIPIENT',
  'BAD_SIGNATURE',
  'UNKNOWN_KEY',
  'REVOKED_KEY',
  'DECRYPTION_FAILED',
  'DUPLICATE_ID',
  // a sealed attachment: not the blob the envelope lists, or not the file the payload names (digest, size, control number)
  'ATTACHMENT_MISMATCH',
  // a sealed attachment larger than this node's ATTACHMENT_MAX_BYTES
  'ATTACHMENT_TOO_LARGE',
  // a sealed attachment the hub does not serve (yet), or the hub unreachable while fetching it: retry later
  'ATTACHMENT_UNAVAILABLE',
  // a delivery receipt that names no message this node sent to that unit with that digest
  'RECEIPT_MISMATCH',
  // this node
  'NOT_ENROLLED',
  'DIRECTORY_UNAVAILABLE',
  'AUTH_UNAVAILABLE',
] as const;
export type InboxErrorCode = (typeof INBOX_ERROR_CODES)[number];

export class InboxError extends CodedError<InboxErrorCode> {
  override readonly name = 'InboxError';

  constructor(
    code: InboxErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: ValidationIssue[] },
  ) {
    super(code, message, options);
    this.issues = options?.issues;
  }

  /** Validation issues (schema facts only, never the offending value). */
  readonly issues: ValidationIssue[] | undefined;
}

export function isInboxError(value: unknown): value is InboxError {
  return value instanceof InboxError;
}

/** The JSON body of a refusal, alone or as an item of a batch: code, message and at most 100 issues. */
export function inboxErrorBody(error: InboxError): { code: InboxErrorCode; message: string; issues?: ValidationIssue[] } {
  return { code: error.code, message: error.message, ...(error.issues && { issues: error.issues.slice(0, 100) }) };
}

/** HTTP status of each refusal: the HTTP layer's only knowledge of them. */
export function inboxHttpStatus(code: InboxErrorCode): 400 | 401 | 403 | 409 | 415 | 422 | 503 {
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'HUB_ASSERTION_INVALID':
    case 'REPLAY':
      return 401;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'SCHEMA':
      return 400;
    case 'WRONG_RECIPIENT':
      return 403;
    case 'DUPLICATE_ID':
      return 409;
    case 'BAD_SIGNATURE':
    case 'UNKNOWN_KEY':
    case 'REVOKED_KEY':
    case 'DECRYPTION_FAILED':
    case 'RECEIPT_MISMATCH':
    case 'ATTACHMENT_MISMATCH':
    case 'ATTACHMENT_TOO_LARGE':
      return 422;
    case 'NOT_ENROLLED':
    case 'ATTACHMENT_UNAVAILABLE':
    case 'DIRECTORY_UNAVAILABLE':
    case 'AUTH_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
