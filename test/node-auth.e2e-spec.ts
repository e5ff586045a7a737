import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  CLIENT_ASSERTION_TYP,
  createClientAssertion,
  type GeneratedKeyPair,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  type JwsAlgorithm,
  signJws,
} from '@cicu/crypto';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { createTestDatabase } from './support/databases';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-node-auth-e2e';
type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

interface TestNode {
  id: string;
  unitId: string;
  sig: GeneratedKeyPair;
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const randomJti = () => `jti-${Math.random().toString(36).slice(2)}-${Date.now()}`;
const algOf = (pair: GeneratedKeyPair): JwsAlgorithm => (pair.publicJwk.crv === 'P-256' ? 'ES256' : 'EdDSA');

/** A valid assertion of `node`, or one with the given claims changed (signed with the node's key). */
function assertion(node: TestNode, claims: Record<string, unknown> = {}, pair = node.sig): Promise<string> {
  if (Object.keys(claims).length === 0) {
    return createClientAssertion({ iss: node.id, aud: AUD, privateKey: pair.privateJwk, kid: pair.kid, alg: algOf(pair), ttlSeconds: 30 });
  }
  const iat = Math.floor(Date.now() / 1000);
  const body = { iss: node.id, sub: node.id, aud: AUD, iat, exp: iat + 30, jti: randomJti(), ...claims };
  return signJws(JSON.stringify(body), pair.privateJwk, { alg: algOf(pair), kid: pair.kid, typ: CLIENT_ASSERTION_TYP });
}

describe('node → hub authentication (client assertion)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let fr: TestNode;
  let de: TestNode;
  let frEc: GeneratedKeyPair;

  async function register(unitId: string, inbox: string, extraSig: GeneratedKeyPair[] = [], options = {}): Promise<TestNode> {
    const [sig, enc] = await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519')]);
    const node = await app.get(DirectoryService).registerNode(unitId, inbox, { keys: [sig.publicJwk, enc.publicJwk, ...extraSig.map((k) => k.publicJwk)] }, options);
    return { id: node.id, unitId, sig };
  }

  const me = (token?: string) => {
    const req = request(app.getHttpServer()).get('/v1/nodes/me');
    return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
  };
  async function refusedWith(token: string | undefined, status: number, code: string): Promise<void> {
    const res = await me(token);
    expect({ status: res.status, body: res.body }).toEqual({ status, body: { code, message: expect.any(String) } });
  }

  beforeAll(async () => {
    database = await createTestDatabase('node_auth');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'node-auth-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    frEc = await generateSigningKeyPair('P-256');
    fr = await register('FR-CYBERDOUANE', 'https://fr.node.example/v1/inbox', [frEc]);
    de = await register('DE-ZIRE', 'https://de.node.example/v1/inbox');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('accepts a valid EdDSA assertion and names the caller', async () => {
    const res = await me(await assertion(fr)).expect(200);
    expect(res.body).toEqual({ nodeId: fr.id, unitId: 'FR-CYBERDOUANE', kid: fr.sig.kid });
  });

  it('accepts an ES256 assertion signed with the node\'s P-256 key', async () => {
    const res = await me(await assertion(fr, {}, frEc)).expect(200);
    expect(res.body).toEqual({ nodeId: fr.id, unitId: 'FR-CYBERDOUANE', kid: frEc.kid });
  });

  it('refuses the same assertion the second time (REPLAY)', async () => {
    const token = await assertion(de);
    await me(token).expect(200);
    await refusedWith(token, 401, 'REPLAY');
  });

  it('refuses a request without, or with another kind of, Authorization header (UNAUTHENTICATED)', async () => {
    await refusedWith(undefined, 401, 'UNAUTHENTICATED');
    const res = await request(app.getHttpServer()).get('/v1/nodes/me').set('Authorization', `Basic ${b64('a:b')}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired assertion (ASSERTION_EXPIRED)', async () => {
    const iat = Math.floor(Date.now() / 1000) - 120;
    await refusedWith(await assertion(fr, { iat, exp: iat + 60 }), 401, 'ASSERTION_EXPIRED');
  });

  it('refuses an assertion living longer than 60 s (TTL_TOO_LONG)', async () => {
    const iat = Math.floor(Date.now() / 1000);
    await refusedWith(await assertion(fr, { iat, exp: iat + 61 }), 401, 'TTL_TOO_LONG');
  });

  it('refuses an assertion for another audience (AUDIENCE_MISMATCH)', async () => {
    await refusedWith(await assertion(fr, { aud: 'cicu-hub' }), 401, 'AUDIENCE_MISMATCH');
  });

  it('refuses a node claiming to be another node (ISSUER_MISMATCH), either way round', async () => {
    // FR's key, DE's id.
    await refusedWith(await assertion(fr, { iss: de.id, sub: de.id }), 401, 'ISSUER_MISMATCH');
    // DE's key, with its own kid, but FR's id as issuer.
    await refusedWith(await assertion(fr, {}, de.sig), 401, 'ISSUER_MISMATCH');
  });

  it('refuses a kid the directory does not know (UNKNOWN_KEY)', async () => {
    const stranger = await generateSigningKeyPair('Ed25519');
    await refusedWith(await assertion(fr, {}, stranger), 401, 'UNKNOWN_KEY');
  });

  it('refuses a key once revoked (REVOKED_KEY), not before its revocation takes effect', async () => {
    const node = await register('FR-CYBERDOUANE', 'https://fr2.node.example/v1/inbox');
    await me(await assertion(node)).expect(200);
    await sql(database.url, "UPDATE node_key SET revoked_at = now() + interval '1 hour' WHERE kid = $1", [node.sig.kid]);
    await me(await assertion(node)).expect(200);
    await sql(database.url, 'UPDATE node_key SET revoked_at = now() WHERE kid = $1', [node.sig.kid]);
    await refusedWith(await assertion(node), 401, 'REVOKED_KEY');
  });

  it('refuses a key whose validity has not begun (UNKNOWN_KEY)', async () => {
    const later = await register('BE-CICU', 'https://be.node.example/v1/inbox', [], { notBefore: new Date(Date.now() + 3_600_000) });
    await refusedWith(await assertion(later), 401, 'UNKNOWN_KEY');
  });

  it('refuses alg none and HS256 tokens (ALG_NOT_ALLOWED)', async () => {
    const [, payload] = (await assertion(fr)).split('.');
    await refusedWith(`${b64({ alg: 'none', kid: fr.sig.kid, typ: CLIENT_ASSERTION_TYP })}.${payload}.`, 401, 'ALG_NOT_ALLOWED');
    const hs = `${b64({ alg: 'HS256', kid: fr.sig.kid, typ: CLIENT_ASSERTION_TYP })}.${payload}`;
    const mac = (await import('node:crypto')).createHmac('sha256', Buffer.from(JSON.stringify(fr.sig.publicJwk))).update(hs).digest('base64url');
    await refusedWith(`${hs}.${mac}`, 401, 'ALG_NOT_ALLOWED');
  });

  it('refuses a tampered payload or signature (BAD_SIGNATURE)', async () => {
    const [h, , s] = (await assertion(fr)).split('.') as [string, string, string];
    const iat = Math.floor(Date.now() / 1000);
    const forged = b64({ iss: fr.id, sub: fr.id, aud: AUD, iat, exp: iat + 30, jti: randomJti() });
    await refusedWith(`${h}.${forged}.${s}`, 401, 'BAD_SIGNATURE');
    const [h2, p2, s2] = (await assertion(fr)).split('.') as [string, string, string];
    const sig = Buffer.from(s2, 'base64url');
    sig[0] = (sig[0] as number) ^ 1;
    await refusedWith(`${h2}.${p2}.${sig.toString('base64url')}`, 401, 'BAD_SIGNATURE');
  });

  it('refuses a token of another typ (MALFORMED_ASSERTION)', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const token = await signJws(JSON.stringify({ iss: fr.id, aud: AUD, iat, exp: iat + 30, jti: randomJti() }), fr.sig.privateJwk, { alg: 'EdDSA', kid: fr.sig.kid, typ: 'cicu-request+jws' });
    await refusedWith(token, 401, 'MALFORMED_ASSERTION');
  });

  it('refuses a node of a suspended unit (403 SENDER_SUSPENDED) and a suspended node (403 NODE_NOT_ACTIVE)', async () => {
    const at = await register('AT-CICU', 'https://at.node.example/v1/inbox');
    await me(await assertion(at)).expect(200);
    await sql(database.url, "UPDATE unit SET status = 'suspended' WHERE id = 'AT-CICU'");
    await refusedWith(await assertion(at), 403, 'SENDER_SUSPENDED');

    const cz = await register('CZ-CICU', 'https://cz.node.example/v1/inbox');
    await sql(database.url, "UPDATE node SET status = 'suspended' WHERE id = $1", [cz.id]);
    await refusedWith(await assertion(cz), 403, 'NODE_NOT_ACTIVE');
  });

  it('leaves GET /v1/directory public', async () => {
    await request(app.getHttpServer()).get('/v1/directory').expect(200);
  });
});
