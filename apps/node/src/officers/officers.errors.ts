import { CodedError } from '@cicu/shared';
import { type ValidationIssue } from '@cicu/protocol';

/** Why an officer could not be created. */
export const OFFICER_ERROR_CODES = ['INVALID_OFFICER', 'USERNAME_TAKEN'] as const;
export type OfficerErrorCode = (typeof OFFICER_ERROR_CODES)[number];

export class OfficerError extends CodedError<OfficerErrorCode> {
  override readonly name = 'OfficerError';

  constructor(code: OfficerErrorCode, message: string, readonly issues: ValidationIssue[] = [], options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
