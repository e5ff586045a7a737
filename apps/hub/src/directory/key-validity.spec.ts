import { type NodeKeyView } from './directory.views';
import { keyRefusalAt, keyStateAt } from './key-validity';

const T = Date.parse('2026-06-01T12:00:00Z');
const at = (offsetMs: number) => new Date(T + offsetMs);

function key(overrides: Partial<NodeKeyView> = {}): NodeKeyView {
  return {
    kid: 'k'.repeat(43),
    nodeId: '0b6f0c52-4a55-4bb5-9d32-7c4a0c1b6a01',
    unitId: 'FR-CYBERDOUANE',
    nodeStatus: 'active',
    use: 'sig',
    alg: 'EdDSA',
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k'.repeat(43), use: 'sig', alg: 'EdDSA' },
    notBefore: at(-86_400_000),
    notAfter: null,
    revokedAt: null,
    supersededBy: null,
    retiresAt: null,
    ...overrides,
  };
}

describe('keyStateAt / keyRefusalAt', () => {
  it('refuses a revoked key from its effective time on, not a millisecond before', () => {
    const revoked = key({ revokedAt: at(0) });
    expect(keyStateAt(revoked, at(-1))).toBe('active');
    expect(keyRefusalAt(revoked, 'sig', at(-1))).toBeUndefined();
    expect(keyRefusalAt(revoked, 'sig', at(0))).toEqual({ reason: 'REVOKED_KEY', why: 'the key was revoked' });
    expect(keyRefusalAt(revoked, 'sig', at(1))?.reason).toBe('REVOKED_KEY');
  });

  it('keeps a replaced key valid until the end of its overlap window, then calls it unknown', () => {
    const replaced = key({ supersededBy: 'n'.repeat(43), retiresAt: at(0) });
    expect(keyStateAt(replaced, at(-1))).toBe('retiring');
    expect(keyRefusalAt(replaced, 'sig', at(-1))).toBeUndefined();
    expect(keyStateAt(replaced, at(0))).toBe('retired');
    expect(keyRefusalAt(replaced, 'sig', at(0))?.reason).toBe('UNKNOWN_KEY');
  });

  it('calls an expired key revoked (protocol §10), a future or missing one unknown, and a key of the other use unknown', () => {
    expect(keyRefusalAt(key({ notAfter: at(0) }), 'sig', at(0))).toEqual({ reason: 'REVOKED_KEY', why: 'the key has expired' });
    expect(keyRefusalAt(key({ notAfter: at(1) }), 'sig', at(0))).toBeUndefined();
    expect(keyRefusalAt(key({ notBefore: at(1) }), 'sig', at(0))?.reason).toBe('UNKNOWN_KEY');
    expect(keyRefusalAt(undefined, 'sig', at(0))?.reason).toBe('UNKNOWN_KEY');
    expect(keyRefusalAt(key(), 'enc', at(0))).toEqual({ reason: 'UNKNOWN_KEY', why: 'the kid names a signing key' });
  });

  it('names a revocation before an expiry or a retirement', () => {
    expect(keyStateAt(key({ revokedAt: at(-2), notAfter: at(-1), supersededBy: 'n'.repeat(43), retiresAt: at(-1) }), at(0))).toBe('revoked');
    expect(keyStateAt(key({ notAfter: at(-1), supersededBy: 'n'.repeat(43), retiresAt: at(-1) }), at(0))).toBe('expired');
  });
});
