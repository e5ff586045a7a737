import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { type Federation, startFederation } from '../scripts/demo-federation.mjs';
import { exampleFinding, exampleRequestPayload } from '../libs/protocol/src/testing/examples';
import { freePort } from './support/ports';
import { testEnv } from './support/test-env';

// Smoke test of `npm start`'s default: the launcher's own logic (scripts/demo-federation.mjs)
// starts hub + FR + DE as real processes on embedded PGlite (no DATABASE_URL) from the
// TypeScript sources, on ports and a data directory of its own, first run then a second one.
// Each start compiles the apps on the fly: slow on a small machine, hence the timeouts.
jest.setTimeout(240_000);

const root = resolve(__dirname, '..');
// A Redis database of its own: the apps' default queue prefixes (cicu-hub, cicu-node-<unit>) are
// those of a running demo too. No QUEUE_PREFIX for all three apps: it once made FR and DE share
// their queues (nodeQueuePrefix now appends the unit id whatever it says).
const REDIS_DB = 13;

async function login(url: string, username: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { accessToken?: string };
  return { status: res.status, ...(body.accessToken !== undefined && { token: body.accessToken }) };
}

// 60 s: each step takes about a second here, but CI once waited 30 s in vain; the apps' logs then tell why.
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, explain: () => Promise<string>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (${await explain()})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

type Snapshot = { version: number; nodes: { id: string; unitId: string; keys?: { kid: string }[] }[] };

/** The hub's signed directory snapshot, decoded (the signature is the node tests' business). */
async function directoryOf(hubUrl: string): Promise<{ etag: string | null; snapshot: Snapshot }> {
  const res = await fetch(`${hubUrl}/v1/directory`);
  expect(res.status).toBe(200);
  const payload = (await res.text()).split('.')[1]!;
  return { etag: res.headers.get('etag'), snapshot: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Snapshot };
}

