import { createHash } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { AuditService } from '../apps/hub/src/audit/audit.service';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

describe('hub audit log (the AuditService.record seam)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let audit: AuditService;
  let directory: DirectoryService;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('audit');
    const config = loadHubConfig({ DATABASE_URL: database.url, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET: 'audit-e2e-operator-secret', SEAL_PBES2_COUNT: '1000' });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    audit = app.get(AuditService);
    directory = app.get(DirectoryService);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('records the first-start seed as entry 0, with its RFC 9162 leaf hash over the canonical JSON', async () => {
    const [first] = await audit.entries(dataSource.manager, 0, 1);
    expect(first).toMatchObject({ v: 1, index: 0, type: 'directory.seeded', actor: { kind: 'hub' }, units: 10, agreements: 1 });
    const [row] = await sql<{ canonical: string; leaf_hash: Buffer }>(database.url, 'SELECT canonical, leaf_hash FROM audit_entry WHERE index = 0');
    const expected = createHash('sha256').update(Buffer.from([0])).update(row!.canonical, 'utf8').digest();
    expect(row!.leaf_hash.equals(expected)).toBe(true);
  });

  it('records a node registration in the same transaction, naming the node and its kids', async () => {
    const { jwks } = await nodeKeys();
    const node = await directory.registerNode('FR-CYBERDOUANE', 'https://fr.node.example/inbox', jwks);
    const entries = await audit.entries(dataSource.manager);
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ type: 'directory.node-registered', nodeId: node.id, unitId: 'FR-CYBERDOUANE', version: node.directoryVersion });
    expect(last && 'kids' in last && [...last.kids].sort()).toEqual(jwks.keys.map((k) => k.kid).sort());
  });

  it('writes no entry when the change is refused', async () => {
    const before = await sql<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM audit_entry');
    await expect(directory.registerNode('XX-NOWHERE', 'https://x.node.example/inbox', (await nodeKeys()).jwks)).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
    const after = await sql<{ n: number }>(database.url, 'SELECT count(*)::int AS n FROM audit_entry');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('keeps indices gapless and in one order under concurrent appends, even when some roll back', async () => {
    const work = Array.from({ length: 8 }, (_, i) =>
      dataSource
        .transaction(async (tx) => {
          await audit.record(tx, { type: 'directory.node-registered', actor: { kind: 'hub' }, version: 0, nodeId: `n${i}`, unitId: 'FR-CYBERDOUANE', kids: [] });
          if (i % 3 === 0) throw new Error('roll back');
        })
        .catch(() => undefined),
    );
    await Promise.all(work);
    const rows = await sql<{ index: string }>(database.url, 'SELECT index FROM audit_entry ORDER BY index');
    const indices = rows.map((r) => Number(r.index));
    expect(indices).toEqual(indices.map((_, i) => i));
    const [head] = await sql<{ size: string }>(database.url, 'SELECT size FROM audit_head');
    expect(Number(head!.size)).toBe(indices.length);
  });

  it('refuses to update or delete a stored entry at the database level', async () => {
    await expect(sql(database.url, `UPDATE audit_entry SET type = 'x' WHERE index = 0`)).rejects.toThrow(/append-only/);
    await expect(sql(database.url, 'DELETE FROM audit_entry WHERE index = 0')).rejects.toThrow(/append-only/);
  });
});
