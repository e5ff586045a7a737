import { canonicalJson, generateSigningKeyPair, importPrivateJwk, signJws } from '@cicu/crypto';
import { SHARING_ACTION_TYP, type SharingActionClaims } from '@cicu/protocol';
import { type ActionJtiCache } from './action-jti-cache';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { type DirectoryService } from '../directory/directory.service';
import { type NodeKeyView } from '../directory/directory.views';
import { SharingActionService } from './sharing-action.service';

const NOW = new Date('2026-06-01T12:00:00Z');
const DIGEST = `sha256:${'ab'.repeat(32)}`;

async function keyOf(nodeId: string, unitId: string, extra: Partial<NodeKeyView> = {}) {
  const pair = await generateSigningKeyPair('Ed25519');
  const view: NodeKeyView = { kid: pair.kid, nodeId, unitId, nodeStatus: 'active', use: 'sig', alg: 'EdDSA', publicJwk: pair.publicJwk, notBefore: new Date(0), notAfter: null, revokedAt: null, ...extra } as NodeKeyView;
  return { view, sign: (claims: unknown, typ = SHARING_ACTION_TYP) => signJws(canonicalJson(claims), importPrivateJwk(pair.privateJwk), { alg: 'EdDSA', kid: pair.kid, typ }) };
}

describe('SharingActionService', () => {
  const node: AuthenticatedNode = { nodeId: '11111111-1111-4111-8111-111111111111', unitId: 'FR-CYBERDOUANE', kid: 'k' };
  let keys: Map<string, NodeKeyView>;
  let seen: Set<string>;
  let cacheDown: boolean;
  let service: SharingActionService;
  let own: Awaited<ReturnType<typeof keyOf>>;

  const claims = (overrides: Partial<SharingActionClaims> = {}): SharingActionClaims => ({
    v: 1,
    kind: 'sharing-action',
    action: 'library.document.create',
    officer: { id: '22222222-2222-4222-8222-222222222222', displayName: 'FR author' },
    unit: 'FR-CYBERDOUANE',
    digest: DIGEST,
    iat: Math.floor(NOW.getTime() / 1000),
    jti: `jti-${Math.random().toString(36).slice(2)}-abcdefgh`,
    ...overrides,
  });
  const verify = (jws: unknown) => service.verify(node, jws, { action: 'library.document.create', digest: DIGEST }, NOW);
  const refusal = (jws: unknown) => verify(jws).then(() => undefined, (e: { code: string }) => e.code);

  beforeEach(async () => {
    keys = new Map();
    seen = new Set();
    cacheDown = false;
    own = await keyOf(node.nodeId, node.unitId);
    keys.set(own.view.kid, own.view);
    const directory = { view: async () => ({ key: (kid: string) => keys.get(kid) }) } as unknown as DirectoryService;
    const jtis = {
      firstUse: async (nodeId: string, jti: string) => {
        if (cacheDown) throw new Error('redis down');
        const key = `${nodeId}:${jti}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      },
    } as unknown as ActionJtiCache;
    service = new SharingActionService(directory, jtis);
  });

  it('accepts an action signed by the calling node for its unit, this route and this digest, and returns it for keeping', async () => {
    const jws = await own.sign(claims());
    const verified = await verify(jws);
    expect(verified).toMatchObject({ jws, kid: own.view.kid, claims: { officer: { displayName: 'FR author' }, unit: 'FR-CYBERDOUANE' } });
    expect(verified.jwsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses a replayed action, and fails closed when the replay cache does not answer', async () => {
    const jws = await own.sign(claims());
    await verify(jws);
    expect(await refusal(jws)).toBe('ACTION_REPLAY');
    cacheDown = true;
    expect(await refusal(await own.sign(claims()))).toBe('SHARING_UNAVAILABLE');
  });

  it("refuses an action signed by another node's key, a revoked key, or under another typ", async () => {
    const other = await keyOf('33333333-3333-4333-8333-333333333333', 'DE-ZIRE');
    keys.set(other.view.kid, other.view);
    expect(await refusal(await other.sign(claims()))).toBe('ACTION_INVALID');
    const revoked = await keyOf(node.nodeId, node.unitId, { revokedAt: new Date(0) });
    keys.set(revoked.view.kid, revoked.view);
    expect(await refusal(await revoked.sign(claims()))).toBe('ACTION_INVALID');
    expect(await refusal(await own.sign(claims(), 'cicu-request+jws'))).toBe('ACTION_INVALID');
    expect(await refusal(undefined)).toBe('ACTION_INVALID');
    expect(await refusal('not.a.jws')).toBe('ACTION_INVALID');
  });

  it('refuses claims that fail the schema, name another unit, action or digest, or are too old or too new', async () => {
    expect(await refusal(await own.sign({ ...claims(), extra: 1 }))).toBe('ACTION_INVALID');
    expect(await refusal(await own.sign(claims({ unit: 'DE-ZIRE' })))).toBe('ACTION_MISMATCH');
    expect(await refusal(await own.sign(claims({ action: 'library.version.create' })))).toBe('ACTION_MISMATCH');
    expect(await refusal(await own.sign(claims({ digest: `sha256:${'cd'.repeat(32)}` })))).toBe('ACTION_MISMATCH');
    expect(await refusal(await own.sign(claims({ iat: Math.floor(NOW.getTime() / 1000) - 301 })))).toBe('ACTION_EXPIRED');
    expect(await refusal(await own.sign(claims({ iat: Math.floor(NOW.getTime() / 1000) + 301 })))).toBe('ACTION_EXPIRED');
  });
});
