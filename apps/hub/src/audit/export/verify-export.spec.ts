import { canonicalJson, frontierOf, generateSigningKeyPair, merkleLeafHash, merkleRoot, merkleSubtreeRoot, signJws, type GeneratedKeyPair } from '@cicu/crypto';
import { rootHashString, TREE_HEAD_TYP } from '@cicu/protocol';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { AUDIT_EXPORT_FORMAT, type AuditExport } from './audit-export';
import { readAuditExport } from './audit-export-file';
import { workerChunkHasher } from './parallel-verify';
import { verifyAuditExport } from './verify-export';

const leafOf = (index: number) => canonicalJson({ index, type: 'message.accepted', v: 1, nested: { index: index + 1 } });
const hashes = (leaves: string[]) => leaves.map((leaf) => merkleLeafHash(new TextEncoder().encode(leaf)));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

let hub: GeneratedKeyPair;
beforeAll(async () => {
  hub = await generateSigningKeyPair('Ed25519');
});

/** An export of leaves [start, end) of a log of `end` leaves, with tree heads at `sizes` signed over the reference roots. */
async function exportOf(start: number, end: number, sizes: number[], leaves = Array.from({ length: end }, (_, i) => leafOf(i))): Promise<AuditExport> {
  const all = hashes(leaves);
  const treeHeads = await Promise.all(
    sizes.map((treeSize) =>
      signJws(canonicalJson({ v: 1, kind: 'tree-head', treeSize, rootHash: rootHashString(merkleRoot(all.slice(0, treeSize))), timestamp: '2026-12-01T00:00:00Z' }), hub.privateJwk, {
        alg: 'EdDSA',
        kid: hub.kid,
        typ: TREE_HEAD_TYP,
      }),
    ),
  );
  return {
    format: AUDIT_EXPORT_FORMAT,
    period: { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
    start,
    frontier: frontierOf(start).map((ref) => hex(merkleSubtreeRoot(all, ref.index * 2 ** ref.level, (ref.index + 1) * 2 ** ref.level))),
    leafCount: end - start,
    leaves: leaves.slice(start),
    treeHeads,
    hubKeys: { keys: [hub.publicJwk] },
  };
}

/** A log, an exported part of it, heads inside it, and a chunk size small enough for many chunks. */
const scenario = fc
  .record({ end: fc.integer({ min: 1, max: 90 }), startShare: fc.double({ min: 0, max: 1, noNaN: true }), chunkSize: fc.constantFrom(1, 2, 4, 8, 16, 32), heads: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }) })
  .map(({ end, startShare, chunkSize, heads }) => {
    const start = Math.floor(startShare * (end - 1));
    const sizes = [...new Set(heads.map((share) => Math.max(1, start, Math.round(start + share * (end - start)))))];
    return { start, end, chunkSize, sizes };
  });

describe('verifyAuditExport', () => {
  it('reproduces every signed root for any export start, chunk size and head sizes', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ start, end, chunkSize, sizes }) => {
        const result = await verifyAuditExport(await exportOf(start, end, sizes), undefined, { chunkSize });
        expect(result.problems).toEqual([]);
        expect(result.verifiedSize).toBe(Math.max(...sizes));
      }),
      { numRuns: 150 },
    );
  });

  it('locates a changed leaf between the last matching head and the next, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.double({ min: 0, max: 1, noNaN: true }), async ({ start, end, chunkSize, sizes }, where) => {
        // where = 1 would name index `end`, past the export: the last leaf instead.
        const target = Math.min(end - 1, start + Math.floor(where * (end - start)));
        const leaves = Array.from({ length: end }, (_, i) => leafOf(i));
        const exported = await exportOf(start, end, sizes, leaves);
        exported.leaves[target - start] = canonicalJson({ index: target, type: 'message.refused', v: 1 });
        const result = await verifyAuditExport(exported, undefined, { chunkSize });
        const covering = sizes.filter((size) => size > target).sort((a, b) => a - b);
        const lastGood = Math.max(start, ...sizes.filter((size) => size <= target));
        if (covering.length === 0) expect(result.ok).toBe(true);
        else expect(result.problems[0]).toMatchObject({ code: 'ROOT_MISMATCH', index: lastGood, before: covering[0] });
      }),
      { numRuns: 150 },
    );
  });

  it('names a leaf that states another index, and one that is not JSON', async () => {
    const exported = await exportOf(0, 40, [40]);
    exported.leaves[7] = leafOf(8);
    exported.leaves[20] = '{"index":20,';
    const result = await verifyAuditExport(exported, undefined, { chunkSize: 8 });
    expect(result.problems.slice(0, 2)).toEqual([
      expect.objectContaining({ code: 'LEAF_OUT_OF_PLACE', index: 7 }),
      expect.objectContaining({ code: 'LEAF_MALFORMED', index: 20 }),
    ]);
  });

  it('hashes and checks leaves as their UTF-8 bytes: multi-byte text before the index, an inner index key first', async () => {
    const wide = (index: number, stated = index) => canonicalJson({ actor: { index: index + 7, unit: 'Zürich – 東京 😀' }, index: stated, note: 'ß\u2028' });
    const leaves = Array.from({ length: 50 }, (_, i) => wide(i));
    const exported = await exportOf(3, 50, [3, 20, 50], leaves);
    const hasher = workerChunkHasher(1);
    try {
      for (const hashChunk of [undefined, hasher.hashChunk]) {
        expect(await verifyAuditExport(exported, undefined, { chunkSize: 8, ...(hashChunk && { hashChunk }) })).toMatchObject({ ok: true, verifiedSize: 50 });
        const moved = { ...exported, leaves: exported.leaves.map((leaf, k) => (k + 3 === 30 ? wide(30, 31) : leaf)) };
        const result = await verifyAuditExport(moved, undefined, { chunkSize: 8, ...(hashChunk && { hashChunk }) });
        expect(result.problems[0]).toMatchObject({ code: 'LEAF_OUT_OF_PLACE', index: 30, message: expect.stringContaining('states index 31') });
        expect(result.firstBadIndex).toBe(20);
      }
    } finally {
      await hasher.close();
    }
  });

  it('gives the same verdict with chunks hashed on worker threads', async () => {
    const hasher = workerChunkHasher(2);
    try {
      const exported = await exportOf(5, 300, [5, 64, 129, 200, 300]);
      const tampered = { ...exported, leaves: exported.leaves.map((leaf, i) => (i === 150 ? leafOf(0) : leaf)) };
      for (const value of [exported, tampered]) {
        const here = await verifyAuditExport(value, undefined, { chunkSize: 16 });
        expect(await verifyAuditExport(value, undefined, { chunkSize: 16, hashChunk: hasher.hashChunk })).toEqual(here);
      }
      const verdict = await verifyAuditExport(tampered, undefined, { chunkSize: 16 });
      expect(verdict.problems).toEqual([
        expect.objectContaining({ code: 'LEAF_OUT_OF_PLACE', index: 155 }),
        expect.objectContaining({ code: 'ROOT_MISMATCH', index: 129, before: 200 }),
        expect.objectContaining({ code: 'ROOT_MISMATCH', index: 129, before: 300 }),
      ]);
    } finally {
      await hasher.close();
    }
  });

  it('refuses an export whose leaves are not as many as it announces', async () => {
    const exported = await exportOf(0, 10, [10]);
    const result = await verifyAuditExport({ ...exported, leaves: exported.leaves.slice(0, 9) });
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'EXPORT_MALFORMED' }] });
  });

  it('refuses a chunk size that is not a power of two', async () => {
    await expect(verifyAuditExport(await exportOf(0, 4, [4]), undefined, { chunkSize: 3 })).rejects.toThrow(RangeError);
  });
});

