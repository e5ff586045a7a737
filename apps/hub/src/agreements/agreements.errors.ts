import { CodedIssuesError } from '@cicu/shared';

/** Why the coordinator's change to legal bases or agreements was refused. */
export const AGREEMENTS_ERROR_CODES = [
  'VALIDATION',
  'LEGAL_BASIS_NOT_FOUND',
  'LEGAL_BASIS_EXISTS',
  /** The change would leave an agreement with a request type none of its legal bases allows. */
  'LEGAL_BASIS_IN_USE',
  /** end: it already ends on or before that day (ending never extends; an edit or amendment does). */
  'LEGAL_BASIS_ENDED',
  'AGREEMENT_NOT_FOUND',
  'AGREEMENT_EXISTS',
  'AGREEMENT_ENDED',
  'AGREEMENT_VERSION_NOT_FOUND',
] as const;
export type AgreementsErrorCode = (typeof AGREEMENTS_ERROR_CODES)[number];

export class AgreementsError extends CodedIssuesError<AgreementsErrorCode> {
  override readonly name = 'AgreementsError';
}

export function agreementsStatusOf(code: AgreementsErrorCode): 400 | 404 | 409 {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'LEGAL_BASIS_NOT_FOUND':
    case 'AGREEMENT_NOT_FOUND':
    case 'AGREEMENT_VERSION_NOT_FOUND':
      return 404;
    case 'LEGAL_BASIS_EXISTS':
    case 'LEGAL_BASIS_IN_USE':
    case 'LEGAL_BASIS_ENDED':
    case 'AGREEMENT_EXISTS':
    case 'AGREEMENT_ENDED':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
