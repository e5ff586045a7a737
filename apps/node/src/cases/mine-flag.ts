import { CaseError } from './cases.errors';

/** The `mine` query parameter of the list routes: absent or "false" = all, "true" = the officer's own; anything else is refused. */
export function mineFlag(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new CaseError('VALIDATION', 'mine must be true or false', { issues: [{ path: '/mine', code: 'enum', message: 'must be one of the allowed values: "true", "false"' }] });
}
