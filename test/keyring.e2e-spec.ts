import { type INestApplication, Logger } from '@nestjs/common';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { encryptJwe, type PublicJwk } from '@cicu/crypto';
import { ConfigError, createApp, KeyringService } from '@cicu/shared';
import { KeyringRepository } from '../apps/shared/src/keyring/keyring.repository';
import { NODE_API, NodeModule } from '../apps/node/src/app.module';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { NODE_ENTITIES } from '../apps/node/src/database/entities';
import { NODE_MIGRATIONS } from '../apps/node/src/database/migrations';
import { createTestDatabase } from './support/databases';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const SECRET = 'keyring-e2e-node-operator-secret';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type KeyRow = { kid: string; purpose: string; alg: string; sealed: string; jwk: Record<string, unknown> };

function nodeConfig(databaseUrl: string, extra: Record<string, string> = {}) {
  return loadNodeConfig({ UNIT_ID: 'FR-CYBERDOUANE', DATABASE_URL: databaseUrl, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET: SECRET, SEAL_PBES2_COUNT: '1000', ...extra });
}

function keyRows(url: string): Promise<KeyRow[]> {
  return sql<KeyRow>(url, 'SELECT kid, purpose, alg, sealed_private_jwk AS sealed, public_jwk AS jwk FROM local_key ORDER BY purpose DESC');
}

describe('node keyring', () => {
  const apps: INestApplication[] = [];
  let database: TestDatabase;

  async function startNode(config = nodeConfig(database.url)): Promise<INestApplication> {
    const app = await createApp(NodeModule.forRoot(config), NODE_API);
    apps.push(app);
    await app.init();
    return app;
  }

  async function jwksOf(app: INestApplication): Promise<JSONWebKeySet> {
    const res = await request(app.getHttpServer()).get('/.well-known/jwks.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    return res.body as JSONWebKeySet;
  }

  beforeAll(async () => {
    database = await createTestDatabase('keyring');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await database.drop();
  });

  it('makes one sealed signing key and one sealed encryption key at the first start, and publishes their public halves only', async () => {
    const app = await startNode();
    const rows = await keyRows(database.url);

    expect(rows.map((r) => [r.purpose, r.alg])).toEqual([
      ['sig', 'EdDSA'],
      ['enc', 'ECDH-ES+A256KW'],
    ]);
    for (const row of rows) {
      expect(row.sealed.split('.')).toHaveLength(5);
      expect(row.sealed).not.toContain(row.jwk.x as string);
    }
    const jwks = await jwksOf(app);
    expect(jwks.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: rows[0]!.kid, use: 'sig', alg: 'EdDSA' },
      { kty: 'OKP', crv: 'X25519', x: expect.any(String), kid: rows[1]!.kid, use: 'enc', alg: 'ECDH-ES+A256KW' },
    ]);
    for (const key of jwks.keys) for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
    const keyring = app.get(KeyringService);
    expect([keyring.signingKid, keyring.encryptionKid]).toEqual([rows[0]!.kid, rows[1]!.kid]);
  });

  it('keeps the same kids across restarts', async () => {
    const before = await keyRows(database.url);
    const app = await startNode();
    const keyring = app.get(KeyringService);
    expect([keyring.signingKid, keyring.encryptionKid]).toEqual(before.map((r) => r.kid));
    expect(await keyRows(database.url)).toEqual(before);
  });

  it('refuses to start with another OPERATOR_SECRET, saying which setting is wrong, and makes no new key', async () => {
    const before = await keyRows(database.url);
    await expect(startNode(nodeConfig(database.url, { OPERATOR_SECRET: 'not-the-secret-it-was-sealed-with' }))).rejects.toThrow(
      /OPERATOR_SECRET does not open the signing key .* stored in the database/,
    );
    expect(await keyRows(database.url)).toEqual(before);
  });

  it('signs what verifies with a standard JOSE library against its /.well-known/jwks.json', async () => {
    const app = await startNode();
    const jwks = await jwksOf(app);
    const jws = await app.get(KeyringService).sign({ z: [1, 2], a: 'ü' }, 'cicu-test+jws');

    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: app.get(KeyringService).signingKid, typ: 'cicu-test+jws' });
    expect(new TextDecoder().decode(payload)).toBe('{"a":"ü","z":[1,2]}');
  });

  it('opens a JWE encrypted to the encryption key it publishes', async () => {
    const app = await startNode();
    const enc = (await jwksOf(app)).keys.find((k) => k.use === 'enc') as PublicJwk;
    const jwe = await encryptJwe(new TextEncoder().encode('request for subscriber data'), enc, { kid: enc.kid, typ: 'cicu-test+jwe' });

    const { plaintext, header } = await app.get(KeyringService).decrypt(jwe);
    expect(new TextDecoder().decode(plaintext)).toBe('request for subscriber data');
    expect(header.kid).toBe(enc.kid);
  });

  it('agrees on one key per purpose when replicas start together on an empty table', async () => {
    Logger.overrideLogger(false);
    const fresh = await createTestDatabase('keyring_race');
    const dataSource = new DataSource({ type: 'postgres', url: fresh.url, entities: NODE_ENTITIES, migrations: NODE_MIGRATIONS, migrationsTransactionMode: 'each' });
    try {
      await dataSource.initialize();
      await dataSource.runMigrations();
      const replicas = Array.from({ length: 4 }, () => new KeyringService(new KeyringRepository(dataSource), { secret: SECRET, pbes2Count: 1000, purposes: ['sig', 'enc'] }));
      await Promise.all(replicas.map((replica) => replica.onModuleInit()));

      const rows = await keyRows(fresh.url);
      expect(rows).toHaveLength(2);
      for (const replica of replicas) expect([replica.signingKid, replica.encryptionKid]).toEqual(rows.map((r) => r.kid));
    } finally {
      await dataSource.destroy();
      await fresh.drop();
      Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
    }
  });

  it('requires OPERATOR_SECRET of at least 16 characters and bounds SEAL_PBES2_COUNT', () => {
    const base = { UNIT_ID: 'FR-CYBERDOUANE', REDIS_URL: testEnv.redisUrl };
    expect(() => loadNodeConfig(base)).toThrow(ConfigError);
    expect(() => loadNodeConfig({ ...base, OPERATOR_SECRET: 'too-short' })).toThrow(/OPERATOR_SECRET/);
    expect(() => loadNodeConfig({ ...base, OPERATOR_SECRET: SECRET, SEAL_PBES2_COUNT: '999' })).toThrow(/SEAL_PBES2_COUNT/);
    expect(loadNodeConfig({ ...base, OPERATOR_SECRET: SECRET })).toMatchObject({ SEAL_PBES2_COUNT: 600_000 });
  });

  it('documents /.well-known/jwks.json in its OpenAPI document', async () => {
    const app = await startNode();
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths['/.well-known/jwks.json'].get.responses['200'].content)).toEqual(['application/jwk-set+json']);
  });
});
