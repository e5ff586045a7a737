import { type ValidationIssue } from '@cicu/protocol';

/**
 * Base of every app-side error that carries a stable string code (directory, keyring,
 * authentication, …). Business code throws these; the HTTP layer maps codes to statuses in
 * one place. Messages never carry secrets, tokens or personal data.
 */
export abstract class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A CodedError that may list validation issues (a refused body: each wrong field, never its value). */
export abstract class CodedIssuesError<Code extends string> extends CodedError<Code> {
  constructor(
    code: Code,
    message: string,
    readonly issues: ValidationIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
