import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { NODE_API, NodeModule } from '../apps/node/src/app.module';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { createTestDatabase } from './support/databases';
import { testEnv } from './support/test-env';

const NODE_KEYS = { OPERATOR_SECRET: 'health-test-node-operator-secret', SEAL_PBES2_COUNT: '1000' };

describe('health endpoints', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  // The node gets a database of its own, as in production: its keys are not the hub's.
  let nodeDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('health');
    nodeDatabase = await createTestDatabase('health_node');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await Promise.all([database.drop(), nodeDatabase.drop()]);
  });

  it('reports the hub up when PostgreSQL and Redis answer', async () => {
    const config = loadHubConfig({ DATABASE_URL: database.url, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET: 'health-test-operator-secret', SEAL_PBES2_COUNT: '1000' });
    const app = await createApp(HubModule.forRoot(config), HUB_API);
    apps.push(app);
    await app.init();

    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.redis.status).toBe('up');
  });

  it('answers 503 naming Redis when Redis does not answer', async () => {
    const config = loadNodeConfig({ ...NODE_KEYS, UNIT_ID: 'FR-CYBERDOUANE', DATABASE_URL: nodeDatabase.url, REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });
    const app = await createApp(NodeModule.forRoot(config), NODE_API);
    apps.push(app);
    await app.init();

    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.details.redis.status).toBe('down');
    expect(res.body.details.database.status).toBe('up');
  });

  it('runs on the embedded PGlite database when no DATABASE_URL is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cicu-pglite-'));
    try {
      const config = loadNodeConfig({ ...NODE_KEYS, UNIT_ID: 'DE-ZIRE', DATA_DIR: dataDir, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent' });
      const app = await createApp(NodeModule.forRoot(config), NODE_API);
      apps.push(app);
      await app.init();

      const res = await request(app.getHttpServer()).get('/health').expect(200);
      expect(res.body.details.database.status).toBe('up');
      await Promise.all(apps.splice(0).map((a) => a.close()));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('serves its OpenAPI document', async () => {
    const config = loadHubConfig({ DATABASE_URL: database.url, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET: 'health-test-operator-secret', SEAL_PBES2_COUNT: '1000' });
    const app = await createApp(HubModule.forRoot(config), HUB_API);
    apps.push(app);
    await app.init();

    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/health');
  });
});
