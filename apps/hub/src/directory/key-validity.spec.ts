import { type NodeKeyView } from './directory.views';
import { keyRefusalAt } from './key-validity';

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

describe('keyRefusalAt (hub)', () => {
  it('calls a missing key or one of the other use unknown', () => {
    expect(keyRefusalAt(undefined, 'sig', at(0))).toEqual({ reason: 'UNKNOWN_KEY', why: 'the kid is not in the directory' });
    expect(keyRefusalAt(key(), 'enc', at(0))).toEqual({ reason: 'UNKNOWN_KEY', why: 'the kid names a signing key' });
    expect(keyRefusalAt(key({ use: 'enc' }), 'sig', at(0))).toEqual({ reason: 'UNKNOWN_KEY', why: 'the kid names an encryption key' });
  });

  it('judges the directory dates by the protocol key states, to the millisecond', () => {
    expect(keyRefusalAt(key({ revokedAt: at(0) }), 'sig', at(-1))).toBeUndefined();
    expect(keyRefusalAt(key({ revokedAt: at(0) }), 'sig', at(0))?.reason).toBe('REVOKED_KEY');
    expect(keyRefusalAt(key({ supersededBy: 'n'.repeat(43), retiresAt: at(0) }), 'sig', at(-1))).toBeUndefined();
    expect(keyRefusalAt(key({ supersededBy: 'n'.repeat(43), retiresAt: at(0) }), 'sig', at(0))?.reason).toBe('UNKNOWN_KEY');
    expect(keyRefusalAt(key({ notAfter: at(0) }), 'sig', at(0))?.reason).toBe('REVOKED_KEY');
  });
});
