import { validateDemoNodes } from './read-demo-nodes';

const node = { id: '0b6f5a3e-3c1d-4f0e-9a4b-2d7c1e5f6a70', unitId: 'FR-CYBERDOUANE', inboxUrl: 'http://127.0.0.1:3001/v1/inbox', jwks: { keys: [{ kid: 'k' }] } };

describe('validateDemoNodes', () => {
  it('accepts a list of nodes', () => {
    expect(validateDemoNodes([node]).problems).toEqual([]);
  });

  it('names each problem: bad id, unknown member, empty list, duplicates', () => {
    expect(validateDemoNodes([{ ...node, id: 'node-1' }]).problems.join()).toMatch(/\/0\/id/);
    expect(validateDemoNodes([{ ...node, extra: 1 }]).problems.join()).toMatch(/extra/);
    expect(validateDemoNodes([]).problems).not.toEqual([]);
    expect(validateDemoNodes([node, node]).problems).toEqual([`/1/id: duplicate id ${node.id}`]);
  });
});
