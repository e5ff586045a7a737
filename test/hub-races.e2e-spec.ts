import { createHash, randomBytes } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createClientAssertion, createKeyProof, ENROLLMENT_PROOF_TYP, type GeneratedKeyPair, KEY_ROTATION_PROOF_TYP } from '@cicu/crypto';
import { PasswordHasher } from '@cicu/shared';
import { AdminTokensService } from '../apps/hub/src/accounts/admin-tokens.service';
import { HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryChanges } from '../apps/hub/src/directory/directory-changes';
import { adminLogin, adminToken, demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { holding as hold } from './support/holding';
import { nodeKeys, TestClock } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-races-e2e';

type Keys = Awaited<ReturnType<typeof nodeKeys>>;
const tokenHash = (token: string) => createHash('sha256').update(token, 'ascii').digest('base64url');

/**
 * Two coordinators' (or one account's two sessions') calls on the hub at the same moment: key
 * rotations, revocations, logouts, password changes. Each race is made deterministic by holding
 * one call on its way into the service (having read what it read so far) until the other one
 * has been answered over HTTP.
 */
describe('hub admin and key routes called at once', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const clock = new TestClock();
  const admins = demoAdminsFile();
  let coordinator = '';

  const http = () => request(app.getHttpServer());
  const admin = (method: 'get' | 'post', path: string, token = coordinator) => http()[method](path).set('Authorization', `Bearer ${token}`);
  const audit = async (type: string) =>
    (await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index', [type])).map((r) => JSON.parse(r.canonical) as Record<string, unknown>);

  /** Runs `during` while the next call of `service[method]` waits at its door, then lets that call in. */
  const holding = <T>(service: object, method: string, first: () => PromiseLike<T>, during: () => PromiseLike<unknown>): Promise<T> => hold(service, method, 'door', first, during);

  const assertionOf = (nodeId: string, key: GeneratedKeyPair) =>
    createClientAssertion({ iss: nodeId, aud: AUD, privateKey: key.privateJwk, kid: key.kid, alg: 'EdDSA', ttlSeconds: 30, now: clock.now() });

  async function enrolledNode(): Promise<Keys & { id: string }> {
    const keys = await nodeKeys();
    const token = (await admin('post', '/v1/admin/units/FR-CYBERDOUANE/enrollment-tokens').send({}).expect(201)).body.token as string;
    const proof = await createKeyProof({
      typ: ENROLLMENT_PROOF_TYP,
      aud: AUD,
      jwks: keys.jwks,
      claims: { token_hash: tokenHash(token), inbox_url: `https://${randomBytes(4).toString('hex')}.node.example/v1/inbox` },
      privateKey: keys.sig.privateJwk,
      kid: keys.sig.kid,
      alg: 'EdDSA',
      ttlSeconds: 120,
      now: clock.now(),
    });
    const nodeId = (await http().post('/v1/enrollments').send({ token, proof }).expect(201)).body.nodeId as string;
    await admin('post', `/v1/admin/nodes/${nodeId}/approve`).expect(200);
    return { ...keys, id: nodeId };
  }

  async function rotate(node: Keys & { id: string }, next: Keys) {
    const proof = await createKeyProof({ typ: KEY_ROTATION_PROOF_TYP, aud: AUD, iss: node.id, jwks: next.jwks, privateKey: next.sig.privateJwk, kid: next.sig.kid, alg: 'EdDSA', ttlSeconds: 60, now: clock.now() });
    return http().post('/v1/nodes/me/keys').set('Authorization', `Bearer ${await assertionOf(node.id, node.sig)}`).send({ proof });
  }

  beforeAll(async () => {
    database = await createTestDatabase('hub_races');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'hub-races-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-races-${randomBytes(4).toString('hex')}`,
      KEY_ROTATION_OVERLAP_SECONDS: '3600',
      DEMO_ADMINS_FILE: admins.file,
    });
    const moduleRef = await Test.createTestingModule({ imports: [HubModule.forRoot(config, { clock })] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    coordinator = await adminToken(app, admins.coordinator);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  beforeEach(() => clock.set(Date.now()));

  it('retires the keys of a rotation committed first when one that waited for the directory lock commits after it: one signing key without successor', async () => {
    const node = await enrolledNode();
    const [late, early] = [await nodeKeys(), await nodeKeys()];
    // The late rotation waits while the other rotates a second later, then takes the lock.
    const held = await holding(app.get(DirectoryChanges), 'applyVersioned', () => rotate(node, late), async () => {
      clock.advance(1_000);
      expect((await rotate(node, early)).status).toBe(200);
    });
    expect(held.status).toBe(200);
    expect(held.body.retiring.map((k: { kid: string }) => k.kid).sort()).toEqual([early.sig.kid, early.enc.kid].sort());
    const open = await sql<{ kid: string }>(database.url, 'SELECT kid FROM node_key WHERE node_id = $1 AND superseded_by IS NULL ORDER BY use', [node.id]);
    expect(open.map((k) => k.kid)).toEqual([late.enc.kid, late.sig.kid]);
  });

  it('answers the second of two identical revocations with 409 KEY_ALREADY_REVOKED: one audit event, one directory version', async () => {
    const node = await enrolledNode();
    const revoke = () => admin('post', `/v1/admin/keys/${node.sig.kid}/revoke`).send({});
    const versionBefore = (await sql<{ v: number }>(database.url, 'SELECT max(version)::int AS v FROM directory_version'))[0]!.v;
    const held = await holding(app.get(DirectoryChanges), 'applyVersioned', revoke, async () => {
      clock.advance(1_000);
      await revoke().expect(200);
    });
    expect({ status: held.status, code: held.body.code }).toEqual({ status: 409, code: 'KEY_ALREADY_REVOKED' });
    expect((await audit('node.key-revoked')).filter((e) => e['kid'] === node.sig.kid)).toHaveLength(1);
    expect((await sql<{ v: number }>(database.url, 'SELECT max(version)::int AS v FROM directory_version'))[0]!.v).toBe(versionBefore + 1);
  });

  it('audits one logout of a session logged out twice at once; the second answers 204 too', async () => {
    const token = await adminToken(app, admins.coordinator);
    const logout = () => admin('post', '/v1/admin/auth/logout', token);
    const before = (await audit('admin.logout')).length;
    // Both calls were authenticated while the session was open; the held one ends it second.
    const held = await holding(app.get(AdminTokensService), 'logout', logout, () => logout().expect(204));
    expect(held.status).toBe(204);
    expect(await audit('admin.logout')).toHaveLength(before + 1);
    await admin('get', '/v1/admin/auth/me', token).expect(401);
  });

  it('refuses a password change whose current password another session changed meanwhile (401 INVALID_CREDENTIALS): the winner\'s session continues', async () => {
    const { username, password } = admins.auditor;
    const [first, second] = [await adminToken(app, admins.auditor), await adminToken(app, admins.auditor)];
    const change = (token: string, newPassword: string) => admin('post', '/v1/admin/auth/password', token).send({ currentPassword: password, newPassword });
    const before = (await audit('admin.password-changed')).length;
    // The held change has verified the current password and waits to hash the new one.
    const held = await holding(app.get(PasswordHasher), 'hash', () => change(first, 'first-new-password'), () => change(second, 'second-new-password').expect(204));
    expect({ status: held.status, code: held.body.code }).toEqual({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(await audit('admin.password-changed')).toHaveLength(before + 1);
    await adminLogin(app, username, 'second-new-password').expect(200);
    await adminLogin(app, username, 'first-new-password').expect(401);
    await admin('get', '/v1/admin/auth/me', second).expect(200);
    await admin('get', '/v1/admin/auth/me', first).expect(401);
  });
});
