import { randomUUID } from 'node:crypto';
import { DE, FR, HubWithNodes } from './support/hub-with-nodes';
import { waitFor } from './support/wait';

describe('deliveries (admin): queue depth, what waits for whom, undeliverable messages, retry', () => {
  let hub: HubWithNodes;
  const admin = (method: 'get' | 'post', path: string, token?: string) => hub.admin(method, path, token);
  const statusOf = (id: string) => hub.statusOf(id);
  const unitOf = (overview: { units: { unitId: string }[] }, unitId: string) => overview.units.find((u) => u.unitId === unitId) as Record<string, unknown>;

  async function sendFrToDe(): Promise<string> {
    const message = await hub.sendFrToDe();
    expect(message.status).toBe(202);
    return message.id;
  }

  beforeAll(async () => {
    // Two quick attempts: DE's inbox, down, makes a message undeliverable within a second.
    hub = await HubWithNodes.start('deliveries', { DELIVERY_ATTEMPTS: '2', DELIVERY_BACKOFF_MS: '50' });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  let undeliverable: string;

  it('shows a message the hub gave up on: counted for its recipient, listed with its envelope facts', async () => {
    hub.deInbox.failures = 'down';
    undeliverable = await sendFrToDe();
    await waitFor('the message to be undeliverable', async () => ((await statusOf(undeliverable)) === 'undeliverable' ? true : undefined), 15_000);

    const overview = (await admin('get', '/deliveries', hub.auditor).expect(200)).body;
    expect(overview.pending).toEqual({ accepted: 0, delivered: 0, undeliverable: 1 });
    expect(overview.queue).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1 });
    expect(unitOf(overview, DE)).toMatchObject({ unitStatus: 'active', accepted: 0, delivered: 0, undeliverable: 1, lastSentAt: null, nodes: [{ nodeId: hub.de.id, status: 'active' }] });
    expect(Date.parse(String(unitOf(overview, DE)['oldestPendingAt']))).toBeGreaterThan(Date.now() - 60_000);
    expect(unitOf(overview, FR)).toMatchObject({ undeliverable: 0, oldestPendingAt: null, nodes: [{ nodeId: hub.fr.id, status: 'active' }] });
    expect(Date.parse(String(unitOf(overview, FR)['lastSentAt']))).toBeGreaterThan(Date.now() - 60_000);
    // A unit without a node is listed too (PL-CICU of the seed).
    expect(unitOf(overview, 'PL-CICU')).toMatchObject({ nodes: [], undeliverable: 0 });

    const list = (await admin('get', '/deliveries/undeliverable', hub.auditor).expect(200)).body;
    expect(list).toEqual([{ id: undeliverable, kind: 'request', fromUnit: FR, toUnit: DE, requestType: 'ISP_SUBSCRIBER', priority: 'urgent', receivedAt: expect.any(String), deliveryAttempts: 2 }]);
    for (const limit of ['0', '501', 'x', '1.5']) {
      const refused = await admin('get', `/deliveries/undeliverable?limit=${limit}`).expect(400);
      expect(refused.body).toEqual({ code: 'VALIDATION', message: 'limit is invalid', issues: [{ path: '/limit', code: 'range', message: 'must be an integer in 1..500' }] });
    }
    expect((await admin('get', '/deliveries/undeliverable?limit=1').expect(200)).body).toHaveLength(1);
  });

  it('refuses the retry to an auditor, and to a message that is not undeliverable or does not exist', async () => {
    expect((await admin('post', `/deliveries/${undeliverable}/retry`, hub.auditor).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await admin('post', `/deliveries/${randomUUID()}/retry`).expect(404)).body.code).toBe('MESSAGE_NOT_FOUND');
    expect((await admin('post', '/deliveries/not-a-uuid/retry').expect(404)).body.code).toBe('MESSAGE_NOT_FOUND');
    expect(await statusOf(undeliverable)).toBe('undeliverable');
    expect(await hub.auditEntries('message.delivery-retried')).toEqual([]);
  });

  it('refuses the retry while the recipient is suspended: its deliveries are held anyway', async () => {
    await admin('post', `/units/${DE}/suspend`).expect(200);
    expect((await admin('post', `/deliveries/${undeliverable}/retry`).expect(409)).body.code).toBe('RECIPIENT_NOT_ACTIVE');
    await admin('post', `/units/${DE}/reinstate`).expect(200);
    expect(await statusOf(undeliverable)).toBe('undeliverable');
  });

  it('retries for a coordinator: audited, a new round of attempts from zero, delivered once the node answers', async () => {
    hub.deInbox.failures = 0;
    const hits = hub.deInbox.hits.length;
    const retried = await admin('post', `/deliveries/${undeliverable}/retry`).expect(200);
    expect(retried.body).toEqual({ id: undeliverable, status: 'accepted' });
    await waitFor('the retried message to be acknowledged', async () => ((await statusOf(undeliverable)) === 'acknowledged' ? true : undefined), 15_000);
    expect(hub.deInbox.hits.length).toBe(hits + 1);
    const accountId = (await admin('get', '/auth/me').expect(200)).body.id;
    expect(await hub.auditEntries('message.delivery-retried')).toEqual([
      expect.objectContaining({ actor: { kind: 'coordinator', accountId }, messageId: undeliverable, fromUnit: FR, toUnit: DE, attempts: 2 }),
    ]);
    // The job ran again from zero attempts: one push, successful.
    expect((await hub.queue.getJob(undeliverable))?.attemptsMade).toBe(1);
    expect((await admin('post', `/deliveries/${undeliverable}/retry`).expect(409)).body.code).toBe('MESSAGE_NOT_UNDELIVERABLE');

    const overview = (await admin('get', '/deliveries').expect(200)).body;
    expect(overview.pending).toEqual({ accepted: 0, delivered: 0, undeliverable: 0 });
    expect((await admin('get', '/deliveries/undeliverable').expect(200)).body).toEqual([]);
  });

  it('retries a message whose job is no longer in Redis by queueing it again', async () => {
    hub.deInbox.failures = 'down';
    const id = await sendFrToDe();
    await waitFor('the message to be undeliverable', async () => ((await statusOf(id)) === 'undeliverable' ? true : undefined), 15_000);
    await (await hub.queue.getJob(id))!.remove();
    hub.deInbox.failures = 0;
    await admin('post', `/deliveries/${id}/retry`).expect(200);
    await waitFor('the message to be acknowledged', async () => ((await statusOf(id)) === 'acknowledged' ? true : undefined), 15_000);
  });
});
