import { loadNodeConfig, nodeQueuePrefix } from './node-config';

const base = { OPERATOR_SECRET: 'unit-test-operator-secret' };

describe('nodeQueuePrefix', () => {
  it('keeps the queues of nodes of two units apart even when they are given one QUEUE_PREFIX', () => {
    const fr = loadNodeConfig({ ...base, UNIT_ID: 'FR-CYBERDOUANE', QUEUE_PREFIX: 'shared' });
    const de = loadNodeConfig({ ...base, UNIT_ID: 'DE-ZIRE', QUEUE_PREFIX: 'shared' });
    expect(nodeQueuePrefix(fr)).toBe('shared-FR-CYBERDOUANE');
    expect(nodeQueuePrefix(de)).toBe('shared-DE-ZIRE');
  });

  it('gives replicas of one unit the same queues, cicu-node-<unit> by default', () => {
    const a = loadNodeConfig({ ...base, UNIT_ID: 'FR-CYBERDOUANE' });
    const b = loadNodeConfig({ ...base, UNIT_ID: 'FR-CYBERDOUANE' });
    expect(nodeQueuePrefix(a)).toBe('cicu-node-FR-CYBERDOUANE');
    expect(nodeQueuePrefix(b)).toBe(nodeQueuePrefix(a));
  });
});
