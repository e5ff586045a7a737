import { type AuditActor } from '../audit/audit-event';
import { type AdminRole } from './admin-roles';

/** What may be shown of an account: never the hash, never the lockout counters. */
export interface AdminAccountView {
  id: string;
  username: string;
  displayName: string;
  role: AdminRole;
  status: 'active' | 'locked' | 'disabled';
  passwordChangeRequired: boolean;
}

/** The coordinator or auditor a verified access token speaks for, re-read from the database. */
export interface AuthenticatedAdmin extends AdminAccountView {
  kind: 'admin';
  /** The login session the token belongs to (logout ends it). */
  sessionId: string;
}

export function isAuthenticatedAdmin(user: unknown): user is AuthenticatedAdmin {
  return typeof user === 'object' && user !== null && (user as { kind?: unknown }).kind === 'admin';
}

/** The audit log's name for the account: its role and id (never its username). */
export function actorOf(account: Pick<AdminAccountView, 'id' | 'role'>): AuditActor {
  return { kind: account.role, accountId: account.id };
}
