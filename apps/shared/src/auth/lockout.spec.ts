import { decideLogin, type LoginState } from './lockout';

const policy = { maxFailures: 3, lockoutSeconds: 60 };
const now = new Date('2026-01-01T12:00:00Z');
const state = (change: Partial<LoginState> = {}): LoginState => ({ status: 'active', failedLogins: 0, lockedUntil: null, ...change });

describe('decideLogin (the lockout rule of every account)', () => {
  it('lets the right password in, resetting a count only when there is one', () => {
    expect(decideLogin(state(), true, now, policy)).toEqual({ outcome: 'success', update: undefined });
    expect(decideLogin(state({ failedLogins: 2 }), true, now, policy)).toEqual({ outcome: 'success', update: { status: 'active', failedLogins: 0, lockedUntil: null } });
  });

  it('counts wrong passwords and locks at the limit, for lockoutSeconds', () => {
    expect(decideLogin(state({ failedLogins: 1 }), false, now, policy)).toEqual({ outcome: 'invalid', update: { status: 'active', failedLogins: 2, lockedUntil: null } });
    const lockedUntil = new Date(now.getTime() + 60_000);
    expect(decideLogin(state({ failedLogins: 2 }), false, now, policy)).toEqual({ outcome: 'locked', update: { status: 'locked', failedLogins: 3, lockedUntil }, lockedUntil, lockedNow: true });
  });

  it('refuses even the right password while locked, and starts a fresh count once the lock ran out', () => {
    const lockedUntil = new Date(now.getTime() + 1000);
    expect(decideLogin(state({ status: 'locked', failedLogins: 3, lockedUntil }), true, now, policy)).toEqual({ outcome: 'locked', update: undefined, lockedUntil, lockedNow: false });
    const expired = state({ status: 'locked', failedLogins: 3, lockedUntil: new Date(now.getTime() - 1) });
    expect(decideLogin(expired, false, now, policy)).toEqual({ outcome: 'invalid', update: { status: 'active', failedLogins: 1, lockedUntil: null } });
    expect(decideLogin(expired, true, now, policy)).toMatchObject({ outcome: 'success', update: { status: 'active', failedLogins: 0 } });
  });

  it('never lets a disabled account in', () => {
    expect(decideLogin(state({ status: 'disabled' }), true, now, policy)).toEqual({ outcome: 'disabled' });
  });
});
