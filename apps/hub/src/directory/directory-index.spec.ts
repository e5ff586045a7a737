import { DirectoryIndex } from './directory-index';
import { type NodeEntity, type NodeStatus } from './node.entity';

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

  it('gives any node by id whatever its status, as a copy', () => {
    const index = indexOf([node('s-suspended', 'PL-CICU', 'suspended', '2026-03-01T00:00:00Z')]);
    const found = index.node('s-suspended');
    expect(found).toEqual({ id: 's-suspended', unitId: 'PL-CICU', status: 'suspended', inboxUrl: 'https://s-suspended.example/v1/inbox' });
    found!.status = 'active';
    expect(index.node('s-suspended')?.status).toBe('suspended');
    expect(index.node('unknown')).toBeUndefined();
  });
});
