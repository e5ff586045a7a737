import { randomUUID } from 'node:crypto';
import { DE, FR, HubWithNodes } from './support/hub-with-nodes';
import { waitFor } from './support/wait';

describe('delivery retry (admin): an undeliverable message gets a new round of attempts', () => {
  let hub: HubWithNodes;
  const admin = (method: 'get' | 'post', path: string, token?: string) => hub.admin(method, path, token);
  const statusOf = (id: string) => hub.statusOf(id);

  /** FR → DE while DE's inbox is down: undeliverable after the two attempts. */
  async function undeliverableToDe(): Promise<string> {
    hub.deInbox.failures = 'down';
    const message = await hub.sendFrToDe();
    expect(message.status).toBe(202);
    await waitFor('the message to be undeliverable', async () => ((await statusOf(message.id)) === 'undeliverable' ? true : undefined), 15_000);
    return message.id;
  }

  beforeAll(async () => {
    // Two quick attempts: DE's inbox, down, makes a message undeliverable within a second.
    hub = await HubWithNodes.start('delivery_retry', { DELIVERY_ATTEMPTS: '2', DELIVERY_BACKOFF_MS: '50' });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  let undeliverable: string;

  it('refuses the retry to an auditor, and of a message that does not exist', async () => {
    undeliverable = await undeliverableToDe();
    expect((await admin('post', `/delivery/${undeliverable}/retry`, hub.auditor).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await admin('post', `/delivery/${randomUUID()}/retry`).expect(404)).body.code).toBe('MESSAGE_NOT_FOUND');
    expect((await admin('post', '/delivery/not-a-uuid/retry').expect(404)).body.code).toBe('MESSAGE_NOT_FOUND');
    expect(await statusOf(undeliverable)).toBe('undeliverable');
    expect(await hub.auditEntries('message.delivery-retried')).toEqual([]);
  });

  it('refuses it while the recipient is suspended: its deliveries are held anyway', async () => {
    await admin('post', `/units/${DE}/suspend`).expect(200);
    expect((await admin('post', `/delivery/${undeliverable}/retry`).expect(409)).body.code).toBe('RECIPIENT_NOT_ACTIVE');
    await admin('post', `/units/${DE}/reinstate`).expect(200);
    expect(await statusOf(undeliverable)).toBe('undeliverable');
    expect(await hub.auditEntries('message.delivery-retried')).toEqual([]);
  });

  it('retries for a coordinator: audited, a new round from zero attempts, acknowledged once the node answers', async () => {
    hub.deInbox.failures = 0;
    const hits = hub.deInbox.hits.length;
    const retried = await admin('post', `/delivery/${undeliverable}/retry`).expect(200);
    expect(retried.body).toEqual({ messageId: undeliverable, status: 'accepted' });
    await waitFor('the retried message to be acknowledged', async () => ((await statusOf(undeliverable)) === 'acknowledged' ? true : undefined), 15_000);
    expect(hub.deInbox.hits.length).toBe(hits + 1);
    const accountId = (await admin('get', '/auth/me').expect(200)).body.id;
    expect(await hub.auditEntries('message.delivery-retried')).toEqual([
      expect.objectContaining({ actor: { kind: 'coordinator', accountId }, messageId: undeliverable, fromUnit: FR, toUnit: DE, attempts: 2 }),
    ]);
    // The job ran again from zero attempts: one push, successful.
    expect((await hub.queue.getJob(undeliverable))?.attemptsMade).toBe(1);
    expect((await admin('post', `/delivery/${undeliverable}/retry`).expect(409)).body.code).toBe('MESSAGE_NOT_UNDELIVERABLE');
    expect((await admin('get', '/delivery/undeliverable', hub.auditor).expect(200)).body.items).toEqual([]);
  });

  it('retries a message whose job is no longer in Redis by queueing it again', async () => {
    const id = await undeliverableToDe();
    await (await hub.queue.getJob(id))!.remove();
    hub.deInbox.failures = 0;
    await admin('post', `/delivery/${id}/retry`).expect(200);
    await waitFor('the message to be acknowledged', async () => ((await statusOf(id)) === 'acknowledged' ? true : undefined), 15_000);
  });

  it('reports each node\'s last contact to the minute: FR\'s is the time of its first call, not moved by a call seconds later', async () => {
    const before = Date.now();
    const nodes = async () =>
      (await admin('get', '/delivery', hub.auditor).expect(200)).body.nodes as { nodeId: string; unitId: string; status: string; lastSeenAt: string | null; directoryVersion: number | null }[];
    const listed = await nodes();
    expect(listed.map((n) => n.nodeId)).toEqual(expect.arrayContaining([hub.fr.id, hub.de.id]));
    const fr = listed.find((n) => n.nodeId === hub.fr.id)!;
    // This test's FR signs its calls but reports no directory version (a node app does: exchange e2e).
    expect(fr).toEqual({ nodeId: hub.fr.id, unitId: FR, status: 'active', lastSeenAt: expect.any(String), directoryVersion: null });
    // FR's node signed its submissions in the tests above, all within the last minute or two.
    expect(Date.parse(fr.lastSeenAt!)).toBeLessThanOrEqual(before);
    expect(before - Date.parse(fr.lastSeenAt!)).toBeLessThan(5 * 60_000);

    expect((await hub.sendFrToDe()).status).toBe(202);
    const again = (await nodes()).find((n) => n.nodeId === hub.fr.id)!;
    if (before - Date.parse(fr.lastSeenAt!) < 55_000) expect(again.lastSeenAt).toBe(fr.lastSeenAt);
    else expect(Date.parse(again.lastSeenAt!)).toBeGreaterThanOrEqual(before);
  });
});
