import { randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createClientAssertion } from '@cicu/crypto';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { adminToken, demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { routesOf } from './support/routes';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-authz-e2e';
type Caller = 'anonymous' | 'node' | 'auditor' | 'coordinator';
const CALLERS: Caller[] = ['anonymous', 'node', 'auditor', 'coordinator'];

/** Who each kind of declaration admits. */
const ADMITS = {
  public: CALLERS,
  node: ['node'],
  'audit-reader': ['node', 'auditor', 'coordinator'],
  'admin-read': ['auditor', 'coordinator'],
  coordinator: ['coordinator'],
} as const satisfies Record<string, readonly Caller[]>;

/**
 * The intended access of every route of the hub. The test reads the routes from the app's
 * router: a route missing here, or here but not served, fails it; so does a route whose
 * declaration admits anyone else than its cells below.
 */
const INTENDED: Record<string, keyof typeof ADMITS> = {
  // Swagger UI and its document: plain Express, public by design.
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/index.html': 'public',
  'GET /docs/LICENSE': 'public',
  'GET /docs/swagger-ui-init.js': 'public',
  'GET /docs/docs/swagger-ui-init.js': 'public',
  'GET /docs-json': 'public',
  'GET /docs-yaml': 'public',
  // The web app (WebUiModule: a GET/HEAD middleware outside the API paths), public like Swagger UI.
  'GET /{*path}': 'public',
  'HEAD /{*path}': 'public',
  'GET /health': 'public',
  'GET /.well-known/jwks.json': 'public',
  'GET /v1/directory': 'public',
  'GET /v1/nodes/me': 'node',
  'POST /v1/messages': 'node',
  'POST /v1/messages/batch': 'node',
  'GET /v1/mailbox': 'node',
  'POST /v1/messages/:id/receipt': 'node',
  'GET /v1/messages/:id': 'node',
  'PUT /v1/messages/:id/attachments/:n': 'node',
  'GET /v1/messages/:id/attachments/:n': 'node',
  'GET /v1/audit/tree-heads/latest': 'audit-reader',
  'POST /v1/audit/tree-heads': 'audit-reader',
  'GET /v1/audit/tree-heads/:treeSize': 'audit-reader',
  'GET /v1/audit/proofs/inclusion': 'audit-reader',
  'GET /v1/audit/proofs/consistency': 'audit-reader',
  'GET /v1/audit/leaves': 'audit-reader',
  'POST /v1/admin/auth/login': 'public',
  'POST /v1/admin/auth/refresh': 'public',
  'POST /v1/admin/auth/logout': 'admin-read',
  'GET /v1/admin/auth/me': 'admin-read',
  'POST /v1/admin/auth/password': 'admin-read',
  'GET /v1/admin/accounts': 'coordinator',
  'POST /v1/admin/accounts': 'coordinator',
  'GET /v1/admin/member-states': 'admin-read',
  'POST /v1/admin/member-states': 'coordinator',
  'PATCH /v1/admin/member-states/:code': 'coordinator',
  'GET /v1/admin/units': 'admin-read',
  'GET /v1/admin/units/:unitId': 'admin-read',
  'POST /v1/admin/units': 'coordinator',
  'PATCH /v1/admin/units/:unitId': 'coordinator',
  'POST /v1/admin/units/:unitId/suspend': 'coordinator',
  'POST /v1/admin/units/:unitId/reinstate': 'coordinator',
  'POST /v1/admin/units/:unitId/retire': 'coordinator',
  'GET /v1/admin/legal-bases': 'admin-read',
  'GET /v1/admin/legal-bases/:legalBasisId': 'admin-read',
  'POST /v1/admin/legal-bases': 'coordinator',
  'PATCH /v1/admin/legal-bases/:legalBasisId': 'coordinator',
  'POST /v1/admin/legal-bases/:legalBasisId/end': 'coordinator',
  'GET /v1/admin/agreements': 'admin-read',
  'GET /v1/admin/agreements/:agreementId': 'admin-read',
  'GET /v1/admin/agreements/:agreementId/versions': 'admin-read',
  'GET /v1/admin/agreements/:agreementId/versions/:version': 'admin-read',
  'POST /v1/admin/agreements': 'coordinator',
  'POST /v1/admin/agreements/:agreementId/amendments': 'coordinator',
  'POST /v1/admin/agreements/:agreementId/end': 'coordinator',
  'GET /v1/admin/directory': 'admin-read',
  'GET /v1/admin/delivery': 'admin-read',
  'GET /v1/admin/delivery/undeliverable': 'admin-read',
  'POST /v1/admin/delivery/:messageId/retry': 'coordinator',
  // Node enrolment and key lifecycle (docs/adr-key-lifecycle.md).
  'POST /v1/enrollments': 'public',
  'POST /v1/nodes/me/keys': 'node',
  'POST /v1/admin/units/:unitId/enrollment-tokens': 'coordinator',
  'POST /v1/admin/nodes/:id/approve': 'coordinator',
  'GET /v1/admin/keys': 'admin-read',
  'POST /v1/admin/keys/:kid/revoke': 'coordinator',
  'GET /v1/forum/threads': 'node',
  'POST /v1/forum/threads': 'node',
  'GET /v1/forum/threads/:id': 'node',
  'POST /v1/forum/posts': 'node',
  'GET /v1/forum/posts/:id': 'node',
  'POST /v1/forum/posts/:id/revisions': 'node',
  'GET /v1/forum/posts/:id/revisions': 'node',
  'GET /v1/forum/subscriptions': 'node',
  'POST /v1/forum/subscriptions': 'node',
  'GET /v1/forum/notifications': 'node',
  'POST /v1/forum/notifications/read': 'node',
  'GET /v1/admin/forum/threads': 'coordinator',
  'GET /v1/admin/forum/threads/:id': 'coordinator',
  'GET /v1/admin/forum/posts/:id/revisions': 'coordinator',
  'GET /v1/admin/forum/overrides': 'coordinator',
  'GET /v1/admin/library/overrides': 'coordinator',
  'POST /v1/admin/forum/threads/:id/lock': 'coordinator',
  'POST /v1/admin/forum/threads/:id/unlock': 'coordinator',
  'POST /v1/admin/forum/posts/:id/hide': 'coordinator',
  'POST /v1/admin/forum/posts/:id/restore': 'coordinator',
  'GET /v1/unit-directory': 'node',
  'POST /v1/library/documents': 'node',
  'POST /v1/library/documents/:id/versions': 'node',
  'GET /v1/library/documents': 'node',
  'GET /v1/library/documents/:id': 'node',
  'GET /v1/library/documents/:id/versions/:version/file': 'node',
  'PUT /v1/unit-directory/:unitId': 'node',
};

/** Refusals that mean "this caller may not call this route" (not a refusal of what it sent). */
const ACCESS_DENIALS = new Set(['FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', 'NODE_NOT_ACTIVE', 'SENDER_SUSPENDED']);

describe('authorization matrix: every hub route × (no token, node assertion, auditor, coordinator)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const admins = demoAdminsFile();
  let credentialOf: (caller: Caller) => Promise<string | undefined>;

  beforeAll(async () => {
    database = await createTestDatabase('admin_authz');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'admin-authz-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-authz-${randomUUID().slice(0, 8)}`,
      DEMO_ADMINS_FILE: admins.file,
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    const keys = await nodeKeys();
    const node = await app.get(DirectoryService).registerNode('FR-CYBERDOUANE', 'https://fr.authz.example/v1/inbox', keys.jwks);
    // A fresh credential for every request: assertions are single-use, and a cell may log out.
    credentialOf = async (caller) => {
      switch (caller) {
        case 'anonymous':
          return undefined;
        case 'node':
          return createClientAssertion({ iss: node.id, aud: AUD, privateKey: keys.sig.privateJwk, kid: keys.sig.kid, alg: 'EdDSA', ttlSeconds: 30 });
        case 'auditor':
          return adminToken(app, admins.auditor);
        case 'coordinator':
          return adminToken(app, admins.coordinator);
      }
    };
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('knows every route the router serves, and serves every route it knows', () => {
    expect(routesOf(app).sort()).toEqual(Object.keys(INTENDED).sort());
  });

  it('lets through exactly the intended callers of each route', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of routesOf(app)) {
      const [method, path] = route.split(' ') as [string, string];
      // Any value will do for a path parameter: an admitted caller then gets a 400 or 404, never a 401/403.
      const url = path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      for (const caller of CALLERS) {
        const credential = await credentialOf(caller);
        let req = request(app.getHttpServer())[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put'](url);
        if (credential !== undefined) req = req.set('Authorization', `Bearer ${credential}`);
        const res = method === 'GET' || method === 'HEAD' ? await req : await req.send({});
        expect({ route, caller, status: res.status < 500 ? 'ok' : res.status }).toEqual({ route, caller, status: 'ok' });
        const denied = res.status === 401 || (res.status === 403 && ACCESS_DENIALS.has((res.body as { code?: string }).code ?? ''));
        outcomes.push(`${route} ${caller}: ${denied ? 'denied' : 'allowed'}`);
        const intended = INTENDED[route];
        const admitted = intended !== undefined && (ADMITS[intended] as readonly Caller[]).includes(caller);
        expected.push(`${route} ${caller}: ${admitted ? 'allowed' : 'denied'}`);
      }
    }
    expect(outcomes).toEqual(expected);
  }, 120_000);
});
