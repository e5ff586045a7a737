import { REQUEST_STATUSES, type RequestStatus } from './case-status';
import { CaseError } from './cases.errors';

/** The `mine` query parameter of the list routes: absent or "false" = all, "true" = the officer's own; anything else is refused. */
export function mineFlag(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new CaseError('VALIDATION', 'mine must be true or false', { issues: [{ path: '/mine', code: 'enum', message: 'must be one of the allowed values: "true", "false"' }] });
}

/**
 * The `status` query parameter of GET /v1/requests: absent = every status, else one of the
 * stored statuses. Anything else (a misspelling, a repeated parameter) is refused: an empty
 * list would read as "no such requests".
 */
export function statusFilter(value: unknown): RequestStatus | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value)) return value as RequestStatus;
  throw new CaseError('VALIDATION', 'status is not a request status', { issues: [{ path: '/status', code: 'enum', message: `must be one of ${REQUEST_STATUSES.join(', ')}` }] });
}
