import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplication } from '@nestjs/common';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { type PublicJwk, signJws } from '@cicu/crypto';
import { JWS_TYP } from '@cicu/protocol';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { adminToken, demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { FakeInbox } from './support/fake-inbox';
import { assertionOf, type KeyedNode, signedRequest, submit } from './support/messages';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';
import { waitFor } from './support/wait';

const AUD = 'cicu-hub-membership-e2e';
const FR = 'FR-CYBERDOUANE';
const DE = 'DE-ZIRE';

describe('membership: member states, units, suspend / reinstate / retire', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let queue: Queue;
  let hubJwks: PublicJwk[] = [];
  let fr: KeyedNode;
  let de: KeyedNode;
  let coordinator: string;
  let auditor: string;
  const admins = demoAdminsFile();
  /** What DE's inbox knows how to acknowledge: jws → message. */
  const sent = new Map<string, { id: string; digest: string }>();

  const deInbox = new FakeInbox(
    () => hubJwks,
    async (hit, res) => {
      const message = sent.get(hit.body);
      if (message === undefined) return void res.writeHead(400).end();
      const receipt = { v: 1, kind: 'delivery-receipt', messageId: message.id, digest: message.digest, receivedAt: new Date().toISOString(), by: DE };
      res.writeHead(200, { 'content-type': 'application/jose' }).end(await signJws(JSON.stringify(receipt), de.sig.privateJwk, { alg: 'EdDSA', kid: de.sig.kid, typ: JWS_TYP['delivery-receipt'] }));
    },
    AUD,
  );
  const frInbox = new FakeInbox(() => hubJwks, async (_hit, res) => void res.writeHead(204).end(), AUD);

  const admin = (method: 'get' | 'post' | 'patch', path: string, token = coordinator) => request(app.getHttpServer())[method](`/v1/admin${path}`).set('Authorization', `Bearer ${token}`);
  const auditEntries = async (type: string) =>
    (await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index', [type])).map((r) => JSON.parse(r.canonical) as Record<string, unknown>);
  const statusOf = async (id: string) => (await sql<{ status: string }>(database.url, 'SELECT status FROM message WHERE id = $1', [id]))[0]?.status;
  const directoryVersion = async () => Number((await request(app.getHttpServer()).get('/v1/directory').expect(200)).headers['etag']?.replace(/"/g, ''));

  async function enrol(unitId: string, inbox: string): Promise<KeyedNode> {
    const keys = await nodeKeys();
    const node = await app.get(DirectoryService).registerNode(unitId, inbox, keys.jwks);
    return { id: node.id, unitId, sig: keys.sig, enc: keys.enc };
  }

  /** FR → DE, submitted for real; DE's inbox will acknowledge it. */
  async function sendFrToDe(): Promise<{ id: string; status: number; code?: string }> {
    const message = await signedRequest(fr, de);
    sent.set(message.jws, message);
    const res = await submit(app, fr, AUD, message.jws);
    return { id: message.id, status: res.status, ...(res.code !== undefined && { code: res.code }) };
  }

  beforeAll(async () => {
    database = await createTestDatabase('membership');
    await Promise.all([deInbox.start(), frInbox.start()]);
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'membership-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-membership-${randomUUID().slice(0, 8)}`,
      DELIVERY_ATTEMPTS: '30',
      DELIVERY_BACKOFF_MS: '100',
      // Long: a held delivery that goes out before reinstatement, or only at its next look, fails the test.
      DELIVERY_HOLD_RECHECK_MS: '120000',
      DEMO_ADMINS_FILE: admins.file,
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    queue = app.get<Queue>(getQueueToken(DELIVERY_QUEUE));
    hubJwks = (await request(app.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body.keys;
    fr = await enrol(FR, frInbox.url);
    de = await enrol(DE, deInbox.url);
    frInbox.nodeId = fr.id;
    deInbox.nodeId = de.id;
    coordinator = await adminToken(app, admins.coordinator);
    auditor = await adminToken(app, admins.auditor);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([deInbox.stop(), frInbox.stop()]);
    await database?.drop();
  });

  it('creates and renames a member state; refuses a duplicate and lists each wrong field', async () => {
    const before = await directoryVersion();
    expect((await admin('post', '/member-states').send({ code: 'ES', name: 'Spain' }).expect(201)).body).toEqual({ code: 'ES', name: 'Spain' });
    expect((await admin('post', '/member-states').send({ code: 'ES', name: 'Spain' }).expect(409)).body.code).toBe('MEMBER_STATE_EXISTS');
    const invalid = await admin('post', '/member-states').send({ code: 'es', name: '', extra: 1 }).expect(400);
    expect(invalid.body.code).toBe('VALIDATION');
    expect(new Set(invalid.body.issues.map((i: { path: string }) => i.path))).toEqual(new Set(['', '/code', '/name']));
    expect((await admin('patch', '/member-states/ES').send({ name: 'Kingdom of Spain' }).expect(200)).body.name).toBe('Kingdom of Spain');
    expect((await admin('patch', '/member-states/XX').send({ name: 'Nowhere' }).expect(404)).body.code).toBe('MEMBER_STATE_NOT_FOUND');
    expect(await directoryVersion()).toBe(before + 2);
    expect((await admin('get', '/member-states', auditor).expect(200)).body).toContainEqual({ code: 'ES', name: 'Kingdom of Spain' });
    const accountId = (await admin('get', '/auth/me').expect(200)).body.id;
    expect((await auditEntries('membership.member-state-updated')).at(-1)).toMatchObject({ actor: { kind: 'coordinator', accountId }, code: 'ES', fields: ['name'], version: before + 2 });
  });

  it('walks a unit through its whole lifecycle, refusing each illegal step with its own code', async () => {
    const unit = { id: 'ES-CICU', memberState: 'ES', name: 'Unidad de Ciberdelincuencia', shortName: 'CICU ES', administration: 'Agencia Tributaria', areas: ['drugs-precursors', 'excise'] };
    expect((await admin('post', '/units').send({ ...unit, memberState: 'PT' }).expect(400)).body.issues).toEqual([expect.objectContaining({ path: '/id' })]);
    expect((await admin('post', '/units').send({ ...unit, id: 'IT-CICU', memberState: 'IT' }).expect(400)).body.issues).toEqual([expect.objectContaining({ path: '/memberState' })]);
    const bad = await admin('post', '/units').send({ id: 'es', areas: ['nope'], status: 'active' }).expect(400);
    expect(new Set(bad.body.issues.map((i: { path: string }) => i.path))).toEqual(new Set(['', '/id', '/areas/0', '/memberState', '/name', '/shortName', '/administration']));

    expect((await admin('post', '/units').send(unit).expect(201)).body).toEqual({ ...unit, status: 'active' });
    expect((await admin('post', '/units').send(unit).expect(409)).body.code).toBe('UNIT_EXISTS');
    expect((await admin('patch', '/units/ES-CICU').send({ areas: ['excise'] }).expect(200)).body.areas).toEqual(['excise']);
    expect((await admin('patch', '/units/ES-CICU').send({}).expect(400)).body.code).toBe('VALIDATION');
    expect((await auditEntries('membership.unit-updated')).at(-1)).toMatchObject({ unitId: 'ES-CICU', fields: ['areas'] });

    const step = (transition: string, status: number) => admin('post', `/units/ES-CICU/${transition}`).expect(status);
    expect((await step('suspend', 200)).body.status).toBe('suspended');
    expect((await step('suspend', 409)).body.code).toBe('UNIT_NOT_ACTIVE');
    expect((await step('reinstate', 200)).body.status).toBe('active');
    expect((await step('reinstate', 409)).body.code).toBe('UNIT_NOT_SUSPENDED');
    await step('suspend', 200);
    expect((await step('retire', 200)).body.status).toBe('retired');
    for (const transition of ['reinstate', 'suspend', 'retire']) expect((await step(transition, 409)).body.code).toBe('UNIT_RETIRED');
    expect((await admin('patch', '/units/ES-CICU').send({ name: 'Renamed' }).expect(409)).body.code).toBe('UNIT_RETIRED');
    expect((await admin('post', '/units/XX-NOWHERE/suspend').expect(404)).body.code).toBe('UNIT_NOT_FOUND');

    expect((await admin('get', '/units/ES-CICU', auditor).expect(200)).body.status).toBe('retired');
    const transitions = (await auditEntries('membership.unit-status-changed')).filter((e) => e['unitId'] === 'ES-CICU').map((e) => `${String(e['transition'])}:${String(e['from'])}>${String(e['to'])}`);
    expect(transitions).toEqual(['suspend:active>suspended', 'reinstate:suspended>active', 'suspend:active>suspended', 'retire:suspended>retired']);
    // Refused steps wrote nothing: one audit entry per change made.
    expect((await auditEntries('membership.unit-created')).filter((e) => e['unitId'] === 'ES-CICU')).toHaveLength(1);
  });

  it('refuses messages to a suspended unit (RECIPIENT_SUSPENDED) and from one (SENDER_SUSPENDED), and its node at the mailbox; reinstatement applies to the next request', async () => {
    expect((await sendFrToDe()).status).toBe(202);

    await admin('post', `/units/${DE}/suspend`).expect(200);
    expect(await sendFrToDe()).toMatchObject({ status: 403, code: 'RECIPIENT_SUSPENDED' });
    const mailbox = await request(app.getHttpServer()).get('/v1/mailbox').set('Authorization', `Bearer ${await assertionOf(de, AUD)}`).expect(403);
    expect(mailbox.body.code).toBe('SENDER_SUSPENDED');
    const fromDe = await signedRequest(de, fr);
    expect((await submit(app, de, AUD, fromDe.jws)).code).toBe('SENDER_SUSPENDED');
    await admin('post', `/units/${DE}/reinstate`).expect(200);

    await admin('post', `/units/${FR}/suspend`).expect(200);
    expect(await sendFrToDe()).toMatchObject({ status: 403, code: 'SENDER_SUSPENDED' });
    await admin('post', `/units/${FR}/reinstate`).expect(200);
    expect((await sendFrToDe()).status).toBe(202);
    expect((await auditEntries('message.refused')).map((e) => e['reason'])).toEqual(expect.arrayContaining(['RECIPIENT_SUSPENDED']));
  });

  it('holds the deliveries of a suspended unit without spending attempts, and sends them on at reinstatement', async () => {
    deInbox.failures = 'down';
    const message = await sendFrToDe();
    expect(message.status).toBe(202);
    await waitFor('a first failed push', async () => (deInbox.hits.length > 0 ? true : undefined));
    await admin('post', `/units/${DE}/suspend`).expect(200);
    deInbox.failures = 0;

    // Held: the job waits out the long hold (delay ≥ DELIVERY_HOLD_RECHECK_MS), not a back-off.
    const held = await waitFor('the delivery to be held', async () => {
      const job = await queue.getJob(message.id);
      return job !== undefined && (await job.isDelayed()) && job.delay >= 100_000 ? job : undefined;
    });
    const attemptsWhenHeld = held.attemptsMade;
    const hits = deInbox.hits.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(deInbox.hits.length).toBe(hits);
    expect(await statusOf(message.id)).toBe('accepted');

    await admin('post', `/units/${DE}/reinstate`).expect(200);
    await waitFor('the held message to be acknowledged', async () => ((await statusOf(message.id)) === 'acknowledged' ? true : undefined), 15_000);
    expect((await queue.getJob(message.id))?.attemptsMade).toBe(attemptsWhenHeld + 1);
  });

  it('makes what is still queued for a retired unit undeliverable, and refuses it for good', async () => {
    deInbox.failures = 'down';
    const message = await sendFrToDe();
    expect(message.status).toBe(202);
    await waitFor('a first failed push', async () => (deInbox.hits.length > 0 ? true : undefined));
    await admin('post', `/units/${DE}/retire`).expect(200);
    await waitFor('the message to be undeliverable', async () => ((await statusOf(message.id)) === 'undeliverable' ? true : undefined), 15_000);
    expect((await auditEntries('message.undeliverable')).at(-1)).toMatchObject({ messageId: message.id, toUnit: DE });
    expect(await sendFrToDe()).toMatchObject({ status: 403, code: 'RECIPIENT_SUSPENDED' });
    expect((await admin('post', `/units/${DE}/reinstate`).expect(409)).body.code).toBe('UNIT_RETIRED');
  });

  it('refuses every membership change to an auditor', async () => {
    expect((await admin('post', '/units/FR-CYBERDOUANE/suspend', auditor).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await admin('get', '/units/FR-CYBERDOUANE', auditor).expect(200)).body.status).toBe('active');
  });
});
