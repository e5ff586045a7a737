import { DirectoryIndex } from './directory-index';
import { type NodeKeyRecord } from './directory.repository';
import { type NodeEntity, type NodeStatus } from './node.entity';
import { type NodeKeyEntity } from './node-key.entity';
import { type UnitEntity } from './unit.entity';

const node = (id: string, unitId: string, status: NodeStatus, createdAt: string): NodeEntity =>
  ({ id, unitId, status, inboxUrl: `https://${id}.example/v1/inbox`, createdAt: new Date(createdAt) }) as NodeEntity;

const indexOf = (nodes: NodeEntity[]) => new DirectoryIndex({ generation: 1, units: [], nodes, keys: [], agreements: [], legalBases: [] });

describe('DirectoryIndex nodes', () => {
  it("gives a unit's active node enrolled last, ties broken by id, and never a node of another status", () => {
    const index = indexOf([
      node('b-old', 'DE-ZIRE', 'active', '2026-01-01T00:00:00Z'),
      node('c-new', 'DE-ZIRE', 'active', '2026-06-01T00:00:00Z'),
      node('a-newest-pending', 'DE-ZIRE', 'pending', '2026-09-01T00:00:00Z'),
      node('z-tie', 'FR-CYBERDOUANE', 'active', '2026-03-01T00:00:00Z'),
      node('y-tie', 'FR-CYBERDOUANE', 'active', '2026-03-01T00:00:00Z'),
      node('s-suspended', 'PL-CICU', 'suspended', '2026-03-01T00:00:00Z'),
    ]);
    expect(index.activeNodeOfUnit('DE-ZIRE')?.id).toBe('c-new');
    expect(index.activeNodeOfUnit('FR-CYBERDOUANE')?.id).toBe('y-tie');
    expect(index.activeNodeOfUnit('PL-CICU')).toBeUndefined();
    expect(index.activeNodeOfUnit('NL-FIOD')).toBeUndefined();
  });

  it('names as deliverable the active units that have an active node, and no other', () => {
    const unit = (id: string, status: UnitEntity['status']) => ({ id, status, areas: [] }) as unknown as UnitEntity;
    const index = new DirectoryIndex({
      generation: 1,
      units: [unit('DE-ZIRE', 'active'), unit('FR-CYBERDOUANE', 'active'), unit('PL-CICU', 'suspended'), unit('NL-FIOD', 'retired'), unit('AT-CICU', 'active')],
      nodes: [
        node('de', 'DE-ZIRE', 'active', '2026-01-01T00:00:00Z'),
        node('fr-pending', 'FR-CYBERDOUANE', 'pending', '2026-01-01T00:00:00Z'),
        node('pl', 'PL-CICU', 'active', '2026-01-01T00:00:00Z'),
        node('nl', 'NL-FIOD', 'active', '2026-01-01T00:00:00Z'),
      ],
      keys: [],
      agreements: [],
      legalBases: [],
    });
    expect(index.deliverableUnits()).toEqual(['DE-ZIRE']);
  });

  it('gives any node by id whatever its status, as a copy', () => {
    const index = indexOf([node('s-suspended', 'PL-CICU', 'suspended', '2026-03-01T00:00:00Z')]);
    const found = index.node('s-suspended');
    expect(found).toEqual({ id: 's-suspended', unitId: 'PL-CICU', status: 'suspended', inboxUrl: 'https://s-suspended.example/v1/inbox' });
    found!.status = 'active';
    expect(index.node('s-suspended')?.status).toBe('suspended');
    expect(index.node('unknown')).toBeUndefined();
  });
});

describe('DirectoryIndex currentKeysOfNode', () => {
  const at = new Date('2026-06-01T12:00:00Z');
  const key = (kid: string, overrides: Partial<NodeKeyEntity> = {}): NodeKeyRecord => ({
    unitId: 'DE-ZIRE',
    nodeStatus: 'active',
    key: {
      kid,
      nodeId: 'node-de',
      use: 'sig',
      alg: 'EdDSA',
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: kid, kid, use: 'sig', alg: 'EdDSA' },
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: null,
      revokedAt: null,
      supersededBy: null,
      retiresAt: null,
      ...overrides,
    } as NodeKeyEntity,
  });

  it("gives the node's keys of that use valid at that time, newest first, and nothing that is revoked, retired, expired, not yet valid or another node's", () => {
    const index = new DirectoryIndex({
      generation: 1,
      units: [],
      nodes: [],
      agreements: [],
      legalBases: [],
      keys: [
        key('old'),
        key('new', { notBefore: new Date('2026-05-01T00:00:00Z') }),
        key('revoked-later', { revokedAt: new Date('2026-07-01T00:00:00Z') }),
        key('revoked', { revokedAt: new Date('2026-05-31T00:00:00Z') }),
        key('retired', { retiresAt: at }),
        key('expired', { notAfter: new Date('2026-06-01T11:59:59Z') }),
        key('future', { notBefore: new Date('2026-06-02T00:00:00Z') }),
        key('encryption', { use: 'enc', alg: 'ECDH-ES+A256KW' }),
        key('other-node', { nodeId: 'node-fr' }),
      ],
    });
    expect(index.currentKeysOfNode('node-de', 'sig', at).map((k) => k.kid)).toEqual(['new', 'old', 'revoked-later']);
    expect(index.currentKeysOfNode('node-de', 'enc', at).map((k) => k.kid)).toEqual(['encryption']);
    expect(index.currentKeysOfNode('node-unknown', 'sig', at)).toEqual([]);
    // A copy: the caller cannot change the index.
    index.currentKeysOfNode('node-de', 'sig', at)[0]!.x = 'changed';
    expect(index.currentKeysOfNode('node-de', 'sig', at)[0]!.x).toBe('new');
  });
});
