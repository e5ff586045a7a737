import { randomUUID } from 'node:crypto';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createClientAssertion, generateSigningKeyPair, signJws } from '@cicu/crypto';
import { KeyringService } from '@cicu/shared';
import { HubModule } from '../apps/hub/src/app.module';
import { AccountsService } from '../apps/hub/src/accounts/accounts.service';
import { ADMIN_TOKEN_TYP, AdminTokensService } from '../apps/hub/src/accounts/admin-tokens.service';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { adminLogin, adminToken, demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-admin-auth-e2e';
const MAX_FAILURES = 3;

/** A controller that declares no access rule: the global guard must refuse it. */
@Controller('v1/test-undeclared')
class UndeclaredController {
  @Get()
  reachable(): { reached: true } {
    return { reached: true };
  }
}
@Module({ controllers: [UndeclaredController] })
class UndeclaredTestModule {}

describe('coordinators and auditors: login, tokens, lockout, deny by default', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const admins = demoAdminsFile();

  const auditEntries = async (type: string) =>
    (await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index', [type])).map((r) => JSON.parse(r.canonical) as Record<string, unknown>);
  const accountId = async (username: string) => (await sql<{ id: string }>(database.url, 'SELECT id FROM admin_account WHERE username = $1', [username]))[0]!.id;
  const get = (path: string, token?: string) => {
    const req = request(app.getHttpServer()).get(path);
    return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
  };

  beforeAll(async () => {
    database = await createTestDatabase('admin_auth');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'admin-auth-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-admin-auth-${randomUUID().slice(0, 8)}`,
      ADMIN_LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      DEMO_ADMINS_FILE: admins.file,
    });
    const moduleRef = await Test.createTestingModule({ imports: [HubModule.forRoot(config), UndeclaredTestModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('logs a coordinator in with a short-lived access token and a refresh token, audited by account id only', async () => {
    const res = await adminLogin(app, 'Test.Coordinator', admins.coordinator.password).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 300,
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      refreshExpiresIn: 1800,
      passwordChangeRequired: false,
    });
    const me = await get('/v1/admin/auth/me', res.body.accessToken).expect(200);
    expect(me.body).toMatchObject({ username: 'test.coordinator', role: 'coordinator', status: 'active', passwordChangeRequired: false });

    const id = await accountId('test.coordinator');
    const login = (await auditEntries('admin.login')).at(-1);
    expect(login).toMatchObject({ actor: { kind: 'coordinator', accountId: id }, sessionId: expect.any(String) });
    // The audit log names accounts by id: no username, no display name, no token.
    const all = await sql<{ canonical: string }>(database.url, "SELECT canonical FROM audit_entry WHERE type LIKE 'admin.%'");
    for (const { canonical } of all) {
      expect(canonical).not.toContain('test.coordinator');
      expect(canonical).not.toContain(res.body.refreshToken);
    }
  });

  it('answers an unknown user and a wrong password alike (401 INVALID_CREDENTIALS), each audited', async () => {
    const before = (await auditEntries('admin.login-failed')).length;
    const unknown = await adminLogin(app, 'nobody.here', 'whatever-password').expect(401);
    const wrong = await adminLogin(app, 'test.auditor', 'not-the-password').expect(401);
    expect(unknown.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'unknown username or wrong password' });
    expect(wrong.body).toEqual(unknown.body);
    const failed = (await auditEntries('admin.login-failed')).slice(before);
    expect(failed).toEqual([
      expect.objectContaining({ actor: { kind: 'hub' }, reason: 'INVALID_CREDENTIALS' }),
      expect.objectContaining({ actor: { kind: 'hub' }, reason: 'INVALID_CREDENTIALS', accountId: await accountId('test.auditor') }),
    ]);
    expect(failed[0]).not.toHaveProperty('accountId');
    // The right password resets the count.
    await adminLogin(app, 'test.auditor', admins.auditor.password).expect(200);
  });

  it('refuses a malformed login body listing each wrong field, before any password is checked', async () => {
    const res = await adminLogin(app, '', '').expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/password', '/username']);
    const extra = await request(app.getHttpServer()).post('/v1/admin/auth/login').send({ username: 'x', password: 'y', admin: true }).expect(400);
    expect(extra.body.issues).toEqual([expect.objectContaining({ code: 'additionalProperties' })]);
  });

  it(`locks an account after ${MAX_FAILURES} consecutive failures (423 ACCOUNT_LOCKED, the right password too), audited; a lock that ran out opens it`, async () => {
    const accounts = app.get(AccountsService);
    const coordinator = await app.get(AdminTokensService).verify(await adminToken(app, admins.coordinator));
    const { account, oneTimePassword } = await accounts.create(coordinator, { username: 'lock.me', displayName: 'Lock Me', role: 'auditor' });
    for (let i = 1; i < MAX_FAILURES; i++) await adminLogin(app, 'lock.me', `wrong-password-${i}`).expect(401);
    const locking = await adminLogin(app, 'lock.me', 'wrong-password-last').expect(423);
    expect(locking.body.code).toBe('ACCOUNT_LOCKED');
    expect((await adminLogin(app, 'lock.me', oneTimePassword).expect(423)).body.code).toBe('ACCOUNT_LOCKED');
    expect((await auditEntries('admin.account-locked')).at(-1)).toMatchObject({ actor: { kind: 'hub' }, accountId: account.id, failedLogins: MAX_FAILURES, lockedUntil: expect.any(String) });
    expect((await auditEntries('admin.login-failed')).at(-1)).toMatchObject({ reason: 'ACCOUNT_LOCKED', accountId: account.id });

    await sql(database.url, "UPDATE admin_account SET locked_until = now() - interval '1 second' WHERE id = $1", [account.id]);
    const opened = await adminLogin(app, 'lock.me', oneTimePassword).expect(200);
    expect(opened.body.passwordChangeRequired).toBe(true);
    const [row] = await sql<{ status: string; failed_logins: number }>(database.url, 'SELECT status, failed_logins FROM admin_account WHERE id = $1', [account.id]);
    expect(row).toEqual({ status: 'active', failed_logins: 0 });
  });

  it('counts concurrent wrong passwords under the row lock: no more than the limit get past', async () => {
    const coordinator = await app.get(AdminTokensService).verify(await adminToken(app, admins.coordinator));
    const { account } = await app.get(AccountsService).create(coordinator, { username: 'race.me', displayName: 'Race Me', role: 'auditor' });
    const statuses = (await Promise.all(Array.from({ length: 6 }, (_, i) => adminLogin(app, 'race.me', `wrong-${i}-password`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES - 1);
    expect(statuses.filter((s) => s === 423)).toHaveLength(6 - (MAX_FAILURES - 1));
    expect((await auditEntries('admin.account-locked')).filter((e) => e['accountId'] === account.id)).toHaveLength(1);
  });

  it('rotates refresh tokens; a spent one presented again revokes the whole session (audited)', async () => {
    const first = (await adminLogin(app, admins.auditor.username, admins.auditor.password).expect(200)).body;
    const second = (await request(app.getHttpServer()).post('/v1/admin/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await get('/v1/admin/auth/me', second.accessToken).expect(200);
    // The old access token of the same session still works until the session ends.
    await get('/v1/admin/auth/me', first.accessToken).expect(200);

    const reuse = await request(app.getHttpServer()).post('/v1/admin/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('UNAUTHENTICATED');
    expect((await get('/v1/admin/auth/me', second.accessToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await request(app.getHttpServer()).post('/v1/admin/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    expect((await auditEntries('admin.session-revoked')).at(-1)).toMatchObject({ reason: 'refresh-reuse', accountId: await accountId('test.auditor') });

    const bad = await request(app.getHttpServer()).post('/v1/admin/auth/refresh').send({ refreshToken: 'short', extra: 1 }).expect(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['', '/refreshToken']);
    await request(app.getHttpServer()).post('/v1/admin/auth/refresh').send({ refreshToken: 'A'.repeat(43) }).expect(401);
  });

  it('ends the session at logout: its access and refresh tokens are refused at once', async () => {
    const tokens = (await adminLogin(app, admins.coordinator.username, admins.coordinator.password).expect(200)).body;
    await request(app.getHttpServer()).post('/v1/admin/auth/logout').set('Authorization', `Bearer ${tokens.accessToken}`).expect(204);
    expect((await get('/v1/admin/auth/me', tokens.accessToken).expect(401)).body).toEqual({ code: 'UNAUTHENTICATED', message: 'the session has ended: log in again' });
    await request(app.getHttpServer()).post('/v1/admin/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    expect((await auditEntries('admin.logout')).at(-1)).toMatchObject({ actor: { kind: 'coordinator' }, sessionId: expect.any(String) });
  });

  it('refuses an expired access token, one of another key, alg none and a node assertion on admin routes', async () => {
    const token = await adminToken(app, admins.coordinator);
    const tokens = app.get(AdminTokensService);
    const later = new Date(Date.now() + 301_000);
    await expect(tokens.verify(token, later)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('expired') });

    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, number | string>;
    const iat = Math.floor(Date.now() / 1000) - 400;
    const expired = await app.get(KeyringService).sign({ ...claims, iat, exp: iat + 300 }, ADMIN_TOKEN_TYP);
    expect((await get('/v1/admin/auth/me', expired).expect(401)).body.message).toContain('expired');

    const stranger = await generateSigningKeyPair('Ed25519');
    const foreign = await signJws(JSON.stringify(claims), stranger.privateJwk, { alg: 'EdDSA', kid: stranger.kid, typ: ADMIN_TOKEN_TYP });
    expect((await get('/v1/admin/auth/me', foreign).expect(401)).body.code).toBe('UNAUTHENTICATED');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: ADMIN_TOKEN_TYP })).toString('base64url')}.${token.split('.')[1]}.`;
    expect((await get('/v1/admin/auth/me', none).expect(401)).body.code).toBe('UNAUTHENTICATED');

    const keys = await nodeKeys();
    const node = await app.get(DirectoryService).registerNode('FR-CYBERDOUANE', 'https://fr.admin-auth.example/v1/inbox', keys.jwks);
    const assertion = await createClientAssertion({ iss: node.id, aud: AUD, privateKey: keys.sig.privateJwk, kid: keys.sig.kid, alg: 'EdDSA', ttlSeconds: 30 });
    expect((await get('/v1/admin/accounts', assertion).expect(401)).body.code).toBe('UNAUTHENTICATED');
    // The assertion was not spent by the admin route: it still authenticates the node once.
    await get('/v1/nodes/me', assertion).expect(200);
  });

  it('lets auditors and coordinators read the audit log next to nodes; auditors may not manage accounts', async () => {
    const auditor = await adminToken(app, admins.auditor);
    const coordinator = await adminToken(app, admins.coordinator);
    for (const token of [auditor, coordinator]) expect((await get('/v1/audit/leaves?count=2', token).expect(200)).body.leaves).toHaveLength(2);
    expect((await get('/v1/admin/accounts', auditor).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await get('/v1/admin/accounts', coordinator).expect(200)).body.map((a: { username: string }) => a.username)).toContain('test.auditor');
    await get('/v1/audit/leaves').expect(401);
  });

  it('opens nothing but the password change to a one-time password; changing it ends the other sessions', async () => {
    const coordinator = await adminToken(app, admins.coordinator);
    const created = await request(app.getHttpServer()).post('/v1/admin/accounts').set('Authorization', `Bearer ${coordinator}`).send({ username: 'new.auditor', displayName: 'New Auditor', role: 'auditor' }).expect(201);
    const { account, oneTimePassword } = created.body;
    expect((await auditEntries('admin.account-created')).at(-1)).toMatchObject({ accountId: account.id, role: 'auditor', via: 'api', actor: { kind: 'coordinator', accountId: await accountId('test.coordinator') } });

    const elsewhere = (await adminLogin(app, 'new.auditor', oneTimePassword).expect(200)).body;
    const first = (await adminLogin(app, 'new.auditor', oneTimePassword).expect(200)).body;
    expect(first.passwordChangeRequired).toBe(true);
    expect((await get('/v1/audit/leaves', first.accessToken).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await get('/v1/admin/auth/me', first.accessToken).expect(200);

    const change = (body: object) => request(app.getHttpServer()).post('/v1/admin/auth/password').set('Authorization', `Bearer ${first.accessToken}`).send(body);
    expect((await change({ currentPassword: oneTimePassword, newPassword: 'short' }).expect(400)).body.issues).toEqual([expect.objectContaining({ path: '/newPassword' })]);
    expect((await change({ currentPassword: 'wrong-current-password', newPassword: 'a-long-new-password' }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    await change({ currentPassword: oneTimePassword, newPassword: 'a-long-new-password' }).expect(204);

    await get('/v1/audit/leaves', first.accessToken).expect(200);
    await get('/v1/admin/auth/me', elsewhere.accessToken).expect(401);
    await adminLogin(app, 'new.auditor', oneTimePassword).expect(401);
    expect((await adminLogin(app, 'new.auditor', 'a-long-new-password').expect(200)).body.passwordChangeRequired).toBe(false);
    expect((await auditEntries('admin.password-changed')).at(-1)).toMatchObject({ accountId: account.id });
    expect((await auditEntries('admin.session-revoked')).at(-1)).toMatchObject({ accountId: account.id, reason: 'password-changed' });
  });

  it('refuses a route that declares no access rule (403), whoever calls', async () => {
    expect((await get('/v1/test-undeclared').expect(403)).body).toEqual({ code: 'FORBIDDEN', message: 'this route is not open to anyone' });
    expect((await get('/v1/test-undeclared', await adminToken(app, admins.coordinator)).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('keeps the public routes public: health, the JWKS, the directory snapshot', async () => {
    await get('/health').expect(200);
    await get('/.well-known/jwks.json').expect(200);
    await get('/v1/directory').expect(200);
  });

  it('creates the demo accounts only into an empty hub', async () => {
    expect(await app.get(AccountsService).seedIfEmpty([{ username: 'late.one', displayName: 'Late', role: 'coordinator', password: 'a-long-enough-password' }])).toBe(0);
    await expect(app.get(AccountsService).bootstrapCoordinator('second.root', undefined)).rejects.toMatchObject({ code: 'COORDINATOR_EXISTS' });
  });
});
