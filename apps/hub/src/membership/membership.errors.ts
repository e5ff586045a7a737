import { CodedIssuesError } from '@cicu/shared';

/**
 * Why the coordinator's change to membership was refused. The lifecycle of a unit is
 * active ⇄ suspended (suspend, reinstate), active | suspended → retired (retire, final);
 * each illegal step has its own code.
 */
export const MEMBERSHIP_ERROR_CODES = [
  'VALIDATION',
  'MEMBER_STATE_NOT_FOUND',
  'MEMBER_STATE_EXISTS',
  'UNIT_NOT_FOUND',
  'UNIT_EXISTS',
  /** suspend: only an active unit can be suspended. */
  'UNIT_NOT_ACTIVE',
  /** reinstate: only a suspended unit can be reinstated. */
  'UNIT_NOT_SUSPENDED',
  /** Retirement is final: a retired unit is neither edited, suspended, reinstated nor retired again. */
  'UNIT_RETIRED',
] as const;
export type MembershipErrorCode = (typeof MEMBERSHIP_ERROR_CODES)[number];

export class MembershipError extends CodedIssuesError<MembershipErrorCode> {
  override readonly name = 'MembershipError';
}

export function membershipStatusOf(code: MembershipErrorCode): 400 | 404 | 409 {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'MEMBER_STATE_NOT_FOUND':
    case 'UNIT_NOT_FOUND':
      return 404;
    case 'MEMBER_STATE_EXISTS':
    case 'UNIT_EXISTS':
    case 'UNIT_NOT_ACTIVE':
    case 'UNIT_NOT_SUSPENDED':
    case 'UNIT_RETIRED':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