describe('readAuditExport (an export file, its leaves kept as bytes)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cicu-audit-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The export as the hub writes it (JSON Lines: the header, then one leaf per line), lines joined by `eol`. */
  function fileOf(exported: AuditExport, name: string, eol = '\n', last = eol): string {
    const { leaves, ...header } = exported;
    const path = join(dir, name);
    writeFileSync(path, [JSON.stringify(header), ...leaves].join(eol) + last);
    return path;
  }

  // Segments of 200 bytes: every leaf line (about 80 bytes) is in a segment of a few, many end
  // in the middle of a line, and chunks of 8 leaves take leaves from two or three segments.
  it.each([
    ['LF, last line ended', '\n', '\n'],
    ['LF, last line not ended', '\n', ''],
    ['CRLF', '\r\n', '\r\n'],
  ])('gives the verdict of the same export in memory, with lines across segments (%s)', async (name, eol, last) => {
    const exported = await exportOf(5, 300, [5, 64, 129, 200, 300]);
    const tampered = { ...exported, leaves: exported.leaves.map((leaf, i) => (i === 150 ? leafOf(0) : leaf)) };
    const removed = { ...exported, leafCount: exported.leafCount - 1, leaves: exported.leaves.filter((_, i) => i !== 40) };
    const hasher = workerChunkHasher(1);
    try {
      for (const [n, value] of [exported, tampered, removed].entries()) {
        const expected = await verifyAuditExport(value, undefined, { chunkSize: 8 });
        for (const segmentBytes of [200, 64 * 1024 * 1024]) {
          const read = await readAuditExport(fileOf(value, `${name}-${n}.jsonl`, eol, last), segmentBytes);
          expect(await verifyAuditExport(read, undefined, { chunkSize: 8 })).toEqual(expected);
          expect(await verifyAuditExport(read, undefined, { chunkSize: 8, hashChunk: hasher.hashChunk })).toEqual(expected);
        }
        expect(expected.ok).toBe(n === 0);
      }
    } finally {
      await hasher.close();
    }
  });

  it('keeps an empty line as a leaf (malformed, at its index) and refuses a file cut short', async () => {
    const exported = await exportOf(0, 20, [20]);
    const withEmpty = await readAuditExport(fileOf({ ...exported, leaves: exported.leaves.map((leaf, i) => (i === 7 ? '' : leaf)) }, 'empty-line.jsonl'), 200);
    expect((await verifyAuditExport(withEmpty)).problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'LEAF_MALFORMED', index: 7 })]));
    const cut = await readAuditExport(fileOf({ ...exported, leaves: exported.leaves.slice(0, 12) }, 'cut.jsonl'), 200);
    expect(await verifyAuditExport(cut)).toMatchObject({ ok: false, problems: [{ code: 'EXPORT_MALFORMED' }] });
    const notJson = join(dir, 'not-json.jsonl');
    writeFileSync(notJson, 'not json\n{}\n');
    expect(await verifyAuditExport(await readAuditExport(notJson))).toMatchObject({ ok: false, problems: [{ code: 'EXPORT_MALFORMED' }] });
  });
});
