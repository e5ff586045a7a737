import { type ValidationIssue } from '@cicu/protocol';
import { CodedIssuesError } from '@cicu/shared';

/**
 * Why the node refused an officer's request. Stable: the web client acts on them
 * (UNAUTHENTICATED → log in again; ACCOUNT_LOCKED → wait).
 */
export const AUTH_ERROR_CODES = ['VALIDATION', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'UNAUTHENTICATED', 'FORBIDDEN', 'AUTH_UNAVAILABLE'] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export class AuthError extends CodedIssuesError<AuthErrorCode> {
  override readonly name = 'AuthError';
}

export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError;
}

/** HTTP status of each refusal (the HTTP layer's only knowledge of them). */
export function httpStatusOf(code: AuthErrorCode): 400 | 401 | 403 | 423 | 503 {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'INVALID_CREDENTIALS':
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    // RFC 4918 §11.3: the resource (the account) is locked; the client should wait, not retry.
    case 'ACCOUNT_LOCKED':
      return 423;
    case 'AUTH_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/** The `{code, message[, issues]}` body of a refusal. */
export function bodyOf(error: AuthError): { code: AuthErrorCode; message: string; issues?: ValidationIssue[] } {
  return error.code === 'VALIDATION' ? { code: error.code, message: error.message, issues: error.issues } : { code: error.code, message: error.message };
}
