import { type PersonalDataKind, type ValidationIssue } from '@cicu/protocol';
import { CodedError } from '@cicu/shared';

/**
 * Why the hub refused an officer's action in the experience-sharing space (library, forum),
 * whatever the capability. Stable: nodes show them to the officer and act on them
 * (PERSONAL_DATA_SUSPECTED → the findings, an override per finding may be resubmitted).
 */
export const SHARING_ERROR_CODES = [
  /** The action JWS is missing, malformed, of another typ, not signed by a current key of the calling node, or its claims fail the schema. */
  'ACTION_INVALID',
  /** The action names another unit, another action, or a digest that is not the digest of the submitted content. */
  'ACTION_MISMATCH',
  /** Its iat is outside the hub's clock skew. */
  'ACTION_EXPIRED',
  /** Its jti was used before. */
  'ACTION_REPLAY',
  /** The personal-data guard found something; `findings` lists what and where (masked). */
  'PERSONAL_DATA_SUSPECTED',
  /** An override names no finding of the guard (the content changed, or the offsets are wrong). */
  'OVERRIDE_NOT_MATCHED',
  /** The replay cache (Redis) does not answer: refused rather than unprotected. */
  'SHARING_UNAVAILABLE',
] as const;
export type SharingErrorCode = (typeof SHARING_ERROR_CODES)[number];

/** A finding of the guard as the author and the coordinators see it: where, what, and its masked shape. */
export interface SharingFinding {
  /** `title`, `summary`, `tags/2`, `fileName`, `file` (the extracted text), `overrides/0` (a justification). */
  location: string;
  kind: PersonalDataKind;
  /** UTF-16 offsets into the text at `location`. */
  start: number;
  end: number;
  excerpt: string;
}

export class SharingError extends CodedError<SharingErrorCode> {
  override readonly name = 'SharingError';

  constructor(
    code: SharingErrorCode,
    message: string,
    readonly details: { issues?: ValidationIssue[]; findings?: SharingFinding[] } = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** HTTP status of each refusal (the hub's exception filter uses it). */
export function sharingStatusOf(code: SharingErrorCode): 403 | 409 | 422 | 503 {
  switch (code) {
    // The node is authenticated (client assertion); it is the officer's action it signed that is not acceptable.
    case 'ACTION_INVALID':
    case 'ACTION_MISMATCH':
      return 403;
    case 'ACTION_REPLAY':
      return 409;
    case 'ACTION_EXPIRED':
    case 'PERSONAL_DATA_SUSPECTED':
    case 'OVERRIDE_NOT_MATCHED':
      return 422;
    case 'SHARING_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
