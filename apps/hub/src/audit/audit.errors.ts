import { CodedError } from '@cicu/shared';

/** Refusals of the audit-log API, each with a stable code (statuses: auditStatusOf in hub-exception.filter.ts). */
export const AUDIT_ERROR_CODES = [
  /** A query parameter is not an integer in its allowed range (e.g. a page size over the limit). */
  'AUDIT_PARAM_INVALID',
  /** A tree size is 0 or larger than the log. */
  'TREE_SIZE_OUT_OF_RANGE',
  /** A leaf index is not below the tree size asked for. */
  'LEAF_INDEX_OUT_OF_RANGE',
  /** A consistency proof from a larger to a smaller tree. */
  'SIZES_NOT_ORDERED',
  /** No signed tree head of that size (heads are issued for some sizes only), or none yet. */
  'TREE_HEAD_NOT_FOUND',
] as const;
export type AuditErrorCode = (typeof AUDIT_ERROR_CODES)[number];

export class AuditError extends CodedError<AuditErrorCode> {
  override readonly name = 'AuditError';
}
