import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createClientAssertion,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  type GeneratedKeyPair,
  merkleConsistencyProof,
  merkleInclusionProof,
  merkleRoot,
  verifyJws,
  importPublicJwk,
  type PublicJwk,
} from '@cicu/crypto';
import { parseTreeHeadPayload, TREE_HEAD_TYP } from '@cicu/protocol';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { type AuditEvent } from '../apps/hub/src/audit/audit-event';
import { AuditService } from '../apps/hub/src/audit/audit.service';
import { auditExportFile, readAuditExport } from '../apps/hub/src/audit/export/audit-export-file';
import { AuditExportService } from '../apps/hub/src/audit/export/audit-export.service';
import { workerChunkHasher } from '../apps/hub/src/audit/export/parallel-verify';
import { VERIFY_CHUNK, verifyAuditExport } from '../apps/hub/src/audit/export/verify-export';
import { TreeHeadService } from '../apps/hub/src/audit/tree-heads/tree-head.service';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-audit-log-e2e';
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const event = (i: number): AuditEvent => ({ type: 'message.undeliverable', actor: { kind: 'hub' }, messageId: `m-${i}-${randomBytes(3).toString('hex')}`, fromUnit: 'FR-CYBERDOUANE', toUnit: 'DE-ZIRE', attempts: 1 + (i % 8) });

