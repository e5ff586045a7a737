import { CodedIssuesError } from '@cicu/shared';

/** Why an account could not be created. */
export const ACCOUNT_ERROR_CODES = ['INVALID_ACCOUNT', 'USERNAME_TAKEN', 'COORDINATOR_EXISTS'] as const;
export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

export class AccountError extends CodedIssuesError<AccountErrorCode> {
  override readonly name = 'AccountError';
}

export function accountStatusOf(code: AccountErrorCode): 400 | 409 {
  switch (code) {
    case 'INVALID_ACCOUNT':
      return 400;
    case 'USERNAME_TAKEN':
    case 'COORDINATOR_EXISTS':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
