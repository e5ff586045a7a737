import { CodedError } from '@cicu/shared';

/** Why the node has no usable directory, or refused what the hub sent. */
export const NODE_DIRECTORY_ERROR_CODES = [
  'HUB_TRUST_MISSING',
  'HUB_JWKS_INVALID',
  'SNAPSHOT_INVALID',
  'SNAPSHOT_ROLLBACK',
  'DIRECTORY_UNAVAILABLE',
] as const;
export type NodeDirectoryErrorCode = (typeof NODE_DIRECTORY_ERROR_CODES)[number];

export class NodeDirectoryError extends CodedError<NodeDirectoryErrorCode> {
  override readonly name = 'NodeDirectoryError';
}
