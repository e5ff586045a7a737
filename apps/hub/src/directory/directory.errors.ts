import { CodedError } from '@cicu/shared';
/**
 * Refusals of the directory, each with a stable code. The HTTP layer (once routes that can
 * raise them exist) maps codes to statuses in one place; messages never carry key material.
 */
export const DIRECTORY_ERROR_CODES = [
  'SEED_NOT_FOUND',
  'SEED_INVALID',
  'UNIT_NOT_FOUND',
  'UNIT_NOT_ACTIVE',
  'INBOX_URL_INVALID',
  'JWKS_INVALID',
  'NODE_ID_INVALID',
  'NODE_ALREADY_REGISTERED',
  'DEMO_NODES_INVALID',
  'KEY_ALREADY_REGISTERED',
  'NODE_NOT_FOUND',
  'NODE_NOT_PENDING',
  'NODE_NOT_ACTIVE',
  'KEY_NOT_FOUND',
  'KEY_ALREADY_REVOKED',
] as const;
export type DirectoryErrorCode = (typeof DIRECTORY_ERROR_CODES)[number];

export class DirectoryError extends CodedError<DirectoryErrorCode> {
  override readonly name = 'DirectoryError';
}

export function isDirectoryError(value: unknown): value is DirectoryError {
  return value instanceof DirectoryError;
}
