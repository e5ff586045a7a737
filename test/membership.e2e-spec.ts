import request from 'supertest';
import { DE, FR, HubWithNodes } from './support/hub-with-nodes';
import { assertionOf, signedRequest, submit } from './support/messages';
import { waitFor } from './support/wait';

describe('membership: member states, units, suspend / reinstate / retire', () => {
  let hub: HubWithNodes;
  const admin = (method: 'get' | 'post' | 'patch', path: string, token?: string) => hub.admin(method, path, token);
  const auditEntries = (type: string) => hub.auditEntries(type);
  const statusOf = (id: string) => hub.statusOf(id);
  const sendFrToDe = () => hub.sendFrToDe();
  const directoryVersion = async () => Number((await request(hub.app.getHttpServer()).get('/v1/directory').expect(200)).headers['etag']?.replace(/"/g, ''));

  beforeAll(async () => {
    hub = await HubWithNodes.start('membership', {
      DELIVERY_ATTEMPTS: '30',
      DELIVERY_BACKOFF_MS: '100',
      // Long: a held delivery that goes out before reinstatement, or only at its next look, fails the test.
      DELIVERY_HOLD_RECHECK_MS: '120000',
    });
  });

  afterAll(async () => {
    await hub?.stop();
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
    expect((await admin('get', '/member-states', hub.auditor).expect(200)).body).toContainEqual({ code: 'ES', name: 'Kingdom of Spain' });
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

    expect((await admin('get', '/units/ES-CICU', hub.auditor).expect(200)).body.status).toBe('retired');
    const transitions = (await auditEntries('membership.unit-status-changed')).filter((e) => e['unitId'] === 'ES-CICU').map((e) => `${String(e['transition'])}:${String(e['from'])}>${String(e['to'])}`);
    expect(transitions).toEqual(['suspend:active>suspended', 'reinstate:suspended>active', 'suspend:active>suspended', 'retire:suspended>retired']);
    // Refused steps wrote nothing: one audit entry per change made.
    expect((await auditEntries('membership.unit-created')).filter((e) => e['unitId'] === 'ES-CICU')).toHaveLength(1);
  });

  it('refuses messages to a suspended unit (RECIPIENT_SUSPENDED) and from one (SENDER_SUSPENDED), and its node at the mailbox; reinstatement applies to the next request', async () => {
    expect((await sendFrToDe()).status).toBe(202);

    await admin('post', `/units/${DE}/suspend`).expect(200);
    expect(await sendFrToDe()).toMatchObject({ status: 403, code: 'RECIPIENT_SUSPENDED' });
    const mailbox = await request(hub.app.getHttpServer()).get('/v1/mailbox').set('Authorization', `Bearer ${await assertionOf(hub.de, hub.audience)}`).expect(403);
    expect(mailbox.body.code).toBe('SENDER_SUSPENDED');
    const fromDe = await signedRequest(hub.de, hub.fr);
    expect((await submit(hub.app, hub.de, hub.audience, fromDe.jws)).code).toBe('SENDER_SUSPENDED');
    await admin('post', `/units/${DE}/reinstate`).expect(200);

    await admin('post', `/units/${FR}/suspend`).expect(200);
    expect(await sendFrToDe()).toMatchObject({ status: 403, code: 'SENDER_SUSPENDED' });
    await admin('post', `/units/${FR}/reinstate`).expect(200);
    expect((await sendFrToDe()).status).toBe(202);
    expect((await auditEntries('message.refused')).map((e) => e['reason'])).toEqual(expect.arrayContaining(['RECIPIENT_SUSPENDED']));
  });

  it('holds the deliveries of a suspended unit without spending attempts, and sends them on at reinstatement', async () => {
    hub.deInbox.failures = 'down';
    const message = await sendFrToDe();
    expect(message.status).toBe(202);
    await waitFor('a first failed push', async () => (hub.deInbox.hits.length > 0 ? true : undefined));
    await admin('post', `/units/${DE}/suspend`).expect(200);
    hub.deInbox.failures = 0;

    // Held: the job waits out the long hold (delay ≥ DELIVERY_HOLD_RECHECK_MS), not a back-off.
    const held = await waitFor('the delivery to be held', async () => {
      const job = await hub.queue.getJob(message.id);
      return job !== undefined && (await job.isDelayed()) && job.delay >= 100_000 ? job : undefined;
    });
    const attemptsWhenHeld = held.attemptsMade;
    const hits = hub.deInbox.hits.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hub.deInbox.hits.length).toBe(hits);
    expect(await statusOf(message.id)).toBe('accepted');
    // What an auditor sees meanwhile: DE's node has a message waiting, held in the delayed set.
    const status = (await admin('get', '/delivery', hub.auditor).expect(200)).body;
    expect(status.units).toContainEqual(expect.objectContaining({ unitId: DE, unitStatus: 'suspended', nodeId: hub.de.id, pending: 1 }));
    expect(status.queue.delayed).toBeGreaterThanOrEqual(1);

    await admin('post', `/units/${DE}/reinstate`).expect(200);
    await waitFor('the held message to be acknowledged', async () => ((await statusOf(message.id)) === 'acknowledged' ? true : undefined), 15_000);
    expect((await hub.queue.getJob(message.id))?.attemptsMade).toBe(attemptsWhenHeld + 1);
  });

  it('makes what is still queued for a retired unit undeliverable, and refuses it for good', async () => {
    hub.deInbox.failures = 'down';
    const message = await sendFrToDe();
    expect(message.status).toBe(202);
    await waitFor('a first failed push', async () => (hub.deInbox.hits.length > 0 ? true : undefined));
    await admin('post', `/units/${DE}/retire`).expect(200);
    await waitFor('the message to be undeliverable', async () => ((await statusOf(message.id)) === 'undeliverable' ? true : undefined), 15_000);
    expect((await auditEntries('message.undeliverable')).at(-1)).toMatchObject({ messageId: message.id, toUnit: DE });
    const listed = (await admin('get', `/delivery/undeliverable?unitId=${DE}`, hub.auditor).expect(200)).body.items;
    expect(listed).toContainEqual({ messageId: message.id, kind: 'request', fromUnit: FR, toUnit: DE, receivedAt: expect.any(String), deliveryAttempts: expect.any(Number) });
    expect((await admin('get', '/delivery', hub.auditor).expect(200)).body.units).toContainEqual(expect.objectContaining({ unitId: DE, unitStatus: 'retired', undeliverable: 1 }));
    expect((await admin('get', '/delivery/undeliverable?limit=0', hub.auditor).expect(400)).body.code).toBe('MAILBOX_LIMIT_INVALID');
    expect(await sendFrToDe()).toMatchObject({ status: 403, code: 'RECIPIENT_SUSPENDED' });
    expect((await admin('post', `/units/${DE}/reinstate`).expect(409)).body.code).toBe('UNIT_RETIRED');
  });

  it('refuses every membership change to an auditor', async () => {
    expect((await admin('post', '/units/FR-CYBERDOUANE/suspend', hub.auditor).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await admin('get', '/units/FR-CYBERDOUANE', hub.auditor).expect(200)).body.status).toBe('active');
  });
});