describe('hub audit log: persisted Merkle tree, signed tree heads, proofs API, export and verify', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let dataSource: DataSource;
  let audit: AuditService;
  let node: { id: string; sig: GeneratedKeyPair };
  let hubKeys: { keys: PublicJwk[] };
  const admins = demoAdminsFile();

  /** `npm run audit -- …` as a separate process: its exit code and standard output. */
  const runAuditCli = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'scripts/audit.ts', ...args], { env: { ...process.env, DATABASE_URL: database.url, ...env } });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return { code: failed.code, stdout: failed.stdout };
    }
  };

  const bearer = () => createClientAssertion({ iss: node.id, aud: AUD, privateKey: node.sig.privateJwk, kid: node.sig.kid, alg: 'EdDSA', ttlSeconds: 30 });
  const get = async (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${await bearer()}`);
  const post = async (path: string) => request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${await bearer()}`);
  const leafHashes = async (): Promise<Uint8Array[]> =>
    (await sql<{ leaf_hash: Buffer }>(database.url, 'SELECT leaf_hash FROM audit_entry ORDER BY index')).map((r) => new Uint8Array(r.leaf_hash));
  const append = (count: number) => dataSource.transaction((tx) => audit.recordMany(tx, Array.from({ length: count }, (_, i) => event(i))));

  beforeAll(async () => {
    database = await createTestDatabase('audit_log');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      QUEUE_PREFIX: `audit-log-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'audit-log-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      AUDIT_TREE_HEAD_SECONDS: '1',
      DEMO_ADMINS_FILE: admins.file,
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    // Listening: `audit verify --hub` reads it over HTTP like an auditor's machine would.
    await app.listen(0, '127.0.0.1');
    dataSource = app.get(DataSource);
    audit = app.get(AuditService);
    const [sig, enc] = await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519')]);
    const registered = await app.get(DirectoryService).registerNode('FR-CYBERDOUANE', 'https://fr.node.example/v1/inbox', { keys: [sig.publicJwk, enc.publicJwk] });
    node = { id: registered.id, sig };
    hubKeys = (await request(app.getHttpServer()).get('/.well-known/jwks.json')).body as { keys: PublicJwk[] };
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('keeps the stored tree equal to the reference root under concurrent batches of random sizes', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(1 + ((i * 7) % 23))));
    const leaves = await leafHashes();
    const { rows } = { rows: await sql<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM audit_node') };
    // Every perfect subtree is stored once: n leaves and n - popcount(n) interior nodes.
    expect(rows[0]!.n).toBe(2 * leaves.length - leaves.length.toString(2).replace(/0/g, '').length);
    const head = (await post('/v1/audit/tree-heads')).body as { treeSize: number; rootHash: string };
    expect(head.treeSize).toBeGreaterThanOrEqual(leaves.length);
    const now = await leafHashes();
    expect(head.rootHash).toBe(`sha256:${hex(merkleRoot(now.slice(0, head.treeSize)))}`);
  });

  it('reuses the frontier of its own last committed append, and reads the stored one after another writer or a rollback', async () => {
    // The service's own read of the stored frontier (the tree-head timer reads subtrees too, through the repository).
    const findSubtrees = jest.spyOn(audit as unknown as { readFrontier: (tx: unknown, size: number) => Promise<Uint8Array[]> }, 'readFrontier');
    const events = (count: number) => Array.from({ length: count }, (_, i) => event(i));
    try {
      const first = await dataSource.transaction((tx) => audit.append(tx, events(3), new Date()));
      findSubtrees.mockClear();
      // Nobody appended since: the head has the frontier's size, nothing is read under the lock.
      const second = await dataSource.transaction((tx) => audit.append(tx, events(5), new Date(), first.frontier));
      expect(findSubtrees).not.toHaveBeenCalled();
      // A rolled-back append leaves the head where it was: the last committed frontier still holds.
      await expect(
        dataSource.transaction(async (tx) => {
          await audit.append(tx, events(2), new Date(), second.frontier);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const third = await dataSource.transaction((tx) => audit.append(tx, events(4), new Date(), second.frontier));
      expect(findSubtrees).not.toHaveBeenCalled();
      // Another writer appended: the head outgrew the frontier, which is ignored for the stored one.
      await append(7);
      findSubtrees.mockClear();
      await dataSource.transaction((tx) => audit.append(tx, events(6), new Date(), third.frontier));
      expect(findSubtrees).toHaveBeenCalledTimes(1);
    } finally {
      findSubtrees.mockRestore();
    }
    const head = (await post('/v1/audit/tree-heads')).body as { treeSize: number; rootHash: string };
    expect(head.rootHash).toBe(`sha256:${hex(merkleRoot((await leafHashes()).slice(0, head.treeSize)))}`);
  });

  it('serves inclusion and consistency proofs byte-identical to the reference functions on random trees', async () => {
    for (let round = 0; round < 4; round++) {
      await append(1 + Math.floor(Math.random() * 40));
      const leaves = await leafHashes();
      for (let probe = 0; probe < 6; probe++) {
        const size = 1 + Math.floor(Math.random() * leaves.length);
        const index = Math.floor(Math.random() * size);
        const oldSize = 1 + Math.floor(Math.random() * size);
        const inclusion = await get(`/v1/audit/proofs/inclusion?leafIndex=${index}&treeSize=${size}`);
        expect(inclusion.status).toBe(200);
        expect(inclusion.body).toEqual({ leafIndex: index, treeSize: size, proof: merkleInclusionProof(leaves.slice(0, size), index).map(hex) });
        const consistency = await get(`/v1/audit/proofs/consistency?from=${oldSize}&to=${size}`);
        expect(consistency.status).toBe(200);
        expect(consistency.body).toEqual({ from: oldSize, to: size, proof: merkleConsistencyProof(leaves.slice(0, size), oldSize).map(hex) });
      }
    }
  });

  it('refuses out-of-range and malformed requests with a stable code and a 4xx', async () => {
    const [{ size }] = (await sql<{ size: string }>(database.url, 'SELECT size FROM audit_head')) as [{ size: string }];
    const n = Number(size);
    const cases: [string, number, string][] = [
      [`/v1/audit/proofs/inclusion?leafIndex=0&treeSize=${n + 1}`, 400, 'TREE_SIZE_OUT_OF_RANGE'],
      ['/v1/audit/proofs/inclusion?leafIndex=0&treeSize=0', 400, 'TREE_SIZE_OUT_OF_RANGE'],
      [`/v1/audit/proofs/inclusion?leafIndex=5&treeSize=5`, 400, 'LEAF_INDEX_OUT_OF_RANGE'],
      ['/v1/audit/proofs/inclusion?leafIndex=-1&treeSize=5', 400, 'AUDIT_PARAM_INVALID'],
      ['/v1/audit/proofs/inclusion?treeSize=5', 400, 'AUDIT_PARAM_INVALID'],
      ['/v1/audit/proofs/inclusion?leafIndex=1.5&treeSize=5', 400, 'AUDIT_PARAM_INVALID'],
      [`/v1/audit/proofs/consistency?from=1&to=${n + 1}`, 400, 'TREE_SIZE_OUT_OF_RANGE'],
      ['/v1/audit/proofs/consistency?from=4&to=3', 400, 'SIZES_NOT_ORDERED'],
      ['/v1/audit/proofs/consistency?from=0&to=3', 400, 'TREE_SIZE_OUT_OF_RANGE'],
      [`/v1/audit/leaves?from=${n + 1}`, 400, 'LEAF_INDEX_OUT_OF_RANGE'],
      ['/v1/audit/leaves?count=0', 400, 'AUDIT_PARAM_INVALID'],
      ['/v1/audit/leaves?count=1001', 400, 'AUDIT_PARAM_INVALID'],
      ['/v1/audit/tree-heads/abc', 400, 'AUDIT_PARAM_INVALID'],
      [`/v1/audit/tree-heads/${n + 1000}`, 404, 'TREE_HEAD_NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const res = await get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status, body: { code, message: expect.any(String) } });
    }
    const anonymous = await request(app.getHttpServer()).get('/v1/audit/tree-heads/latest');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });

  it('pages the leaves as their canonical JSON, exactly the hashed bytes', async () => {
    const first = await get('/v1/audit/leaves?from=0&count=7');
    expect(first.status).toBe(200);
    expect(first.body.leaves.map((l: { index: number }) => l.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(first.body.next).toBe(7);
    const stored = await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE index < 7 ORDER BY index');
    expect(first.body.leaves.map((l: { canonical: string }) => l.canonical)).toEqual(stored.map((r) => r.canonical));
    const [{ size }] = (await sql<{ size: string }>(database.url, 'SELECT size FROM audit_head')) as [{ size: string }];
    const last = await get(`/v1/audit/leaves?from=${Number(size) - 2}&count=1000`);
    expect(last.body.leaves).toHaveLength(2);
    expect(last.body.next).toBeUndefined();
  });

  it('signs tree heads with the hub key and its own typ, once per size, and the repeatable job issues them unasked', async () => {
    await append(3);
    const issued = (await post('/v1/audit/tree-heads')).body as { treeSize: number; rootHash: string; jws: string; timestamp: string };
    const again = (await post('/v1/audit/tree-heads')).body;
    expect(again).toEqual(issued);
    const { payload } = await verifyJws(issued.jws, (kid) => importPublicJwk(hubKeys.keys.find((k) => k.kid === kid)), { typ: TREE_HEAD_TYP });
    expect(parseTreeHeadPayload(JSON.parse(Buffer.from(payload).toString('utf8')))).toEqual({ v: 1, kind: 'tree-head', treeSize: issued.treeSize, rootHash: issued.rootHash, timestamp: issued.timestamp });
    expect((await get(`/v1/audit/tree-heads/${issued.treeSize}`)).body).toEqual(issued);

    await append(2);
    const target = issued.treeSize + 2;
    // No POST: the BullMQ job (AUDIT_TREE_HEAD_SECONDS=1) signs the grown log.
    let latest = issued;
    for (let tries = 0; tries < 100 && latest.treeSize < target; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      latest = (await get('/v1/audit/tree-heads/latest')).body;
    }
    expect(latest.treeSize).toBe(target);
    expect(latest.rootHash).toBe(`sha256:${hex(merkleRoot(await leafHashes()))}`);
  });

  describe('export and `audit verify` detect a leaf tampered with directly in the database', () => {
    const target = { index: 0 };

    async function exportAndVerify() {
      // Through an export file, as an auditor receives it.
      const file = join(mkdtempSync(join(tmpdir(), 'audit-export-')), 'export.jsonl');
      const out = createWriteStream(file);
      await app.get(AuditExportService).streamPeriod(new Date(0), new Date(Date.now() + 60_000), auditExportFile(out));
      await finished(out.end());
      return verifyAuditExport(await readAuditExport(file), hubKeys);
    }

    /** Runs `statements` with the append-only trigger off, as an attacker with database access would. */
    const tamper = (statements: string) =>
      sql(database.url, `BEGIN; ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only; ${statements}; ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only; COMMIT;`);

    beforeAll(async () => {
      // A head right before the target leaf and more after it, as the periodic job leaves them.
      const before = await app.get(TreeHeadService).issue();
      target.index = before!.treeSize;
      await append(5);
      await app.get(TreeHeadService).issue();
    });

    it('verifies an untouched export', async () => {
      const result = await exportAndVerify();
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.verifiedSize).toBe(result.start + result.leaves);
    });

    it('a changed leaf: the signed root no longer matches, from the index of the change', async () => {
      const i = target.index;
      const [row] = await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE index = $1', [i]);
      const forged = row!.canonical.replace('"attempts":', '"attempts":9');
      await tamper(`UPDATE audit_entry SET canonical = '${forged.replace(/'/g, "''")}' WHERE index = ${i}`);
      const result = await exportAndVerify();
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(i);
      expect(result.problems[0]).toMatchObject({ code: 'ROOT_MISMATCH', index: i });
      await tamper(`UPDATE audit_entry SET canonical = '${row!.canonical.replace(/'/g, "''")}' WHERE index = ${i}`);
      expect((await exportAndVerify()).ok).toBe(true);
    });

    it('a deleted leaf: named by its index', async () => {
      const i = target.index;
      const [row] = await sql<Record<string, unknown>>(database.url, 'SELECT * FROM audit_entry WHERE index = $1', [i]);
      await tamper(`DELETE FROM audit_entry WHERE index = ${i}`);
      const result = await exportAndVerify();
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(i);
      expect(result.problems).toContainEqual(expect.objectContaining({ code: 'LEAF_OUT_OF_PLACE', index: i }));
      await sql(database.url, 'INSERT INTO audit_entry (index, type, canonical, leaf_hash, recorded_at) VALUES ($1, $2, $3, $4, $5)', [row!.index, row!.type, row!.canonical, row!.leaf_hash, row!.recorded_at]);
      expect((await exportAndVerify()).ok).toBe(true);
    });

    it('gives the same verdict with the leaves hashed on worker threads, across chunk boundaries', async () => {
      const exported = await app.get(AuditExportService).exportPeriod(new Date(0), new Date(Date.now() + 60_000));
      // Two chunks at least: repeat the leaves (positions after the first copy are then out of place).
      const leaves = [...exported.leaves, ...Array.from({ length: VERIFY_CHUNK }, (_, k) => exported.leaves[k % exported.leaves.length]!)];
      const doubled = { ...exported, leaves, leafCount: leaves.length };
      const hasher = workerChunkHasher(2);
      try {
        for (const value of [exported, doubled]) {
          const here = await verifyAuditExport(value, hubKeys);
          expect(await verifyAuditExport(value, hubKeys, { hashChunk: hasher.hashChunk })).toEqual(here);
        }
      } finally {
        await hasher.close();
      }
      const here = await verifyAuditExport(doubled, hubKeys);
      expect(here.ok).toBe(false);
      expect(here.firstBadIndex).toBe(exported.start + exported.leaves.length);
    });

    it('two leaves swapped: named by the first', async () => {
      const i = target.index;
      const swap = `UPDATE audit_entry SET canonical = CASE index WHEN ${i} THEN (SELECT canonical FROM audit_entry WHERE index = ${i + 2}) ELSE (SELECT canonical FROM audit_entry WHERE index = ${i}) END WHERE index IN (${i}, ${i + 2})`;
      await tamper(swap);
      const result = await exportAndVerify();
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(i);
      expect(result.problems.filter((p) => p.code === 'LEAF_OUT_OF_PLACE').map((p) => p.index)).toEqual([i, i + 2]);
      await tamper(swap);
      expect((await exportAndVerify()).ok).toBe(true);
    });

    it('an inserted leaf (later ones moved up): the root breaks from its index', async () => {
      const i = target.index;
      const fake = JSON.stringify({ actor: { kind: 'hub' }, attempts: 1, fromUnit: 'FR-CYBERDOUANE', index: i, messageId: 'forged', recordedAt: new Date().toISOString(), toUnit: 'DE-ZIRE', type: 'message.undeliverable', v: 1 });
      await tamper(
        `UPDATE audit_entry SET index = index + 1000000 WHERE index >= ${i}; UPDATE audit_entry SET index = index - 999999 WHERE index >= 1000000; ` +
          `INSERT INTO audit_entry (index, type, canonical, leaf_hash, recorded_at) VALUES (${i}, 'message.undeliverable', '${fake}', sha256('\\x00'::bytea || convert_to('${fake}', 'UTF8')), now())`,
      );
      const result = await exportAndVerify();
      expect(result.ok).toBe(false);
      expect(result.firstBadIndex).toBe(i);
      expect(result.problems).toContainEqual(expect.objectContaining({ code: 'LEAF_OUT_OF_PLACE', index: i + 1 }));
      expect(result.problems).toContainEqual(expect.objectContaining({ code: 'ROOT_MISMATCH', index: i }));
      await tamper(`DELETE FROM audit_entry WHERE index = ${i}; UPDATE audit_entry SET index = index + 1000000 WHERE index > ${i}; UPDATE audit_entry SET index = index - 1000001 WHERE index >= 1000000`);
      expect((await exportAndVerify()).ok).toBe(true);
    });

    it('`npm run audit -- export` and `-- verify` do the same as separate processes, with exit codes', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
      const keys = join(dir, 'hub-jwks.json');
      writeFileSync(keys, JSON.stringify(hubKeys));
      const run = (...args: string[]) => runAuditCli(args);
      const exportTo = (file: string) => run('export', '--from', '1970-01-01T00:00:00Z', '--to', new Date(Date.now() + 60_000).toISOString(), '--out', file);
      expect((await exportTo(join(dir, 'good.jsonl'))).code).toBe(0);
      const good = await run('verify', join(dir, 'good.jsonl'), '--keys', keys);
      expect(good.code).toBe(0);
      expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, problems: [] });

      const i = target.index;
      const [row] = await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE index = $1', [i]);
      await tamper(`UPDATE audit_entry SET canonical = replace(canonical, '"attempts":', '"attempts":7') WHERE index = ${i}`);
      expect((await exportTo(join(dir, 'bad.jsonl'))).code).toBe(0);
      const bad = await run('verify', join(dir, 'bad.jsonl'), '--keys', keys, '--workers', '1');
      await tamper(`UPDATE audit_entry SET canonical = '${row!.canonical.replace(/'/g, "''")}' WHERE index = ${i}`);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, firstBadIndex: i });
      expect((await run('verify')).code).toBe(2);
    }, 120_000);

    it('`npm run audit -- verify --hub` reads the running hub as an auditor; the heads the auditor kept name a changed leaf', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'audit-hub-'));
      const keys = join(dir, 'hub-jwks.json');
      writeFileSync(keys, JSON.stringify(hubKeys));
      // A head the auditor kept from before the target leaf (from a receipt or a node's monitor).
      const kept = join(dir, 'kept-heads.txt');
      writeFileSync(kept, `${((await get(`/v1/audit/tree-heads/${target.index}`)).body as { jws: string }).jws}\n`);
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const verifyHub = (password = admins.auditor.password, ...more: string[]) =>
        runAuditCli(['verify', '--hub', url, '--user', admins.auditor.username, '--keys', keys, ...more], { AUDIT_PASSWORD: password });

      const good = await verifyHub(admins.auditor.password, '--heads', kept);
      expect(good.code).toBe(0);
      const report = JSON.parse(good.stdout) as { ok: boolean; hub: string; leaves: number; latestTreeSize: number; treeHeads: number; verifiedSize: number };
      expect(report).toMatchObject({ ok: true, hub: url, treeHeads: 2, problems: [] });
      expect(report.leaves).toBe(report.latestTreeSize);
      expect(report.verifiedSize).toBe(report.latestTreeSize);

      const i = target.index;
      const [row] = await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE index = $1', [i]);
      await tamper(`UPDATE audit_entry SET canonical = replace(canonical, '"attempts":', '"attempts":8') WHERE index = ${i}`);
      const alone = await verifyHub();
      const withKept = await verifyHub(admins.auditor.password, '--heads', kept, '--workers', '1');
      await tamper(`UPDATE audit_entry SET canonical = '${row!.canonical.replace(/'/g, "''")}' WHERE index = ${i}`);
      // The latest head alone says the log changed somewhere before it; the kept head narrows it to the leaf.
      expect(alone.code).toBe(1);
      expect(JSON.parse(alone.stdout)).toMatchObject({ ok: false, firstBadIndex: 0, verifiedSize: 0 });
      expect(withKept.code).toBe(1);
      expect(JSON.parse(withKept.stdout)).toMatchObject({ ok: false, firstBadIndex: i, verifiedSize: i });

      expect((await verifyHub('not-the-password')).code).toBe(3);
      expect((await runAuditCli(['verify', '--hub', url, '--user', admins.auditor.username])).code).toBe(2);
    }, 120_000);

    it('refuses tree heads that do not verify with the keys the auditor trusts', async () => {
      const exported = await app.get(AuditExportService).exportPeriod(new Date(0), new Date(Date.now() + 60_000));
      const other = await generateSigningKeyPair('Ed25519');
      const result = await verifyAuditExport(JSON.parse(JSON.stringify(exported)), { keys: [other.publicJwk] });
      expect(result.ok).toBe(false);
      expect(result.problems.every((p) => p.code === 'TREE_HEAD_INVALID')).toBe(true);
      expect(result.problems).toHaveLength(exported.treeHeads.length);
    });

    it('exports a later period with the compact range before it, still verifiable offline', async () => {
      const heads = await sql<{ tree_size: string; issued_at: Date }>(database.url, 'SELECT tree_size, issued_at FROM audit_tree_head ORDER BY tree_size');
      const [{ recorded_at: from }] = (await sql<{ recorded_at: Date }>(database.url, 'SELECT recorded_at FROM audit_entry WHERE index = $1', [target.index])) as [{ recorded_at: Date }];
      const exported = await app.get(AuditExportService).exportPeriod(from, heads[heads.length - 1]!.issued_at);
      expect(exported.start).toBeGreaterThan(0);
      expect(exported.frontier.length).toBeGreaterThan(0);
      expect(exported.start + exported.leaves.length).toBe(Number(heads[heads.length - 1]!.tree_size));
      const result = await verifyAuditExport(JSON.parse(JSON.stringify(exported)), hubKeys);
      expect(result.problems).toEqual([]);
      exported.frontier[0] = '00'.repeat(32);
      expect((await verifyAuditExport(exported, hubKeys)).problems[0]).toMatchObject({ code: 'ROOT_MISMATCH' });
    });
  });
});
