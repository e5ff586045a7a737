/** The states of a person's account (officer, coordinator, auditor). */
export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** What login reads and writes of an account. */
export interface LoginState {
  status: AccountStatus;
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  /** Consecutive failed logins that lock an account. */
  maxFailures: number;
  /** How long a lock lasts. */
  lockoutSeconds: number;
}

/**
 * What one login attempt does to an account, decided under its row lock:
 * - `success`: the password matched; `update` resets the count when there was one;
 * - `invalid`: a wrong password, counted;
 * - `locked`: refused because the account is locked, or becomes locked by this failure
 *   (`lockedNow`), until `lockedUntil`;
 * - `disabled`: the account may not log in (answered like a wrong password).
 */
export type LoginDecision =
  | { outcome: 'success'; update: LoginState | undefined }
  | { outcome: 'invalid'; update: LoginState }
  | { outcome: 'locked'; update: LoginState | undefined; lockedUntil: Date; lockedNow: boolean }
  | { outcome: 'disabled' };

export function isLocked(state: Pick<LoginState, 'status' | 'lockedUntil'>, now: Date): boolean {
  return state.status === 'locked' && state.lockedUntil !== null && state.lockedUntil > now;
}

/**
 * The lockout rule, in one place for every kind of account: `maxFailures` consecutive
 * failures lock the account for `lockoutSeconds`; while locked the password does not count
 * (guessing during a lock learns nothing); a success resets the count; a lock that has run
 * out starts a fresh count.
 */
export function decideLogin(state: LoginState, passwordMatches: boolean, now: Date, policy: LockoutPolicy): LoginDecision {
  if (state.status === 'disabled') return { outcome: 'disabled' };
  if (isLocked(state, now)) return { outcome: 'locked', update: undefined, lockedUntil: state.lockedUntil as Date, lockedNow: false };
  if (passwordMatches) {
    const clean = state.failedLogins === 0 && state.status === 'active';
    return { outcome: 'success', update: clean ? undefined : { status: 'active', failedLogins: 0, lockedUntil: null } };
  }
  const failures = (state.status === 'locked' ? 0 : state.failedLogins) + 1;
  if (failures >= policy.maxFailures) {
    const lockedUntil = new Date(now.getTime() + policy.lockoutSeconds * 1000);
    return { outcome: 'locked', update: { status: 'locked', failedLogins: failures, lockedUntil }, lockedUntil, lockedNow: true };
  }
  return { outcome: 'invalid', update: { status: 'active', failedLogins: failures, lockedUntil: null } };
}
