import { CodedIssuesError } from '@cicu/shared';

/**
 * Why the hub refused a person (coordinator, auditor) or a route. Stable: clients act on them
 * (UNAUTHENTICATED → refresh or log in again; ACCOUNT_LOCKED → wait; PASSWORD_CHANGE_REQUIRED
 * → POST /v1/admin/auth/password first). Node refusals are NodeAuthError's.
 */
export const ACCESS_ERROR_CODES = ['VALIDATION', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'UNAUTHENTICATED', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED'] as const;
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

export class AccessError extends CodedIssuesError<AccessErrorCode> {
  override readonly name = 'AccessError';
}

/** HTTP status of each refusal (the HTTP layer's only knowledge of them). */
export function accessStatusOf(code: AccessErrorCode): 400 | 401 | 403 | 423 {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'INVALID_CREDENTIALS':
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'PASSWORD_CHANGE_REQUIRED':
      return 403;
    // RFC 4918 §11.3: the resource (the account) is locked; the client should wait, not retry.
    case 'ACCOUNT_LOCKED':
      return 423;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
