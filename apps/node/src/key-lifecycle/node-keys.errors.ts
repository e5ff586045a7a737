import { CodedError } from '@cicu/shared';

/** Why the node's enrol or rotate-keys command stopped before asking the hub anything. */
export const NODE_KEYS_ERROR_CODES = ['NOT_ENROLLED'] as const;
export type NodeKeysErrorCode = (typeof NODE_KEYS_ERROR_CODES)[number];

export class NodeKeysError extends CodedError<NodeKeysErrorCode> {
  override readonly name = 'NodeKeysError';
}
