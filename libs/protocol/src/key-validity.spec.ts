import { keyStateAt, keyStateRefusal, type KeyTimes } from './key-validity';

const T = Date.parse('2026-06-01T12:00:00Z');
const key = (overrides: Partial<KeyTimes> = {}): KeyTimes => ({ notBefore: T - 86_400_000, notAfter: null, revokedAt: null, retiresAt: null, ...overrides });

describe('keyStateAt / keyStateRefusal', () => {
  it('refuses a revoked key from its effective time on, not a millisecond before', () => {
    expect(keyStateAt(key({ revokedAt: T }), T - 1)).toBe('active');
    expect(keyStateAt(key({ revokedAt: T }), T)).toBe('revoked');
    expect(keyStateAt(key({ revokedAt: T }), T + 1)).toBe('revoked');
    expect(keyStateRefusal('revoked')).toEqual({ reason: 'REVOKED_KEY', why: 'the key was revoked' });
  });

  it('keeps a replaced key valid until the end of its overlap window, then calls it unknown', () => {
    expect(keyStateAt(key({ retiresAt: T }), T - 1)).toBe('retiring');
    expect(keyStateRefusal('retiring')).toBeUndefined();
    expect(keyStateAt(key({ retiresAt: T }), T)).toBe('retired');
    expect(keyStateRefusal('retired')?.reason).toBe('UNKNOWN_KEY');
  });

  it('calls an expired key revoked (REVOKED_KEY: "revoked or expired") and one not valid yet unknown', () => {
    expect(keyStateAt(key({ notAfter: T }), T)).toBe('expired');
    expect(keyStateAt(key({ notAfter: T + 1 }), T)).toBe('active');
    expect(keyStateRefusal('expired')).toEqual({ reason: 'REVOKED_KEY', why: 'the key has expired' });
    expect(keyStateAt(key({ notBefore: T + 1 }), T)).toBe('not-yet-valid');
    expect(keyStateRefusal('not-yet-valid')?.reason).toBe('UNKNOWN_KEY');
  });

  it('names a revocation before an expiry, and an expiry before a retirement', () => {
    expect(keyStateAt(key({ revokedAt: T - 2, notAfter: T - 1, retiresAt: T - 1 }), T)).toBe('revoked');
    expect(keyStateAt(key({ notAfter: T - 1, retiresAt: T - 1 }), T)).toBe('expired');
  });
});