describe('demo federation (npm start, embedded PGlite)', () => {
  let dataDir: string;
  let federation: Federation | undefined;
  let options: Parameters<typeof startFederation>[0];
  const unexpectedExits: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cicu-demo-'));
    const redisUrl = new URL(testEnv.redisUrl);
    redisUrl.pathname = `/${REDIS_DB}`;
    const redis = new Redis(redisUrl.toString(), { lazyConnect: true });
    await redis.connect();
    await redis.flushdb();
    await redis.quit();
    const [hub, FR, DE] = await Promise.all([freePort(), freePort(), freePort()]);
    options = {
      root,
      dataDir,
      ports: { hub, FR, DE },
      runtime: 'ts',
      output: 'collect',
      healthTimeoutMs: 120_000,
      log: () => undefined,
      env: { DATABASE_URL: undefined, REDIS_URL: redisUrl.toString(), SEAL_PBES2_COUNT: '1000', LOG_LEVEL: 'info',
        // Short retry and poll intervals so that one missed push costs seconds, not minutes (the exchange test).
        DELIVERY_BACKOFF_MS: '300', SUBMIT_BACKOFF_MS: '300', MAILBOX_POLL_SECONDS: '2' },
      onUnexpectedExit: (name, code) => unexpectedExits.push(`${name}: ${code}`),
    };
    federation = await startFederation(options);
  });

  afterAll(async () => {
    await federation?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its secrets private and no password in a fixed place', () => {
    const file = join(dataDir, 'demo-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'demo-officers-fr.json')).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as { officers: Record<string, { password: string }[]> };
    const passwords = Object.values(secrets.officers).flat().map((o) => o.password);
    expect(new Set(passwords).size).toBe(4);
    expect(federation!.logins.map((l) => l.username).sort()).toEqual(['de.officer', 'de.supervisor', 'fr.officer', 'fr.supervisor']);
  });

  it('all three apps are healthy, the nodes with a verified directory', async () => {
    for (const url of [federation!.hub.url, ...federation!.nodes.map((n) => n.url)]) {
      const res = await fetch(`${url}/health`);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
    for (const node of federation!.nodes) {
      const health = (await (await fetch(`${node.url}/health`)).json()) as { details: { directory?: { status: string } } };
      expect(health.details.directory?.status).toBe('up');
    }
  });

  it("the hub's directory lists both nodes with their own ids and keys", async () => {
    const { snapshot } = await directoryOf(federation!.hub.url);
    expect(snapshot.nodes.map((n) => [n.unitId, n.id]).sort()).toEqual(federation!.nodes.map((n) => [n.unitId, n.nodeId]).sort());
    const text = JSON.stringify(snapshot);
    for (const node of federation!.nodes) {
      const jwks = (await (await fetch(`${node.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      for (const key of jwks.keys) expect(text).toContain(key.kid);
    }
  });

  it('the demo officers log in at their own node, and only there', async () => {
    const [fr, de] = federation!.nodes;
    const password = (username: string) => federation!.logins.find((l) => l.username === username)!.password;
    const frLogin = await login(fr!.url, 'fr.officer', password('fr.officer'));
    expect(frLogin.status).toBe(200);
    const me = await fetch(`${fr!.url}/v1/auth/me`, { headers: { authorization: `Bearer ${frLogin.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'fr.officer', roles: ['officer'] });
    expect((await login(de!.url, 'de.officer', password('de.officer'))).status).toBe(200);
    expect((await login(de!.url, 'fr.officer', password('fr.officer'))).status).toBe(401);
  });

  it('fr.officer files an ISP_SUBSCRIBER request, fr.supervisor approves, de.officer answers, FR reads the finding', async () => {
    const [fr, de] = federation!.nodes;
    const password = (username: string) => federation!.logins.find((l) => l.username === username)!.password;
    const tokenOf = async (url: string, username: string) => {
      const { status, token } = await login(url, username, password(username));
      expect({ username, status }).toEqual({ username, status: 200 });
      return token!;
    };
    const call = async (url: string, token: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string; status: string } };
    };
    const [officer, supervisor, deOfficer] = await Promise.all([tokenOf(fr!.url, 'fr.officer'), tokenOf(fr!.url, 'fr.supervisor'), tokenOf(de!.url, 'de.officer')]);

    // What FR may ask DE for: the agreement in force, its legal bases and areas.
    const partners = (await call(fr!.url, officer, 'GET', '/v1/partners')).body as unknown as { unitId: string; agreements: { id: string; requestTypes: string[]; areas: string[]; legalBases: string[] }[] }[];
    const agreement = partners.find((p) => p.unitId === 'DE-ZIRE')?.agreements.find((a) => a.requestTypes.includes('ISP_SUBSCRIBER'));
    expect(agreement).toBeDefined();
    const example = exampleRequestPayload('ISP_SUBSCRIBER');
    const drafted = await call(fr!.url, officer, 'POST', '/v1/requests', {
      partnerUnit: 'DE-ZIRE',
      agreementId: agreement!.id,
      legalBasisId: agreement!.legalBases[0],
      requestType: 'ISP_SUBSCRIBER',
      area: agreement!.areas.includes('medicines') ? 'medicines' : agreement!.areas[0],
      priority: 'urgent',
      handlingCode: 'H1',
      caseReference: 'CYB-DEMO-E2E',
      summaryOfFacts: example.summaryOfFacts,
      measureRequested: example.measureRequested,
      enquiriesMade: example.enquiriesMade,
      subject: example.subject,
    });
    expect({ status: drafted.status, state: drafted.body.status }).toEqual({ status: 201, state: 'awaiting_approval' });
    const id = drafted.body.id;
    const approved = await call(fr!.url, supervisor, 'POST', `/v1/requests/${id}/approve`, { comment: 'ok' });
    expect(approved.status).toBe(200);

    // On a time-out: the request's state at FR and what the three apps logged (info level).
    const frState = async () =>
      `FR: ${JSON.stringify((await call(fr!.url, officer, 'GET', `/v1/requests/${id}`)).body.status)}\n` +
      (['FR', 'hub', 'DE'] as const).map((name) => `--- ${name} output:\n${federation!.output(name)}`).join('\n');
    await waitFor(
      "the request in DE's incoming list",
      async () => {
        const listed = await call(de!.url, deOfficer, 'GET', '/v1/incoming');
        return (listed.body as unknown as { id: string }[]).some((r) => r.id === id) ? true : undefined;
      },
      frState,
    );
    const incoming = await call(de!.url, deOfficer, 'GET', `/v1/incoming/${id}`);
    expect(incoming.status).toBe(200);
    expect(incoming.body).toMatchObject({ id, fromUnit: 'FR-CYBERDOUANE', requestType: 'ISP_SUBSCRIBER', payload: { subject: example.subject } });

    const finding = exampleFinding('ISP_SUBSCRIBER');
    const answered = await call(de!.url, deOfficer, 'POST', `/v1/incoming/${id}/answer`, { outcome: { code: 'answered' }, findings: [finding] });
    expect({ status: answered.status, state: answered.body.status }).toEqual({ status: 200, state: 'answered' });

    const done = await waitFor(
      'FR to read the answer',
      async () => {
        const { body } = await call(fr!.url, officer, 'GET', `/v1/requests/${id}`);
        return body.status === 'answered' ? body : undefined;
      },
      frState,
    );
    expect(done).toMatchObject({ id, status: 'answered', answer: { findings: [finding] } });
    expect(done.hubReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('a second start reuses everything: same node ids, same passwords, no re-registration', async () => {
    const first = federation!;
    const before = await directoryOf(first.hub.url);
    await first.stop();
    federation = undefined;
    federation = await startFederation(options);
    expect(federation.nodes.map((n) => n.nodeId)).toEqual(first.nodes.map((n) => n.nodeId));
    expect(federation.logins).toEqual(first.logins);
    const after = await directoryOf(federation.hub.url);
    expect(after.etag).toBe(before.etag);
    expect(after.snapshot.nodes).toHaveLength(2);
    const fr = federation.nodes.find((n) => n.name === 'FR')!;
    expect((await login(fr.url, 'fr.supervisor', federation.logins.find((l) => l.username === 'fr.supervisor')!.password)).status).toBe(200);
    expect(unexpectedExits).toEqual([]);
  });
});
