import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface TestAdmin {
  username: string;
  password: string;
  role: 'coordinator' | 'auditor';
}

/**
 * A DEMO_ADMINS_FILE with one coordinator and one auditor of random passwords, as `npm start`
 * writes it: the hub creates them at its first start. Returns the file and the logins.
 */
export function demoAdminsFile(): { file: string; coordinator: TestAdmin; auditor: TestAdmin } {
  const password = () => randomBytes(15).toString('base64url');
  const coordinator: TestAdmin = { username: 'test.coordinator', password: password(), role: 'coordinator' };
  const auditor: TestAdmin = { username: 'test.auditor', password: password(), role: 'auditor' };
  const file = join(mkdtempSync(join(tmpdir(), 'cicu-admins-')), 'demo-admins.json');
  writeFileSync(file, JSON.stringify([coordinator, auditor].map((a) => ({ ...a, displayName: `${a.role} (test)` }))), { mode: 0o600 });
  return { file, coordinator, auditor };
}

/** POST /v1/admin/auth/login; the response as Supertest gives it. */
export function adminLogin(app: INestApplication, username: string, password: string) {
  return request(app.getHttpServer()).post('/v1/admin/auth/login').send({ username, password });
}

/** Logs in and returns the access token (expects 200). */
export async function adminToken(app: INestApplication, admin: Pick<TestAdmin, 'username' | 'password'>): Promise<string> {
  const res = await adminLogin(app, admin.username, admin.password).expect(200);
  return (res.body as { accessToken: string }).accessToken;
}
