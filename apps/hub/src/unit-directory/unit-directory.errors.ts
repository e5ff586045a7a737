import { type ValidationIssue } from '@cicu/protocol';
import { CodedError } from '@cicu/shared';

/** Why the hub refused a unit-directory request (docs/adr-forum.md). */
export const UNIT_DIRECTORY_ERROR_CODES = [
  /** The body or its content fails validation; `issues` lists each wrong member. */
  'VALIDATION',
  /** A node edits its own unit's profile only. */
  'NOT_OWN_UNIT',
  /** The update was made on an older version of the profile than the current one. */
  'PROFILE_CONFLICT',
] as const;
export type UnitDirectoryErrorCode = (typeof UNIT_DIRECTORY_ERROR_CODES)[number];

export class UnitDirectoryError extends CodedError<UnitDirectoryErrorCode> {
  override readonly name = 'UnitDirectoryError';

  constructor(
    code: UnitDirectoryErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(code, message);
  }
}

export function unitDirectoryStatusOf(code: UnitDirectoryErrorCode): 400 | 403 | 409 {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'NOT_OWN_UNIT':
      return 403;
    case 'PROFILE_CONFLICT':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
