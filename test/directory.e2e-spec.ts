import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { canonicalJson } from '@cicu/crypto';
import { createProtocolAjv } from '@cicu/protocol';
import { ConfigError, createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { HUB_MIGRATIONS } from '../apps/hub/src/database/migrations';
import { DirectorySnapshot } from '../apps/hub/src/directory/directory-snapshot';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { DirectoryRepository } from '../apps/hub/src/directory/directory.repository';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const SECRET = 'directory-e2e-operator-secret';
const DIRECTORY_TABLES = ['member_state', 'unit', 'node', 'node_key', 'legal_basis', 'agreement', 'agreement_party', 'agreement_legal_basis'];

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

function hubConfig(databaseUrl: string, extra: Record<string, string> = {}) {
  return loadHubConfig({ DATABASE_URL: databaseUrl, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET: SECRET, SEAL_PBES2_COUNT: '1000', ...extra });
}

/** Collects any response body as text (superagent would leave application/jose unparsed). */
function asText(res: request.Response, done: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...DIRECTORY_TABLES, 'directory_version', 'local_key']) {
    const rows = await sql<{ n: number }>(url, table === 'directory_version' ? 'SELECT version AS n FROM directory_version' : `SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

describe('hub directory and keys', () => {
  const apps: INestApplication[] = [];
  let database: TestDatabase;

  async function startHub(config = hubConfig(database.url)): Promise<INestApplication> {
    const app = await createApp(HubModule.forRoot(config), HUB_API);
    apps.push(app);
    await app.init();
    return app;
  }

  async function stopHubs(): Promise<void> {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  }

  beforeAll(async () => {
    database = await createTestDatabase('directory');
  });

  afterEach(stopHubs);

  afterAll(async () => {
    await database.drop();
  });

  describe('first start and restarts', () => {
    it('loads the seed at the first start: ten units, two legal bases, the FR-DE agreement, version 1', async () => {
      const app = await startHub();
      const directory = app.get(DirectoryService);

      expect(await rowCounts(database.url)).toMatchObject({ member_state: 10, unit: 10, legal_basis: 2, agreement: 1, agreement_party: 2, agreement_legal_basis: 2, node: 0, node_key: 0, directory_version: 1, local_key: 1 });
      expect(await directory.getUnit('FR-CYBERDOUANE')).toMatchObject({ memberState: 'FR', shortName: 'Cyberdou@ne', status: 'active' });
      expect(await directory.getUnit('DE-ZIRE')).toMatchObject({ memberState: 'DE', shortName: 'ZIRE' });
      expect(await directory.getUnit('XX-NOWHERE')).toBeUndefined();
      expect(await directory.getLegalBasis('NAPLES-II-ART-10')).toMatchObject({ article: 'Article 10', officialReference: 'OJ C 24, 23.1.1998, p. 1' });
    });

    it('finds the FR-DE agreement in force, in both directions, from 2013 on and for no other pair', async () => {
      const directory = (await startHub()).get(DirectoryService);
      const now = new Date();

      const [agreement] = await directory.findActiveAgreementsBetween('FR-CYBERDOUANE', 'DE-ZIRE', now);
      expect(agreement).toEqual({
        id: 'AGR-FR-DE-CICU',
        version: 1,
        title: expect.any(String),
        parties: ['DE-ZIRE', 'FR-CYBERDOUANE'],
        requestTypes: ['ISP_SUBSCRIBER', 'EMAIL_ACCOUNT', 'PLATFORM_ACCOUNT', 'PAYMENT_ACCOUNT', 'PHONE_HOLDER', 'OSINT_BACKGROUND'],
        areas: expect.arrayContaining(['drugs-precursors', 'cites', 'arms', 'medicines', 'excise', 'ipr-counterfeits', 'customs-value', 'gambling', 'other']),
        legalBases: ['NAPLES-II-ART-10', 'REG-515-97-ART-4'],
        validFrom: '2013-01-01',
        validTo: null,
        maxPriority: 'immediate',
        dueTimes: { routine: 'P30D', urgent: 'PT72H', immediate: 'PT24H' },
        contactPoints: expect.any(Array),
      });
      expect(await directory.findActiveAgreementsBetween('DE-ZIRE', 'FR-CYBERDOUANE', new Date('2013-01-01T00:00:00Z'))).toHaveLength(1);
      expect(await directory.findActiveAgreementsBetween('DE-ZIRE', 'FR-CYBERDOUANE', new Date('2012-12-31T23:59:59Z'))).toEqual([]);
      expect(await directory.findActiveAgreementsBetween('FR-CYBERDOUANE', 'AT-CICU', now)).toEqual([]);
      expect(await directory.findActiveAgreementsBetween('FR-CYBERDOUANE', 'FR-CYBERDOUANE', now)).toEqual([]);
    });

    it('does not load the seed again at a later start', async () => {
      await startHub();
      const before = await rowCounts(database.url);
      await stopHubs();
      await startHub();
      expect(await rowCounts(database.url)).toEqual(before);
    });

    it('keeps the hub key across restarts (same kid) and stores it sealed only', async () => {
      const first = await request((await startHub()).getHttpServer()).get('/.well-known/jwks.json').expect(200);
      await stopHubs();
      const second = await request((await startHub()).getHttpServer()).get('/.well-known/jwks.json').expect(200);

      expect(first.body.keys).toHaveLength(1);
      expect(second.body.keys).toEqual(first.body.keys);
      const [row] = await sql<{ kid: string; sealed: string; jwk: Record<string, unknown> }>(database.url, 'SELECT kid, sealed_private_jwk AS sealed, public_jwk AS jwk FROM local_key');
      expect(row!.kid).toBe(first.body.keys[0].kid);
      expect(row!.sealed.split('.')).toHaveLength(5);
      expect(row!.jwk).not.toHaveProperty('d');
    });

    it('refuses to start with another OPERATOR_SECRET, saying which setting is wrong', async () => {
      await expect(startHub(hubConfig(database.url, { OPERATOR_SECRET: 'not-the-secret-it-was-sealed-with' }))).rejects.toThrow(
        /OPERATOR_SECRET does not open the signing key/,
      );
    });
  });

  describe('signed snapshot', () => {
    it('verifies with a standard JOSE library against /.well-known/jwks.json', async () => {
      const server = (await startHub()).getHttpServer();
      const jwksRes = await request(server).get('/.well-known/jwks.json').expect(200);
      expect(jwksRes.headers['cache-control']).toBe('public, max-age=300');
      expect(jwksRes.headers['content-type']).toMatch(/^application\/jwk-set\+json/);

      const res = await request(server).get('/v1/directory').buffer(true).parse(asText).expect(200);
      expect(res.headers['content-type']).toBe('application/jose');
      const jws = res.body as string;

      const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwksRes.body as JSONWebKeySet), { algorithms: ['EdDSA'] });
      expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: jwksRes.body.keys[0].kid, typ: 'cicu-directory+jws' });
      const text = new TextDecoder().decode(payload);
      const snapshot = JSON.parse(text);
      expect(canonicalJson(snapshot)).toBe(text);
      const validate = createProtocolAjv().compile(DirectorySnapshot);
      expect(validate.errors ?? validate(snapshot)).toBe(true);
      expect(res.headers['etag']).toBe(`"${snapshot.version}"`);
      expect(snapshot.units).toHaveLength(10);
      expect(snapshot.units.map((u: { id: string }) => u.id)).toEqual([...snapshot.units.map((u: { id: string }) => u.id)].sort());
      expect(snapshot.agreements[0].dueTimes).toEqual({ routine: 'P30D', urgent: 'PT72H', immediate: 'PT24H' });
    });

    it('answers 304 to the current ETag and moves to a new version when a node registers', async () => {
      const app = await startHub();
      const server = app.getHttpServer();
      const first = await request(server).get('/v1/directory').buffer(true).parse(asText).expect(200);
      const etag = first.headers['etag'] as string;
      const version = Number(JSON.parse(etag));

      const notModified = await request(server).get('/v1/directory').set('If-None-Match', etag).expect(304);
      expect(notModified.headers['etag']).toBe(etag);
      await request(server).get('/v1/directory').set('If-None-Match', `"0", W/${etag}`).expect(304);
      await request(server).get('/v1/directory').set('If-None-Match', `"${version + 100}"`).expect(200);

      const { sig, enc, jwks } = await nodeKeys();
      const node = await app.get(DirectoryService).registerNode('DE-ZIRE', 'http://127.0.0.1:4102/v1/inbox', jwks);
      expect(node).toMatchObject({ unitId: 'DE-ZIRE', status: 'active', directoryVersion: version + 1 });

      const changed = await request(server).get('/v1/directory').set('If-None-Match', etag).buffer(true).parse(asText).expect(200);
      expect(changed.headers['etag']).toBe(`"${version + 1}"`);
      const jwksRes = await request(server).get('/.well-known/jwks.json');
      const { payload } = await compactVerify(changed.body as string, createLocalJWKSet(jwksRes.body as JSONWebKeySet));
      const snapshot = JSON.parse(new TextDecoder().decode(payload));
      const listed = snapshot.nodes.find((n: { id: string }) => n.id === node.id);
      expect(listed).toMatchObject({ unitId: 'DE-ZIRE', inboxUrl: 'http://127.0.0.1:4102/v1/inbox', status: 'active' });
      expect(listed.keys.map((k: { jwk: unknown }) => k.jwk)).toEqual(expect.arrayContaining([sig.publicJwk, enc.publicJwk]));
    });
  });

  describe('in-memory directory (DirectoryCache)', () => {
    it("keeps every replica's copy current: a change by another replica or by hand applies to the next lookup", async () => {
      const [a, b] = [(await startHub()).get(DirectoryService), (await startHub()).get(DirectoryService)];
      expect((await b.getUnit('AT-CICU'))?.status).toBe('active');
      await sql(database.url, `UPDATE unit SET status = 'suspended' WHERE id = 'AT-CICU'`);
      try {
        expect((await a.getUnit('AT-CICU'))?.status).toBe('suspended');
        expect((await b.getUnit('AT-CICU'))?.status).toBe('suspended');
      } finally {
        await sql(database.url, `UPDATE unit SET status = 'active' WHERE id = 'AT-CICU'`);
      }
      expect((await b.getUnit('AT-CICU'))?.status).toBe('active');
      const { sig, jwks } = await nodeKeys();
      await a.registerNode('AT-CICU', 'https://at.node.example/v1/inbox', jwks);
      expect(await b.findKey(sig.kid)).toMatchObject({ kid: sig.kid, unitId: 'AT-CICU', revokedAt: null });
      await sql(database.url, `UPDATE node_key SET revoked_at = now() WHERE kid = $1`, [sig.kid]);
      expect((await b.findKey(sig.kid))?.revokedAt).toEqual(expect.any(Date));
    });

    it('serves concurrent lookups from one generation read and one load, and hands out copies', async () => {
      const app = await startHub();
      const directory = app.get(DirectoryService);
      await directory.view();
      const repository = app.get(DirectoryRepository);
      const reads = jest.spyOn(repository, 'readGeneration');
      const loads = jest.spyOn(repository, 'readIndexRows');
      // The first call reads at once; the 49 made while that read is in flight share the next one.
      const views = await Promise.all(Array.from({ length: 50 }, () => directory.view()));
      expect(new Set(views).size).toBe(1);
      expect({ reads: reads.mock.calls.length, loads: loads.mock.calls.length }).toEqual({ reads: 2, loads: 0 });
      await sql(database.url, `UPDATE unit SET name = name WHERE id = 'FR-CYBERDOUANE'`);
      const after = await Promise.all(Array.from({ length: 20 }, () => directory.view()));
      expect(new Set(after).size).toBe(1);
      expect(after[0]!.generation).toBeGreaterThan(views[0]!.generation);
      expect(loads.mock.calls.length).toBe(1);
      const unit = views[0]!.unit('FR-CYBERDOUANE')!;
      unit.areas.push('tampered' as never);
      expect(views[0]!.unit('FR-CYBERDOUANE')!.areas).not.toContain('tampered');
    });
  });

  describe('registerNode', () => {
    it('stores the node with its keys, which routing can then look up', async () => {
      const directory = (await startHub()).get(DirectoryService);
      const { sig, enc, jwks } = await nodeKeys();
      const node = await directory.registerNode('FR-CYBERDOUANE', 'https://fr.node.example/v1/inbox', jwks);

      expect(node.keys).toEqual(expect.arrayContaining([{ kid: sig.kid, use: 'sig' }, { kid: enc.kid, use: 'enc' }]));
      // The index the delivery path reads, reloaded after the registration.
      const view = await directory.view();
      expect(view.currentKeysOfNode(node.id, 'sig', new Date())).toEqual([sig.publicJwk]);
      expect(view.currentKeysOfNode(node.id, 'enc', new Date())).toEqual([enc.publicJwk]);
      expect(view.currentKeysOfNode(node.id, 'sig', new Date(Date.now() - 3_600_000))).toEqual([]);
      expect(view.currentKeysOfNode('not-a-node-id', 'sig', new Date())).toEqual([]);
      expect(await directory.findKey(sig.kid)).toMatchObject({ kid: sig.kid, nodeId: node.id, unitId: 'FR-CYBERDOUANE', nodeStatus: 'active', use: 'sig', revokedAt: null });
      expect(await directory.findKey('unknown-kid')).toBeUndefined();
    });

    it('refuses a private key, a bad JWK, an incomplete set, an unknown unit and a key already held, changing nothing', async () => {
      const directory = (await startHub()).get(DirectoryService);
      const { sig, enc, jwks } = await nodeKeys();
      const before = await rowCounts(database.url);
      const inbox = 'http://127.0.0.1:4200/v1/inbox';

      await expect(directory.registerNode('FR-CYBERDOUANE', inbox, { keys: [sig.privateJwk, enc.publicJwk] })).rejects.toMatchObject({ code: 'JWKS_INVALID', message: expect.stringMatching(/private member "d"/) });
      await expect(directory.registerNode('FR-CYBERDOUANE', inbox, { keys: [{ ...sig.publicJwk, x: 'AAAA' }, enc.publicJwk] })).rejects.toMatchObject({ code: 'JWKS_INVALID' });
      await expect(directory.registerNode('FR-CYBERDOUANE', inbox, { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, enc.publicJwk] })).rejects.toMatchObject({ code: 'JWKS_INVALID' });
      await expect(directory.registerNode('FR-CYBERDOUANE', inbox, { keys: [{ ...sig.publicJwk, kid: 'my-key' }, enc.publicJwk] })).rejects.toMatchObject({ code: 'JWKS_INVALID' });
      await expect(directory.registerNode('FR-CYBERDOUANE', inbox, { keys: [sig.publicJwk] })).rejects.toMatchObject({ code: 'JWKS_INVALID' });
      await expect(directory.registerNode('FR-CYBERDOUANE', inbox, [sig.publicJwk, enc.publicJwk])).rejects.toMatchObject({ code: 'JWKS_INVALID' });
      await expect(directory.registerNode('FR-CYBERDOUANE', 'ftp://fr.node.example/inbox', jwks)).rejects.toMatchObject({ code: 'INBOX_URL_INVALID' });
      await expect(directory.registerNode('XX-NOWHERE', inbox, jwks)).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
      expect(await rowCounts(database.url)).toEqual(before);

      await directory.registerNode('FR-CYBERDOUANE', inbox, jwks);
      const afterFirst = await rowCounts(database.url);
      await expect(directory.registerNode('FR-CYBERDOUANE', inbox, (await nodeKeys()).jwks)).rejects.toMatchObject({ code: 'NODE_ALREADY_REGISTERED' });
      await expect(directory.registerNode('PL-CICU', 'http://127.0.0.1:4201/v1/inbox', jwks)).rejects.toMatchObject({ code: 'KEY_ALREADY_REGISTERED' });
      expect(await rowCounts(database.url)).toEqual(afterFirst);
    });
  });

  describe('seed problems', () => {
    let fresh: TestDatabase;
    let dir: string;

    beforeEach(async () => {
      fresh = await createTestDatabase('directory_seed');
      dir = mkdtempSync(join(tmpdir(), 'cicu-seed-'));
    });

    afterEach(async () => {
      await stopHubs();
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const shipped = (): Record<string, unknown[]> => JSON.parse(readFileSync('deploy/fixtures/directory.json', 'utf8'));

    async function expectRefused(seed: unknown, message: RegExp): Promise<void> {
      const file = join(dir, 'directory.json');
      writeFileSync(file, typeof seed === 'string' ? seed : JSON.stringify(seed));
      await expect(startHub(hubConfig(fresh.url, { DIRECTORY_SEED_FILE: file }))).rejects.toThrow(message);
      const counts = await rowCounts(fresh.url);
      for (const table of DIRECTORY_TABLES) expect(counts[table]).toBe(0);
      expect(counts['directory_version']).toBe(0);
    }

    it('refuses a seed that breaks the schema, naming each problem, and inserts nothing', async () => {
      const seed = shipped();
      (seed['units']![0] as Record<string, unknown>)['id'] = 'at-cicu';
      (seed['agreements']![0] as Record<string, unknown>)['maxPriority'] = 'whenever';
      await expectRefused(seed, /Directory seed .* is invalid, nothing was loaded:\n {2}- \/units\/0\/id: must match pattern[\s\S]*\/agreements\/0\/maxPriority/);
    });

    it('refuses a seed whose parts do not refer to each other, and inserts nothing', async () => {
      const seed = shipped();
      (seed['agreements']![0] as { parties: string[] }).parties = ['FR-CYBERDOUANE', 'ES-CICU'];
      await expectRefused(seed, /\/agreements\/0\/parties\/1: unit ES-CICU is not among units/);
    });

    it('refuses a seed that is not JSON, and a missing seed file', async () => {
      await expectRefused('{ "units": [', /is not valid JSON/);
      await stopHubs();
      await expect(startHub(hubConfig(fresh.url, { DIRECTORY_SEED_FILE: join(dir, 'absent.json') }))).rejects.toThrow(/Directory seed .*absent\.json cannot be read \(ENOENT\)/);
    });
  });

  describe('schema and configuration', () => {
    it('migrates down and up again', async () => {
      const fresh = await createTestDatabase('directory_migrations');
      const dataSource = new DataSource({ type: 'postgres', url: fresh.url, migrations: HUB_MIGRATIONS, migrationsTransactionMode: 'each' });
      try {
        await dataSource.initialize();
        await dataSource.runMigrations();
        for (let i = 0; i < HUB_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
        const left = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
        expect(left).toEqual([]);
        expect(await dataSource.runMigrations()).toHaveLength(HUB_MIGRATIONS.length);
      } finally {
        await dataSource.destroy();
        await fresh.drop();
      }
    });

    it('requires OPERATOR_SECRET of at least 16 characters and bounds SEAL_PBES2_COUNT', () => {
      const base = { REDIS_URL: testEnv.redisUrl };
      expect(() => loadHubConfig(base)).toThrow(ConfigError);
      expect(() => loadHubConfig({ ...base, OPERATOR_SECRET: 'too-short' })).toThrow(/OPERATOR_SECRET/);
      expect(() => loadHubConfig({ ...base, OPERATOR_SECRET: SECRET, SEAL_PBES2_COUNT: '999' })).toThrow(/SEAL_PBES2_COUNT/);
      expect(loadHubConfig({ ...base, OPERATOR_SECRET: SECRET })).toMatchObject({ SEAL_PBES2_COUNT: 600_000, DIRECTORY_SEED_FILE: expect.stringMatching(/deploy\/fixtures\/directory\.json$/) });
    });

    it('documents the directory and key routes in its OpenAPI document', async () => {
      const res = await request((await startHub()).getHttpServer()).get('/docs-json').expect(200);
      const directory = res.body.paths['/v1/directory'].get;
      expect(Object.keys(directory.responses['200'].content)).toEqual(['application/jose']);
      expect(directory.responses['304']).toBeDefined();
      expect(Object.keys(res.body.paths['/.well-known/jwks.json'].get.responses['200'].content)).toEqual(['application/jwk-set+json']);
      expect(res.body.paths['/health']).toBeDefined();
    });

    it('runs on the embedded PGlite database as well', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'cicu-hub-pglite-'));
      try {
        const app = await startHub(loadHubConfig({ DATA_DIR: dataDir, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET: SECRET, SEAL_PBES2_COUNT: '1000' }));
        const res = await request(app.getHttpServer()).get('/v1/directory').expect(200);
        expect(res.headers['etag']).toBe('"1"');
        await stopHubs();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
      // PGlite (PostgreSQL in WASM) runs every hub migration on a fresh data directory: ~10 s idle,
      // close to 30 s on a loaded 2-core machine.
    }, 120_000);
  });
});
