import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { generateSigningKeyPair, signJws } from '@cicu/crypto';
import { createApp, KeyringService } from '@cicu/shared';
import { NODE_API, NodeModule } from '../apps/node/src/app.module';
import { OFFICER_TOKEN_TYP } from '../apps/node/src/auth/officer-tokens.service';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { OfficerEntity } from '../apps/node/src/officers/officer.entity';
import { OfficersRepository } from '../apps/node/src/officers/officers.repository';
import { createTestDatabase } from './support/databases';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const UNIT_ID = 'FR-CYBERDOUANE';
const SECRET = 'officers-e2e-node-operator-secret';
// Fresh per run: no password lives in the code or the repository.
const password = (): string => randomBytes(18).toString('base64url');
const OFFICER = { username: 'j.martin', displayName: 'Jeanne Martin', roles: ['officer'], password: password() };
const SUPERVISOR = { username: 'a.dubois', displayName: 'Alain Dubois', roles: ['officer', 'supervisor'], password: password() };
const LOCKABLE = { username: 'l.petit', displayName: 'Luc Petit', roles: ['officer'], password: password() };

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type OfficerRow = { id: string; username: string; password_hash: string; status: string; failed_logins: number; locked_until: Date | null };

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('node officers and authentication', () => {
  let database: TestDatabase;
  let dir: string;
  let app: INestApplication;
  let redis: Redis;
  let env: Record<string, string>;

  const http = () => request(app.getHttpServer());
  const officers = () => sql<OfficerRow>(database.url, 'SELECT id, username, password_hash, status, failed_logins, locked_until FROM officer ORDER BY username');

  async function login(who: { username: string; password: string }): Promise<string> {
    const res = await http().post('/v1/auth/login').send({ username: who.username, password: who.password }).expect(200);
    return (res.body as { accessToken: string }).accessToken;
  }

  /** Claims as the node would sign them, for tokens the tests forge. */
  async function claimsFor(who: { username: string }, overrides: Record<string, unknown> = {}) {
    const [row] = await sql<{ id: string }>(database.url, 'SELECT id FROM officer WHERE username = $1', [who.username]);
    const now = Math.floor(Date.now() / 1000);
    return { sub: row!.id, aud: UNIT_ID, roles: ['officer'], iat: now, exp: now + 60, jti: randomUUID(), ...overrides };
  }

  beforeAll(async () => {
    database = await createTestDatabase('officers');
    dir = await mkdtemp(join(tmpdir(), 'cicu-officers-'));
    const demoFile = join(dir, 'officers.json');
    await writeFile(demoFile, JSON.stringify([OFFICER, SUPERVISOR, LOCKABLE]));
    env = {
      UNIT_ID,
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: SECRET,
      SEAL_PBES2_COUNT: '1000',
      LOGIN_MAX_FAILURES: '5',
      LOGIN_LOCKOUT_SECONDS: '1',
      DEMO_OFFICERS_FILE: demoFile,
    };
    app = await createApp(NodeModule.forRoot(loadNodeConfig(env)), NODE_API);
    await app.init();
    redis = new Redis(testEnv.redisUrl);
  });

  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the demo officers once, with argon2id hashes, and a restart does not add them again', async () => {
    const rows = await officers();
    expect(rows.map((r) => r.username)).toEqual(['a.dubois', 'j.martin', 'l.petit']);
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$/);

    // One app at a time: TypeORM's default DataSource is process-wide.
    await app.close();
    app = await createApp(NodeModule.forRoot(loadNodeConfig(env)), NODE_API);
    await app.init();
    expect(await officers()).toEqual(rows);
  });

  it('logs an officer in and says who the token speaks for, never returning a hash', async () => {
    const res = await http().post('/v1/auth/login').send({ username: 'J.Martin', password: OFFICER.password }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });

    const [header, payload] = (res.body.accessToken as string).split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'EdDSA', kid: app.get(KeyringService).signingKid, typ: OFFICER_TOKEN_TYP });
    expect(payload).toEqual({ sub: expect.any(String), aud: UNIT_ID, roles: ['officer'], iat: expect.any(Number), exp: (payload!['iat'] as number) + 900, jti: expect.any(String) });

    const me = await http().get('/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken as string}`).expect(200);
    expect(me.body).toEqual({ id: payload!['sub'], username: 'j.martin', displayName: 'Jeanne Martin', roles: ['officer'], unitId: UNIT_ID });
    expect(JSON.stringify(me.body)).not.toContain('argon2');
  });

  it('answers a wrong password and an unknown username alike, after the same argon2 work', async () => {
    const started = Date.now();
    const wrong = await http().post('/v1/auth/login').send({ username: 'j.martin', password: 'not-the-password' }).expect(401);
    const wrongMs = Date.now() - started;
    const unknownStarted = Date.now();
    const unknown = await http().post('/v1/auth/login').send({ username: 'nobody.here', password: 'not-the-password' }).expect(401);
    const unknownMs = Date.now() - unknownStarted;

    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'unknown username or wrong password' });
    expect(unknown.body).toEqual(wrong.body);
    // Loose on purpose (CI timing): an unknown name must not answer without hashing.
    expect(unknownMs).toBeGreaterThan(wrongMs / 4);
    await login(OFFICER); // resets j.martin's failure count
  });

  it('refuses a malformed login body with VALIDATION and its issues, without echoing the input', async () => {
    const res = await http().post('/v1/auth/login').send({ username: 'j.martin', pin: 'secret-value-1234' }).expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/password', code: 'required' }), expect.objectContaining({ code: 'additionalProperties' })]));
    expect(JSON.stringify(res.body)).not.toContain('secret-value-1234');
  });

  it('locks an account after 5 consecutive failures, even for the right password, and unlocks it after the window', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await http().post('/v1/auth/login').send({ username: LOCKABLE.username, password: `wrong-${i}` }).expect(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await http().post('/v1/auth/login').send({ username: LOCKABLE.username, password: 'wrong-5' }).expect(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const right = await http().post('/v1/auth/login').send({ username: LOCKABLE.username, password: LOCKABLE.password }).expect(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    expect((await officers()).find((r) => r.username === LOCKABLE.username)).toMatchObject({ status: 'locked', failed_logins: 5 });

    await new Promise((done) => setTimeout(done, 1100));
    await login(LOCKABLE);
    expect((await officers()).find((r) => r.username === LOCKABLE.username)).toMatchObject({ status: 'active', failed_logins: 0, locked_until: null });
  });

  it('resets the failure count on success', async () => {
    for (let i = 0; i < 4; i++) await http().post('/v1/auth/login').send({ username: LOCKABLE.username, password: 'wrong' }).expect(401);
    await login(LOCKABLE);
    await http().post('/v1/auth/login').send({ username: LOCKABLE.username, password: 'wrong' }).expect(401);
    expect((await officers()).find((r) => r.username === LOCKABLE.username)).toMatchObject({ status: 'active', failed_logins: 1 });
    await login(LOCKABLE);
  });

  it('refuses requests without a token, with an expired token, and with tokens not signed by this node', async () => {
    const keyring = app.get(KeyringService);
    const other = await generateSigningKeyPair('Ed25519');
    const bytes = (claims: unknown) => new TextEncoder().encode(JSON.stringify(claims));
    const expired = await keyring.sign(await claimsFor(OFFICER, { iat: 1_700_000_000, exp: 1_700_000_060 }), OFFICER_TOKEN_TYP);
    const otherKey = await signJws(bytes(await claimsFor(OFFICER)), other.privateJwk, { alg: 'EdDSA', kid: other.kid, typ: OFFICER_TOKEN_TYP });
    const otherKeyOurKid = await signJws(bytes(await claimsFor(OFFICER)), other.privateJwk, { alg: 'EdDSA', kid: keyring.signingKid, typ: OFFICER_TOKEN_TYP });
    const algNone = `${b64({ alg: 'none', kid: keyring.signingKid, typ: OFFICER_TOKEN_TYP })}.${b64(await claimsFor(OFFICER))}.`;
    const otherUnit = await keyring.sign(await claimsFor(OFFICER, { aud: 'DE-ZKA' }), OFFICER_TOKEN_TYP);
    const otherTyp = await keyring.sign(await claimsFor(OFFICER), 'cicu-node-assertion+jwt');

    const noHeader = await http().get('/v1/auth/me').expect(401);
    expect(noHeader.body).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringContaining('Authorization') });
    for (const token of [expired, otherKey, otherKeyOurKid, algNone, otherUnit, otherTyp, 'not-a-token']) {
      const res = await http().get('/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    const valid = await keyring.sign(await claimsFor(OFFICER), OFFICER_TOKEN_TYP);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${valid}`).expect(200);
  });

  it('revokes the token on logout until it would have expired', async () => {
    const token = await login(OFFICER);
    await http().post('/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const res = await http().get('/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');

    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti as string;
    const ttl = await redis.ttl(`cicu-node-${UNIT_ID}:revoked-token:${jti}`);
    expect(ttl).toBeGreaterThan(800);
    expect(ttl).toBeLessThanOrEqual(900);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${await login(OFFICER)}`).expect(200);
  });

  it("checks a token's signature on its first call only; the same claims under another signature are verified, and refused", async () => {
    const token = await login(OFFICER);
    const verifications = jest.spyOn(jest.requireActual<typeof import('node:crypto')>('node:crypto'), 'verify');
    try {
      await http().get('/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(verifications).toHaveBeenCalledTimes(1);
      await http().get('/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(verifications).toHaveBeenCalledTimes(1);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const flipped = Buffer.from(signature, 'base64url');
      flipped[0] ^= 1;
      await http().get('/v1/auth/me').set('Authorization', `Bearer ${header}.${payload}.${flipped.toString('base64url')}`).expect(401);
      expect(verifications).toHaveBeenCalledTimes(2);
    } finally {
      verifications.mockRestore();
    }
  });

  it('lets only supervisors list officers, and the list holds no password hash', async () => {
    const res = await http().get('/v1/officers').set('Authorization', `Bearer ${await login(OFFICER)}`).expect(403);
    expect(res.body).toEqual({ code: 'FORBIDDEN', message: 'this route needs one of the roles supervisor' });
    await http().get('/v1/officers').expect(401);

    const list = await http().get('/v1/officers').set('Authorization', `Bearer ${await login(SUPERVISOR)}`).expect(200);
    expect(list.body.map((o: { username: string }) => o.username)).toEqual(['a.dubois', 'j.martin', 'l.petit']);
    expect(Object.keys(list.body[0]).sort()).toEqual(['displayName', 'id', 'roles', 'status', 'username']);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|hash/i);
  });

  it('refuses a valid token of an officer since disabled, though its signature was checked before', async () => {
    const token = await login(LOCKABLE);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await sql(database.url, "UPDATE officer SET status = 'disabled' WHERE username = $1", [LOCKABLE.username]);
    try {
      await http().get('/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      const res = await http().post('/v1/auth/login').send({ username: LOCKABLE.username, password: LOCKABLE.password }).expect(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    } finally {
      await sql(database.url, "UPDATE officer SET status = 'active' WHERE username = $1", [LOCKABLE.username]);
    }
  });

  it("reads an officer by id exactly as TypeORM's findOneBy hydrates it (the written-out statement every officer request runs)", async () => {
    const [row] = await sql<{ id: string }>(database.url, "UPDATE officer SET status = 'locked', locked_until = '2030-01-02T03:04:05Z', failed_logins = 2 WHERE username = $1 RETURNING id", [LOCKABLE.username]);
    try {
      const byTypeorm = await app.get(DataSource).getRepository(OfficerEntity).findOneBy({ id: row!.id });
      const written = await app.get(OfficersRepository).findById(row!.id);
      expect(written).toBeInstanceOf(OfficerEntity);
      expect(written).toEqual(byTypeorm);
      expect(written).toMatchObject({ username: LOCKABLE.username, roles: ['officer'], status: 'locked', failedLogins: 2, lockedUntil: new Date('2030-01-02T03:04:05Z') });
      expect(await app.get(OfficersRepository).findById(randomUUID())).toBeNull();
    } finally {
      await sql(database.url, "UPDATE officer SET status = 'active', locked_until = NULL, failed_logins = 0 WHERE id = $1", [row!.id]);
    }
  });

  it('keeps health, the JWK Set and the API docs public', async () => {
    await http().get('/health').expect(200);
    await http().get('/.well-known/jwks.json').expect(200);
    const docs = await http().get('/docs-json').expect(200);
    expect(docs.body.paths['/v1/auth/me'].get.security).toEqual([{ bearer: [] }]);
    expect(docs.body.paths['/v1/auth/login'].post.security).toBeUndefined();
  });

  it('refuses, in the database itself, a role or a hash that the code would never write', async () => {
    const insert = (roles: string, hash: string) =>
      sql(database.url, `INSERT INTO officer (id, username, display_name, roles, password_hash) VALUES ($1, 'x.check', 'X', $2::text[], $3)`, [randomUUID(), roles, hash]);
    await expect(insert('{admin}', '$argon2id$v=19$m=1$x')).rejects.toThrow(/check/);
    await expect(insert('{officer}', 'plain-text-password')).rejects.toThrow(/check/);
    await expect(insert('{}', '$argon2id$v=19$m=1$x')).rejects.toThrow(/check/);
  });

  it('creates an officer from the command line, with the password from the environment, and enforces the policy', async () => {
    const run = promisify(execFile);
    const script = ['-r', '@swc-node/register', 'scripts/officer-create.ts', '--username', 'm.leroy', '--display-name', 'Marie Leroy', '--roles', 'officer,supervisor'];
    const cliEnv = { ...process.env, ...env, DEMO_OFFICERS_FILE: '' };
    const cwd = resolve(__dirname, '..');

    await expect(run('node', script, { cwd, env: { ...cliEnv, OFFICER_PASSWORD: 'too-short' } })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('/password') });
    const created = password();
    const { stdout } = await run('node', script, { cwd, env: { ...cliEnv, OFFICER_PASSWORD: created } });
    expect(stdout).toMatch(/officer m\.leroy created/);
    const me = await http().get('/v1/auth/me').set('Authorization', `Bearer ${await login({ username: 'm.leroy', password: created })}`).expect(200);
    expect(me.body.roles).toEqual(['officer', 'supervisor']);
    await expect(run('node', script, { cwd, env: { ...cliEnv, OFFICER_PASSWORD: created } })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
  }, 60_000);
});
