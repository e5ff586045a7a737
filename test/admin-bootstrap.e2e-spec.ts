import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { createApp, PasswordHasher } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { adminLogin } from './support/admins';
import { createTestDatabase } from './support/databases';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const OPERATOR_SECRET = 'admin-bootstrap-e2e-operator-secret';

/** `npm run hub -- <args>` on the database at `url`, with `stdin` piped (then closed). */
function hubCommand(url: string, args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/hub.ts', ...args], {
      cwd: resolve(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: url, OPERATOR_SECRET, REDIS_URL: testEnv.redisUrl, DEMO_ADMINS_FILE: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run hub -- bootstrap-coordinator (the first coordinator, once)', () => {
  const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
  let app: INestApplication | undefined;

  afterAll(async () => {
    await app?.close();
    for (const database of databases) await database.drop();
  });

  it('creates the first coordinator with the piped password as a one-time password, then refuses a second bootstrap', async () => {
    const database = await createTestDatabase('admin_bootstrap');
    databases.push(database);
    const piped = await hubCommand(database.url, ['bootstrap-coordinator', 'root.coordinator'], 'a-piped-one-time-password\n');
    expect(piped).toMatchObject({ code: 0, stdout: expect.stringMatching(/coordinator root\.coordinator created: id [0-9a-f-]{36}/) });
    expect(piped.stdout).not.toContain('a-piped-one-time-password');

    const again = await hubCommand(database.url, ['bootstrap-coordinator', 'other.coordinator']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a coordinator already exists');
    expect(await sql(database.url, 'SELECT username FROM admin_account')).toEqual([{ username: 'root.coordinator' }]);

    const config = loadHubConfig({ DATABASE_URL: database.url, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET, SEAL_PBES2_COUNT: '1000', QUEUE_PREFIX: `cicu-hub-bootstrap-${randomUUID().slice(0, 8)}` });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    const login = await adminLogin(app, 'root.coordinator', 'a-piped-one-time-password').expect(200);
    expect(login.body.passwordChangeRequired).toBe(true);
    const [created] = await sql<{ canonical: string }>(database.url, "SELECT canonical FROM audit_entry WHERE type = 'admin.account-created'");
    expect(JSON.parse(created!.canonical)).toMatchObject({ actor: { kind: 'hub' }, role: 'coordinator', via: 'bootstrap' });
  }, 90_000);

  it('generates and prints a one-time password when none is piped; never a default one', async () => {
    const database = await createTestDatabase('admin_bootstrap_gen');
    databases.push(database);
    const run = await hubCommand(database.url, ['bootstrap-coordinator', 'first.coordinator']);
    expect(run.code).toBe(0);
    const password = /one-time password: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [row] = await sql<{ password_hash: string; password_change_required: boolean }>(database.url, 'SELECT password_hash, password_change_required FROM admin_account');
    expect(row!.password_change_required).toBe(true);
    expect(await new PasswordHasher().verify(row!.password_hash, password!)).toBe(true);
  }, 90_000);

  it('refuses a wrong command line (exit 2) and an invalid username (exit 1, nothing created)', async () => {
    const database = databases[1]!;
    expect((await hubCommand(database.url, ['bootstrap-coordinator'])).code).toBe(2);
    expect((await hubCommand(database.url, ['make-me-admin'])).code).toBe(2);
    const bad = await hubCommand(database.url, ['bootstrap-coordinator', 'Bad Name!']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('/username');
  }, 90_000);
});
