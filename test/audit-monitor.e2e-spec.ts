import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, KeyringService } from '@cicu/shared';
import { TREE_HEAD_TYP } from '@cicu/protocol';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { AuditService } from '../apps/hub/src/audit/audit.service';
import { TreeHeadService } from '../apps/hub/src/audit/tree-heads/tree-head.service';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { NODE_API, NodeModule } from '../apps/node/src/app.module';
import { AuditMonitorService } from '../apps/node/src/audit-monitor/audit-monitor.service';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { exampleRequestPayload } from '../libs/protocol/src/testing/examples';
import { DataSource } from 'typeorm';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';
import { freePort } from './support/ports';
import { waitFor } from './support/wait';

jest.setTimeout(60_000);

const AUD = 'cicu-hub-audit-monitor-e2e';
const RUN = randomBytes(4).toString('hex');
const SECRET = 'audit-monitor-e2e-operator-secret';
const PASSWORD = randomBytes(18).toString('base64url');
const FR = 'FR-CYBERDOUANE';
const DE = 'DE-ZIRE';

describe('node audit monitor: a witness of the hub log', () => {
  let dir: string;
  let hubDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let frDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: INestApplication;
  let fr: INestApplication;
  let monitor: AuditMonitorService;
  const tokens: Record<string, string> = {};

  const nodeConfig = (extra: Record<string, string> = {}) =>
    loadNodeConfig({
      UNIT_ID: FR,
      DATABASE_URL: frDb.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: SECRET,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-node-audit-monitor-${RUN}`,
      DEMO_OFFICERS_FILE: join(dir, 'officers.json'),
      DIRECTORY_REFRESH_SECONDS: '3600',
      MAILBOX_POLL_SECONDS: '3600',
      AUDIT_MONITOR_SECONDS: '3600',
      ...extra,
    });

  /** Runs `statements` on the hub's database with the append-only trigger off, as an attacker would. */
  const tamper = (statements: string) =>
    sql(hubDb.url, `BEGIN; ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only; ${statements}; ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only; COMMIT;`);

  /** An FR request, drafted, approved and submitted; resolves to its hub receipt's leaf index once stored. */
  async function submitted(): Promise<{ id: string; leafIndex: number }> {
    const example = exampleRequestPayload('ISP_SUBSCRIBER');
    const body = {
      partnerUnit: DE,
      agreementId: 'AGR-FR-DE-CICU',
      legalBasisId: 'NAPLES-II-ART-10',
      requestType: 'ISP_SUBSCRIBER',
      area: 'medicines',
      priority: 'urgent',
      handlingCode: 'H1',
      caseReference: 'CYB-AUDIT',
      summaryOfFacts: example.summaryOfFacts,
      measureRequested: example.measureRequested,
      enquiriesMade: example.enquiriesMade,
      subject: example.subject,
    };
    const drafted = await request(fr.getHttpServer()).post('/v1/requests').set('Authorization', `Bearer ${tokens['fr.author']}`).send(body).expect(201);
    const id = drafted.body.id as string;
    await request(fr.getHttpServer()).post(`/v1/requests/${id}/approve`).set('Authorization', `Bearer ${tokens['fr.super']}`).send({}).expect(200);
    const receipt = await waitFor('hub receipt', async () => (await sql<{ hub_receipt: string | null }>(frDb.url, 'SELECT hub_receipt FROM outgoing_request WHERE id = $1', [id]))[0]?.hub_receipt ?? undefined);
    const payload = JSON.parse(Buffer.from(receipt.split('.')[1]!, 'base64url').toString('utf8')) as { auditLeafIndex: number };
    return { id, leafIndex: payload.auditLeafIndex };
  }

  const health = async () => (await request(fr.getHttpServer()).get('/health')).body as { status: string; info?: Record<string, unknown>; error?: Record<string, { status: string; firstBadIndex: number | null; kinds: string[] }>; details: Record<string, { status: string }> };
  const alerts = () => sql<{ kind: string; leaf_index: string | null; tree_size: string | null }>(frDb.url, 'SELECT kind, leaf_index, tree_size FROM audit_alert ORDER BY id');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cicu-audit-monitor-'));
    writeFileSync(
      join(dir, 'officers.json'),
      JSON.stringify([
        { username: 'fr.author', displayName: 'FR author', roles: ['officer'], password: PASSWORD },
        { username: 'fr.super', displayName: 'FR supervisor', roles: ['supervisor'], password: PASSWORD },
      ]),
    );
    [hubDb, frDb] = await Promise.all([createTestDatabase('audit_monitor_hub'), createTestDatabase('audit_monitor_fr')]);
    const [hubPort, frPort] = await Promise.all([freePort(), freePort()]);
    hub = await createApp(
      HubModule.forRoot(
        loadHubConfig({
          DATABASE_URL: hubDb.url,
          REDIS_URL: testEnv.redisUrl,
          LOG_LEVEL: 'silent',
          OPERATOR_SECRET: SECRET,
          SEAL_PBES2_COUNT: '1000',
          HUB_AUDIENCE: AUD,
          QUEUE_PREFIX: `cicu-hub-audit-monitor-${RUN}`,
          DELIVERY_ATTEMPTS: '1',
          AUDIT_TREE_HEAD_SECONDS: '3600',
        }),
      ),
      HUB_API,
    );
    await hub.listen(hubPort, '127.0.0.1');
    const directory = hub.get(DirectoryService);
    // DE only needs keys in the directory (FR encrypts to it); it is never started: deliveries fail, which is fine here.
    await directory.registerNode(DE, 'http://127.0.0.1:9/v1/inbox', (await nodeKeys()).jwks);
    const fresh = await createApp(NodeModule.forRoot(nodeConfig()), NODE_API);
    await fresh.init();
    const jwks = (await request(fresh.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body;
    await fresh.close();
    const frNode = await directory.registerNode(FR, `http://127.0.0.1:${frPort}/v1/inbox`, jwks);
    fr = await createApp(NodeModule.forRoot(nodeConfig({ HUB_URL: `http://127.0.0.1:${hubPort}`, NODE_ID: frNode.id })), NODE_API);
    await fr.listen(frPort, '127.0.0.1');
    monitor = fr.get(AuditMonitorService);
    for (const username of ['fr.author', 'fr.super']) {
      tokens[username] = (await request(fr.getHttpServer()).post('/v1/auth/login').send({ username, password: PASSWORD }).expect(200)).body.accessToken;
    }
  }, 120_000);

  afterAll(async () => {
    await fr?.close();
    await hub?.close();
    await Promise.all([hubDb?.drop(), frDb?.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('with an honest hub: keeps each verified tree head, checks consistency, finds its own events included; /health up', async () => {
    await submitted();
    await hub.get(TreeHeadService).issue();
    const first = await monitor.run();
    expect(first).toMatchObject({ alerts: 0, included: 1 });
    await submitted();
    const head = await hub.get(TreeHeadService).issue();
    const second = await monitor.run();
    expect(second).toEqual({ treeSize: head!.treeSize, included: 1, alerts: 0 });
    const seen = await sql<{ tree_size: string }>(frDb.url, 'SELECT tree_size FROM audit_tree_head ORDER BY tree_size');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(Number(seen[seen.length - 1]!.tree_size)).toBe(head!.treeSize);
    expect(await alerts()).toEqual([]);
    const body = await health();
    expect(body.details['audit']).toEqual({ status: 'up', treeSize: head!.treeSize });
  });

  // Each case: a fresh own message, a head that covers it, then the hub's database is changed.
  const cases: [string, 'LEAF_NOT_INCLUDED' | 'LEAF_MISMATCH', (i: number) => string, (i: number) => string][] = [
    [
      'a changed leaf',
      'LEAF_NOT_INCLUDED',
      (i) => `UPDATE audit_entry SET canonical = replace(canonical, '"kind":"request"', '"kind":"answer"') WHERE index = ${i}`,
      (i) => `UPDATE audit_entry SET canonical = replace(canonical, '"kind":"answer"', '"kind":"request"') WHERE index = ${i}`,
    ],
    [
      'a deleted leaf',
      'LEAF_MISMATCH',
      (i) => `CREATE TABLE saved_entry AS SELECT * FROM audit_entry WHERE index = ${i}; DELETE FROM audit_entry WHERE index = ${i}`,
      () => `INSERT INTO audit_entry SELECT * FROM saved_entry; DROP TABLE saved_entry`,
    ],
    [
      'a leaf swapped with the one before it',
      'LEAF_MISMATCH',
      (i) => `UPDATE audit_entry SET canonical = CASE index WHEN ${i} THEN (SELECT canonical FROM audit_entry WHERE index = ${i - 1}) ELSE (SELECT canonical FROM audit_entry WHERE index = ${i}) END WHERE index IN (${i - 1}, ${i})`,
      (i) => `UPDATE audit_entry SET canonical = CASE index WHEN ${i} THEN (SELECT canonical FROM audit_entry WHERE index = ${i - 1}) ELSE (SELECT canonical FROM audit_entry WHERE index = ${i}) END WHERE index IN (${i - 1}, ${i})`,
    ],
    [
      'a leaf inserted before it (later ones moved up)',
      'LEAF_MISMATCH',
      (i) =>
        `UPDATE audit_entry SET index = index + 1000000 WHERE index >= ${i}; UPDATE audit_entry SET index = index - 999999 WHERE index >= 1000000; ` +
        `INSERT INTO audit_entry (index, type, canonical, leaf_hash, recorded_at) SELECT ${i}, type, replace(canonical, '"index":${i - 1}', '"index":${i}'), leaf_hash, recorded_at FROM audit_entry WHERE index = ${i - 1}`,
      (i) => `DELETE FROM audit_entry WHERE index = ${i}; UPDATE audit_entry SET index = index + 1000000 WHERE index > ${i}; UPDATE audit_entry SET index = index - 1000001 WHERE index >= 1000000`,
    ],
  ];

  it.each(cases)('%s at the hub: an alert naming the leaf index, in the logs and on /health', async (_name, kind, change, undo) => {
    const { leafIndex } = await submitted();
    const head = await hub.get(TreeHeadService).issue();
    expect(head!.treeSize).toBeGreaterThan(leafIndex);
    await tamper(change(leafIndex));
    try {
      const run = await monitor.run();
      expect(run.alerts).toBe(1);
    } finally {
      await tamper(undo(leafIndex));
    }
    expect(await alerts()).toContainEqual({ kind, leaf_index: String(leafIndex), tree_size: String(head!.treeSize) });
    const res = await request(fr.getHttpServer()).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.error.audit).toMatchObject({ status: 'down', kinds: expect.arrayContaining([kind]), firstBadIndex: expect.any(Number) });
    expect(res.body.error.audit.firstBadIndex).toBeLessThanOrEqual(leafIndex);
  });

  it('a hub presenting a forked history: a signed head not consistent with the last one seen', async () => {
    await monitor.run();
    const dataSource = hub.get(DataSource);
    await dataSource.transaction((tx) => hub.get(AuditService).record(tx, { type: 'message.undeliverable', actor: { kind: 'hub' }, messageId: 'm-fork', fromUnit: FR, toUnit: DE, attempts: 1 }));
    const [{ size }] = (await sql<{ size: string }>(hubDb.url, 'SELECT size FROM audit_head')) as [{ size: string }];
    const forgedRoot = randomBytes(32);
    // The hub's key signs a root of another history (a hub showing members different logs).
    const payload = { v: 1, kind: 'tree-head', treeSize: Number(size), rootHash: `sha256:${forgedRoot.toString('hex')}`, timestamp: new Date().toISOString() };
    const keyring = hub.get(KeyringService);
    const jws = await keyring.sign(payload, TREE_HEAD_TYP);
    await sql(hubDb.url, 'INSERT INTO audit_tree_head (tree_size, root_hash, issued_at, kid, jws) VALUES ($1, $2, now(), $3, $4)', [Number(size), forgedRoot, keyring.signingKid, jws]);
    const run = await monitor.run();
    expect(run.alerts).toBe(1);
    expect(await alerts()).toContainEqual({ kind: 'TREE_HEAD_INCONSISTENT', leaf_index: null, tree_size: size });
    // The forged head is not kept as verified, and seeing it again raises nothing new.
    expect(run.treeSize).toBeLessThan(Number(size));
    expect((await monitor.run()).alerts).toBe(0);
    const body = await health();
    expect(body.error!['audit']!.kinds).toContain('TREE_HEAD_INCONSISTENT');
  });
});
