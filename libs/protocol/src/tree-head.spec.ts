import { parseTreeHeadPayload, rootHashBytes, rootHashString } from './tree-head';

const head = { v: 1, kind: 'tree-head', treeSize: 42, rootHash: `sha256:${'ab'.repeat(32)}`, timestamp: '2026-12-01T06:00:00.000Z' };

describe('signed tree head payload', () => {
  it('accepts exactly the five members', () => {
    expect(parseTreeHeadPayload(head)).toEqual(head);
  });

  it.each([
    ['an extra member', { ...head, extra: 1 }],
    ['a missing member', { v: 1, kind: 'tree-head', treeSize: 42, rootHash: head.rootHash }],
    ['another kind', { ...head, kind: 'hub-receipt' }],
    ['another version', { ...head, v: 2 }],
    ['an empty tree', { ...head, treeSize: 0 }],
    ['a fractional size', { ...head, treeSize: 1.5 }],
    ['a size given as a string', { ...head, treeSize: '42' }],
    ['an upper-case root', { ...head, rootHash: `sha256:${'AB'.repeat(32)}` }],
    ['a short root', { ...head, rootHash: 'sha256:abcd' }],
    ['a local time', { ...head, timestamp: '2026-12-01T06:00:00+01:00' }],
    ['an array', [head]],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(parseTreeHeadPayload(value)).toBeUndefined();
  });

  it('writes and reads root hashes as sha256:<hex>', () => {
    const root = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(rootHashBytes(rootHashString(root))).toEqual(root);
  });
});
