import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo, createServer } from 'node:net';
import { type INestApplication } from '@nestjs/common';
import passport from 'passport';
import request from 'supertest';
import { REQUEST_TYPES, type RequestType } from '@cicu/protocol';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { NODE_API, NodeModule } from '../apps/node/src/app.module';
import { LOCAL_STRATEGY, LocalStrategy } from '../apps/node/src/auth/local.strategy';
import { OFFICER_JWT_STRATEGY, OfficerJwtStrategy } from '../apps/node/src/auth/officer-jwt.strategy';
import { DeadlinesService } from '../apps/node/src/cases/deadlines/deadlines.service';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { MailboxService } from '../apps/node/src/inbox/mailbox/mailbox.service';
import { exampleFinding, exampleRequestPayload } from '../libs/protocol/src/testing/examples';
import { createTestDatabase } from './support/databases';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

jest.setTimeout(60_000);

const AUD = 'cicu-hub-exchange-e2e';
const RUN = randomBytes(4).toString('hex');
const SECRET = 'exchange-e2e-operator-secret';
const AGREEMENT = 'AGR-FR-DE-CICU';
const NAPLES = 'NAPLES-II-ART-10';
// Fresh per run: no password lives in the repository.
const PASSWORD = randomBytes(18).toString('base64url');
const FR = 'FR-CYBERDOUANE';
const DE = 'DE-ZIRE';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type Unit = typeof FR | typeof DE;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('cases: FR files a request, DE answers, through a real hub', () => {
  let dir: string;
  let hubDb: TestDatabase;
  const dbs = {} as Record<Unit, TestDatabase>;
  const ports = {} as Record<Unit | 'hub', number>;
  const nodeIds = {} as Record<Unit, string>;
  const apps = {} as Record<Unit | 'hub', INestApplication | undefined>;
  const tokens = {} as Record<string, string>;
  const answeredIds: string[] = [];

  const hubConfig = () =>
    loadHubConfig({
      DATABASE_URL: hubDb.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: SECRET,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-exchange-${RUN}`,
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '200',
      DELIVERY_TIMEOUT_MS: '2000',
    });

  async function startHub(): Promise<void> {
    apps.hub = await createApp(HubModule.forRoot(hubConfig()), HUB_API);
    await apps.hub.listen(ports.hub, '127.0.0.1');
  }

  const nodeConfig = (unit: Unit, extra: Record<string, string> = {}) =>
    loadNodeConfig({
      UNIT_ID: unit,
      DATABASE_URL: dbs[unit].url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: SECRET,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-node-exchange-${unit}-${RUN}`,
      DEMO_OFFICERS_FILE: join(dir, `${unit}.json`),
      DIRECTORY_REFRESH_SECONDS: '3600',
      MAILBOX_POLL_SECONDS: '3600',
      SUBMIT_BACKOFF_MS: '300',
      ...extra,
    });

  async function startNode(unit: Unit, extra: Record<string, string> = {}): Promise<INestApplication> {
    const app = await createApp(NodeModule.forRoot(nodeConfig(unit, { HUB_URL: `http://127.0.0.1:${ports.hub}`, NODE_ID: nodeIds[unit], ...extra })), NODE_API);
    await app.listen(ports[unit], '127.0.0.1');
    apps[unit] = app;
    return app;
  }

  /**
   * Passport keeps its strategies in one process-wide registry, so of two node apps in this
   * process the last one started would check every officer's login and token. Before calling
   * a node's officer routes, its own strategies are put back (production: one node per process).
   */
  function http(unit: Unit) {
    const app = apps[unit]!;
    passport.use(LOCAL_STRATEGY, app.get(LocalStrategy));
    passport.use(OFFICER_JWT_STRATEGY, app.get(OfficerJwtStrategy));
    return request(app.getHttpServer());
  }
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  async function login(unit: Unit, username: string): Promise<void> {
    const res = await http(unit).post('/v1/auth/login').send({ username, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    tokens[username] = res.body.accessToken;
  }

  function draftBody(type: RequestType, overrides: Record<string, unknown> = {}) {
    const example = exampleRequestPayload(type);
    return {
      partnerUnit: DE,
      agreementId: AGREEMENT,
      legalBasisId: NAPLES,
      requestType: type,
      area: 'medicines',
      priority: 'urgent',
      handlingCode: 'H1',
      caseReference: `CYB-${type}`,
      summaryOfFacts: example.summaryOfFacts,
      measureRequested: example.measureRequested,
      enquiriesMade: example.enquiriesMade,
      subject: example.subject,
      ...overrides,
    };
  }

  async function draftAndApprove(type: RequestType): Promise<string> {
    const drafted = await http(FR).post('/v1/requests').set(as('fr.author')).send(draftBody(type)).expect(201);
    expect(drafted.body).toMatchObject({ status: 'awaiting_approval', requestType: type, partnerUnit: DE, overdue: false });
    const approved = await http(FR).post(`/v1/requests/${drafted.body.id}/approve`).set(as('fr.super')).send({ comment: 'ok' }).expect(200);
    expect(approved.body.status).toMatch(/^(approved|submitting|submitted|delivered)$/);
    return drafted.body.id as string;
  }

  const frStatus = async (id: string) => (await http(FR).get(`/v1/requests/${id}`).set(as('fr.author')).expect(200)).body;
  const inDeInbox = async (id: string) => (await sql<{ n: number }>(dbs[DE].url, 'SELECT count(*)::int AS n FROM inbox_message WHERE message_id = $1', [id]))[0]!.n;
  const hubMessage = async (id: string) => (await sql<{ status: string; jws: string | null }>(hubDb.url, 'SELECT status, jws FROM message WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cicu-exchange-'));
    writeFileSync(
      join(dir, `${FR}.json`),
      JSON.stringify([
        { username: 'fr.author', displayName: 'FR author', roles: ['officer', 'supervisor'], password: PASSWORD },
        { username: 'fr.super', displayName: 'FR supervisor', roles: ['supervisor'], password: PASSWORD },
      ]),
    );
    writeFileSync(join(dir, `${DE}.json`), JSON.stringify([{ username: 'de.officer', displayName: 'DE officer', roles: ['officer'], password: PASSWORD }]));
    [hubDb, dbs[FR], dbs[DE]] = await Promise.all([createTestDatabase('exchange_hub'), createTestDatabase('exchange_fr'), createTestDatabase('exchange_de')]);
    [ports.hub, ports[FR], ports[DE]] = await Promise.all([freePort(), freePort(), freePort()]);
    await startHub();

    // First start of each node, not enrolled: it makes its keys, which the hub registers.
    const directory = apps.hub!.get(DirectoryService);
    for (const unit of [FR, DE] as const) {
      const fresh = await createApp(NodeModule.forRoot(nodeConfig(unit)), NODE_API);
      await fresh.init();
      const jwks = (await request(fresh.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body;
      await fresh.close();
      nodeIds[unit] = (await directory.registerNode(unit, `http://127.0.0.1:${ports[unit]}/v1/inbox`, jwks)).id;
    }
    await startNode(FR);
    await startNode(DE);
    await login(FR, 'fr.author');
    await login(FR, 'fr.super');
    await login(DE, 'de.officer');
  }, 120_000);

  afterAll(async () => {
    for (const key of [FR, DE, 'hub'] as const) await apps[key]?.close();
    await Promise.all([hubDb?.drop(), dbs[FR]?.drop(), dbs[DE]?.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the partner units and what the agreements in force cover', async () => {
    const res = await http(FR).get('/v1/partners').set(as('fr.author')).expect(200);
    expect(res.body).toEqual([
      { unitId: DE, agreements: [expect.objectContaining({ id: AGREEMENT, requestTypes: [...REQUEST_TYPES], legalBases: expect.arrayContaining([NAPLES]) })] },
    ]);
  });

  it.each(REQUEST_TYPES.map((t) => [t]))('%s: FR drafts, a supervisor approves, DE reads and answers, FR reads the answer', async (type) => {
    const id = await draftAndApprove(type);
    await waitFor('DE inbox', async () => ((await inDeInbox(id)) === 1 ? true : undefined));

    const listed = await http(DE).get('/v1/incoming').set(as('de.officer')).expect(200);
    expect(listed.body.map((r: { id: string }) => r.id)).toContain(id);
    const incoming = await http(DE).get(`/v1/incoming/${id}`).set(as('de.officer')).expect(200);
    expect(incoming.body).toMatchObject({ id, fromUnit: FR, requestType: type, status: 'new' });
    expect(incoming.body.payload.subject).toEqual(exampleRequestPayload(type).subject);

    const finding = exampleFinding(type);
    const answered = await http(DE).post(`/v1/incoming/${id}/answer`).set(as('de.officer')).send({ outcome: { code: 'answered' }, findings: [finding] }).expect(200);
    expect(answered.body.status).toBe('answered');

    const done = await waitFor('FR answered', async () => {
      const body = await frStatus(id);
      return body.status === 'answered' ? body : undefined;
    });
    expect(done.answer.findings).toEqual([finding]);
    expect(done.hubReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(done.overdue).toBe(false);
    answeredIds.push(id);

    // The hub dropped both ciphertexts once each was acknowledged.
    await waitFor('hub acknowledgements', async () => {
      const [req, ans] = [await hubMessage(id), await hubMessage(done.answerMessageId)];
      return req?.status === 'acknowledged' && ans?.status === 'acknowledged' ? true : undefined;
    });
    expect((await hubMessage(id))!.jws).toBeNull();
    expect((await hubMessage(done.answerMessageId))!.jws).toBeNull();
    const sentAnswer = await waitFor('DE answer delivered', async () => {
      const [row] = await sql<{ status: string }>(dbs[DE].url, 'SELECT status FROM outgoing_answer WHERE in_reply_to = $1', [id]);
      return row?.status === 'delivered' ? row : undefined;
    });
    expect(sentAnswer.status).toBe('delivered');
  });

  it('four eyes: the author cannot approve; a supervisor can return it with a comment', async () => {
    const drafted = await http(FR).post('/v1/requests').set(as('fr.author')).send(draftBody('EMAIL_ACCOUNT')).expect(201);
    const refused = await http(FR).post(`/v1/requests/${drafted.body.id}/approve`).set(as('fr.author')).send({}).expect(403);
    expect(refused.body.code).toBe('FOUR_EYES');
    const returned = await http(FR).post(`/v1/requests/${drafted.body.id}/return`).set(as('fr.super')).send({ comment: 'add the period' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'drafted', approvalComment: 'add the period' });
    const drafts = await http(FR).get('/v1/requests?status=drafted').set(as('fr.author')).expect(200);
    expect(drafts.body.map((r: { id: string }) => r.id)).toContain(drafted.body.id);
  });

  it('refuses at draft what no agreement covers (422) and what does not validate (400)', async () => {
    const area = await http(FR).post('/v1/requests').set(as('fr.author')).send(draftBody('PHONE_HOLDER', { legalBasisId: 'OTHER-BASIS' })).expect(422);
    expect(area.body).toMatchObject({ code: 'NOT_COVERED', part: 'legalBasis' });
    const partner = await http(FR).post('/v1/requests').set(as('fr.author')).send(draftBody('PHONE_HOLDER', { partnerUnit: 'AT-CICU' })).expect(422);
    expect(partner.body).toMatchObject({ code: 'NOT_COVERED', part: 'agreement' });
    const invalid = await http(FR).post('/v1/requests').set(as('fr.author')).send(draftBody('PHONE_HOLDER', { subject: { number: 'not a number', lineKind: 'mobile', date: '2025-01-10' } })).expect(400);
    expect(invalid.body.code).toBe('VALIDATION');
    expect(invalid.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/subject/number' })]));
  });

  it('deadlines: the checks record one reminder and one overdue notification, never for an answered request', async () => {
    const id = await draftAndApprove('OSINT_BACKGROUND');
    await waitFor('submitted', async () => ((await frStatus(id)).submittedAt ? true : undefined));
    const deadlines = apps[FR]!.get(DeadlinesService);
    expect(await deadlines.check('reminder', id)).toBe(true);
    expect(await deadlines.check('reminder', id)).toBe(false);
    const later = new Date(Date.now() + 100 * 3_600_000);
    expect(await deadlines.check('overdue', id, later)).toBe(true);
    expect(await deadlines.check('overdue', id, later)).toBe(false);
    expect((await frStatus(id)).overdue).toBe(true);
    const notes = await sql(dbs[FR].url, 'SELECT kind FROM notification WHERE request_id = $1 ORDER BY kind', [id]);
    expect(notes).toEqual([{ kind: 'overdue' }, { kind: 'reminder' }]);
    // An answered request gets neither.
    expect(await deadlines.check('reminder', answeredIds[0]!)).toBe(false);
    expect(await deadlines.check('overdue', answeredIds[0]!, later)).toBe(false);
  });

  it('hub down when FR submits: the submit job retries and delivers once the hub is back', async () => {
    await apps.hub!.close();
    apps.hub = undefined;
    const id = await draftAndApprove('PAYMENT_ACCOUNT');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await frStatus(id)).status).toMatch(/^(approved|submitting)$/);
    await startHub();
    await waitFor('DE inbox after hub restart', async () => ((await inDeInbox(id)) === 1 ? true : undefined), 40_000);
    const delivered = await waitFor('FR delivered', async () => {
      const body = await frStatus(id);
      return body.status === 'delivered' ? body : undefined;
    });
    expect(delivered.hubReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(delivered.deliveryReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('recipient offline: the hub gives up pushing, DE catches up from its mailbox, stores once, FR sees it delivered', async () => {
    await apps[DE]!.close();
    apps[DE] = undefined;
    const id = await draftAndApprove('PLATFORM_ACCOUNT');
    await waitFor('hub gives up pushing', async () => ((await hubMessage(id))?.status === 'undeliverable' ? true : undefined));
    expect((await frStatus(id)).status).toBe('submitted');

    const de = await startNode(DE);
    await login(DE, 'de.officer');
    await de.get(MailboxService).pull();
    await de.get(MailboxService).pull();
    expect(await inDeInbox(id)).toBe(1);
    await waitFor('FR delivered', async () => ((await frStatus(id)).status === 'delivered' ? true : undefined));
    await waitFor('hub acknowledged', async () => ((await hubMessage(id))?.status === 'acknowledged' ? true : undefined));
    expect((await hubMessage(id))!.jws).toBeNull();
  });
});
