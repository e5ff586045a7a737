import { CodedIssuesError } from '@cicu/shared';

/** Why an officer could not be created. */
export const OFFICER_ERROR_CODES = ['INVALID_OFFICER', 'USERNAME_TAKEN'] as const;
export type OfficerErrorCode = (typeof OFFICER_ERROR_CODES)[number];

export class OfficerError extends CodedIssuesError<OfficerErrorCode> {
  override readonly name = 'OfficerError';
}
