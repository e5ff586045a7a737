import { CodedIssuesError } from '@cicu/shared';
import { type DirectoryErrorCode } from '../directory/directory.errors';

/**
 * Refusals of node enrolment and of the key lifecycle (docs/adr-key-lifecycle.md). Stable: the
 * node's enrol and rotate-keys commands print them. Messages never carry a token or key material.
 */
export const KEY_LIFECYCLE_ERROR_CODES = [
  // A body or parameter that fails its schema; `issues` lists each wrong field.
  'VALIDATION',
  // The enrolment token: unknown (never issued, forged, mistyped), past its expiry, or spent.
  'ENROLLMENT_TOKEN_INVALID',
  'ENROLLMENT_TOKEN_EXPIRED',
  'ENROLLMENT_TOKEN_USED',
  // The proof of possession: malformed, badly signed, expired, for another hub, token or node.
  'PROOF_INVALID',
  // The proof is not signed by a signing key it submits.
  'PROOF_KEY_MISMATCH',
] as const;
export type KeyLifecycleErrorCode = (typeof KEY_LIFECYCLE_ERROR_CODES)[number];

export class KeyLifecycleError extends CodedIssuesError<KeyLifecycleErrorCode> {
  override readonly name = 'KeyLifecycleError';
}

/** HTTP status of each refusal: the one place the HTTP layer knows them. */
export function keyLifecycleStatusOf(code: KeyLifecycleErrorCode): 400 | 401 | 409 {
  switch (code) {
    case 'VALIDATION':
    case 'PROOF_INVALID':
    case 'PROOF_KEY_MISMATCH':
      return 400;
    // The token is the credential of the enrolment call: without a valid one it is unauthenticated.
    case 'ENROLLMENT_TOKEN_INVALID':
    case 'ENROLLMENT_TOKEN_EXPIRED':
      return 401;
    case 'ENROLLMENT_TOKEN_USED':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/**
 * HTTP status of the directory's refusals, as routes that change the directory raise them.
 * Exhaustive: a new directory code does not compile until its status is decided here.
 */
export function directoryStatusOf(code: DirectoryErrorCode): 400 | 404 | 409 | 500 {
  switch (code) {
    case 'INBOX_URL_INVALID':
    case 'JWKS_INVALID':
    case 'NODE_ID_INVALID':
      return 400;
    case 'UNIT_NOT_FOUND':
    case 'NODE_NOT_FOUND':
    case 'KEY_NOT_FOUND':
      return 404;
    case 'UNIT_NOT_ACTIVE':
    case 'NODE_ALREADY_REGISTERED':
    case 'KEY_ALREADY_REGISTERED':
    case 'NODE_NOT_PENDING':
    case 'NODE_NOT_ACTIVE':
    case 'KEY_ALREADY_REVOKED':
      return 409;
    // Start-up only (seed, demo file): reaching HTTP would be a defect of ours.
    case 'SEED_NOT_FOUND':
    case 'SEED_INVALID':
    case 'DEMO_NODES_INVALID':
      return 500;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
