import { CodedError } from '@cicu/shared';
import { type RefusalReason, type ValidationIssue } from '@cicu/protocol';

/**
 * Why the hub refused a submitted message: exactly the protocol's refusal reasons
 * (docs/protocol.md §10), so the code a node reads is the `reason` of the signed refusal.
 */
export type SubmissionErrorCode = RefusalReason;

export class SubmissionError extends CodedError<SubmissionErrorCode> {
  override readonly name = 'SubmissionError';
  /** Set once the message id is known and the refusal was audited: the hub-signed refusal JWS. */
  refusal: string | undefined;

  constructor(
    code: SubmissionErrorCode,
    message: string,
    /** Only with SCHEMA: the validation issues (never the offending values). */
    readonly issues?: ValidationIssue[],
  ) {
    super(code, message);
  }
}

export function isSubmissionError(value: unknown): value is SubmissionError {
  return value instanceof SubmissionError;
}
