import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplication } from '@nestjs/common';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  controlNumber,
  createClientAssertion,
  type GeneratedKeyPair,
  merkleRoot,
  type PublicJwk,
  signJws,
} from '@cicu/crypto';
import { JWS_TYP } from '@cicu/protocol';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { AuditTreeService } from '../apps/hub/src/audit/audit-tree.service';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE, notifyJobId } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { DeliveryProducer } from '../apps/hub/src/messages/delivery/delivery.producer';
import { DeliveryService } from '../apps/hub/src/messages/delivery/delivery.service';
import { MessageWriteRepository } from '../apps/hub/src/messages/writer/message-write.repository';
import { type MessageWrite, MessageWriter } from '../apps/hub/src/messages/writer/message-writer';
import { createTestDatabase } from './support/databases';
import { FakeInbox } from './support/fake-inbox';
import { nodeKeys } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-delivery-e2e';
const ATTEMPTS = 3;

interface TestNode {
  id: string;
  unitId: string;
  sig: GeneratedKeyPair;
}

interface TestMessage {
  id: string;
  jws: string;
  digest: string;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('delivery: push to the recipient inbox, receipts, mailbox', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let hubJwks: PublicJwk[] = [];
  let fr: TestNode;
  let de: TestNode;
  let be: TestNode;
  const messages = new Map<string, TestMessage>();
  /** JWS that DE's inbox refuses (400) the next time it gets them. */
  const refuseOnce = new Set<string>();

  /** DE's receipt for `message` (or with fields changed), signed by `pair` (DE's key by default). */
  function receipt(message: TestMessage, change: Record<string, unknown> = {}, pair = de.sig): Promise<string> {
    const payload = { v: 1, kind: 'delivery-receipt', messageId: message.id, digest: message.digest, receivedAt: new Date().toISOString(), by: 'DE-ZIRE', ...change };
    return signJws(JSON.stringify(payload), pair.privateJwk, { alg: 'EdDSA', kid: pair.kid, typ: JWS_TYP['delivery-receipt'] });
  }

  const deInbox = new FakeInbox(
    () => hubJwks,
    async (hit) => {
      const message = messages.get(hit.body);
      if (message === undefined || refuseOnce.delete(hit.body)) return { status: 400 };
      return { status: 200, receipt: await receipt(message) };
    },
    AUD,
  );
  const frInbox = new FakeInbox(
    () => hubJwks,
    async () => ({ status: 204 }),
    AUD,
  );

  async function register(unitId: string, inbox: string): Promise<TestNode> {
    const keys = await nodeKeys();
    const node = await app.get(DirectoryService).registerNode(unitId, inbox, keys.jwks);
    return { id: node.id, unitId, sig: keys.sig };
  }

  /** An accepted FR → DE request, inserted as the submission would store it. */
  async function acceptedMessage(receivedAt = new Date()): Promise<TestMessage> {
    const id = uuidv7();
    const jws = await signJws(JSON.stringify({ id, note: 'stands for an envelope' }), fr.sig.privateJwk, { alg: 'EdDSA', kid: fr.sig.kid, typ: JWS_TYP.request });
    const message = { id, jws, digest: controlNumber(randomBytes(32)) };
    await sql(
      database.url,
      `INSERT INTO message (id, kind, from_unit, to_unit, sender_node_id, sender_kid, request_type, legal_basis_id, agreement_id,
         agreement_version, area, priority, created_at, received_at, payload_digest, jws_digest, jws, status, audit_index)
       VALUES ($1, 'request', 'FR-CYBERDOUANE', 'DE-ZIRE', $2, $3, 'identification', 'test-basis', 'test-agreement', 1, 'cyber', 'normal',
         $4, $4, $5, $6, $7, 'accepted', 0)`,
      [id, fr.id, fr.sig.kid, receivedAt, message.digest, controlNumber(new TextEncoder().encode(jws)), jws],
    );
    messages.set(jws, message);
    return message;
  }

  const row = async (id: string) =>
    (await sql(database.url, 'SELECT status, jws, delivery_receipt, delivery_attempts, delivered_at, acknowledged_at FROM message WHERE id = $1', [id]))[0]!;
  const statusBecomes = (id: string, status: string, timeoutMs?: number) =>
    waitFor(async () => ((await row(id)).status === status ? row(id) : undefined), `${id} to be ${status}`, timeoutMs);
  const auditOf = async (type: string, messageId: string) =>
    (await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index', [type]))
      .map((r) => JSON.parse(r.canonical) as Record<string, unknown>)
      .filter((e) => e.messageId === messageId);

  const bearer = (node: TestNode) => createClientAssertion({ iss: node.id, aud: AUD, privateKey: node.sig.privateJwk, kid: node.sig.kid, alg: 'EdDSA', ttlSeconds: 30 });
  const expectStatus = (res: request.Response, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const get = async (node: TestNode, path: string, status: number) =>
    expectStatus(await request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${await bearer(node)}`), status);
  const postReceipt = async (node: TestNode, id: string, body: string, status: number, type = 'application/jose') =>
    expectStatus(
      await request(app.getHttpServer()).post(`/v1/messages/${id}/receipt`).set('Authorization', `Bearer ${await bearer(node)}`).set('Content-Type', type).send(body),
      status,
    );

  beforeAll(async () => {
    database = await createTestDatabase('delivery');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'delivery-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      DELIVERY_ATTEMPTS: String(ATTEMPTS),
      DELIVERY_BACKOFF_MS: '50',
      DELIVERY_TIMEOUT_MS: '2000',
      // Own keys in the shared Redis: no other test's hub may take these jobs.
      QUEUE_PREFIX: `cicu-hub-test-${randomBytes(4).toString('hex')}`,
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    hubJwks = (await request(app.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body.keys;
    await Promise.all([deInbox.start(), frInbox.start()]);
    fr = await register('FR-CYBERDOUANE', frInbox.url);
    de = await register('DE-ZIRE', deInbox.url);
    be = await register('BE-CICU', 'https://be.node.example/v1/inbox');
    frInbox.nodeId = fr.id;
    deInbox.nodeId = de.id;
  });

  afterAll(async () => {
    await app?.get<Queue>(getQueueToken(DELIVERY_QUEUE)).obliterate({ force: true });
    await app?.close();
    await Promise.all([deInbox.stop(), frInbox.stop()]);
    await database?.drop();
  });

  beforeEach(() => {
    deInbox.failures = 0;
  });

  it('pushes the JWS as stored, records the receipt, deletes the ciphertext, audits it and notifies the sender', async () => {
    const message = await acceptedMessage();
    const frHits = frInbox.hits.length;
    await app.get(DeliveryProducer).enqueue(message.id);

    const stored = await statusBecomes(message.id, 'acknowledged');
    const hit = deInbox.hits.find((h) => h.body === message.jws);
    expect(hit).toEqual({ contentType: 'application/jose', body: message.jws, issuer: AUD });
    expect(stored).toMatchObject({ jws: null, delivery_attempts: 1, delivered_at: expect.any(Date), acknowledged_at: expect.any(Date) });
    expect(stored.delivery_receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const [event] = await auditOf('message.acknowledged', message.id);
    expect(event).toMatchObject({
      actor: { kind: 'node', nodeId: de.id, unitId: 'DE-ZIRE' },
      fromUnit: 'FR-CYBERDOUANE',
      toUnit: 'DE-ZIRE',
      digest: message.digest,
      receiptDigest: controlNumber(new TextEncoder().encode(stored.delivery_receipt as string)),
      kid: de.sig.kid,
      via: 'push',
    });
    expect(JSON.stringify(event)).not.toContain(message.jws.split('.')[1]);

    const notified = await waitFor(async () => frInbox.hits.slice(frHits).find((h) => h.body === stored.delivery_receipt), 'the sender notification');
    expect(notified).toEqual({ contentType: 'application/jose', body: stored.delivery_receipt, issuer: AUD });
    // Pushed by the delivery job itself: no notify job was needed.
    expect(await app.get<Queue>(getQueueToken(DELIVERY_QUEUE)).getJob(notifyJobId(message.id))).toBeUndefined();
  });

  it("notifies the sender by a job of its own when its node does not take the receipt at once", async () => {
    const message = await acceptedMessage();
    const frHits = frInbox.hits.length;
    frInbox.failures = 1;
    await app.get(DeliveryProducer).enqueue(message.id);

    const stored = await statusBecomes(message.id, 'acknowledged');
    const receiptHits = () => frInbox.hits.slice(frHits).filter((h) => h.body === stored.delivery_receipt);
    // The delivery job's push was refused (503); the notify job's, after its back-off, taken.
    await waitFor(async () => (receiptHits().length === 2 ? true : undefined), 'the retried sender notification');
    expect(frInbox.failures).toBe(0);
    const notifyJob = await app.get<Queue>(getQueueToken(DELIVERY_QUEUE)).getJob(notifyJobId(message.id));
    expect(notifyJob?.name).toBe('notify');
    expect(await auditOf('message.acknowledged', message.id)).toHaveLength(1);
    expect(deInbox.hits.filter((h) => h.body === message.jws)).toHaveLength(1);
  });

  it('does not push a message again once acknowledged (job enqueued again, or run again)', async () => {
    const message = await acceptedMessage();
    await app.get(DeliveryProducer).enqueue(message.id);
    await statusBecomes(message.id, 'acknowledged');
    const pushes = () => deInbox.hits.filter((h) => h.body === message.jws).length;
    expect(pushes()).toBe(1);

    await app.get(DeliveryProducer).enqueue(message.id);
    await expect(app.get(DeliveryService).deliver(message.id)).resolves.toBe('skipped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pushes()).toBe(1);
    expect(await auditOf('message.acknowledged', message.id)).toHaveLength(1);
  });

  it('retries with back-off while the inbox answers 503, then delivers', async () => {
    deInbox.failures = 2;
    const message = await acceptedMessage();
    await app.get(DeliveryProducer).enqueue(message.id);
    const stored = await statusBecomes(message.id, 'acknowledged');
    expect(stored.delivery_attempts).toBe(3);
    expect(deInbox.hits.filter((h) => h.body === message.jws)).toHaveLength(3);
  });

  it('marks the message undeliverable after the last attempt; it stays in the mailbox and a pulled receipt acknowledges it', async () => {
    deInbox.failures = 'down';
    const message = await acceptedMessage();
    await app.get(DeliveryProducer).enqueue(message.id);
    const stored = await statusBecomes(message.id, 'undeliverable');
    expect(stored).toMatchObject({ delivery_attempts: ATTEMPTS, jws: message.jws, delivery_receipt: null });
    expect(await auditOf('message.undeliverable', message.id)).toEqual([expect.objectContaining({ actor: { kind: 'hub' }, attempts: ATTEMPTS })]);

    const mailbox = await get(de, '/v1/mailbox?limit=100', 200);
    expect(mailbox.body.items).toContainEqual({ messageId: message.id, kind: 'request', fromUnit: 'FR-CYBERDOUANE', receivedAt: expect.any(String), jws: message.jws });
    expect((await row(message.id)).status).toBe('delivered');

    await postReceipt(de, message.id, await receipt(message), 204);
    expect(await row(message.id)).toMatchObject({ status: 'acknowledged', jws: null });
    expect(await auditOf('message.acknowledged', message.id)).toEqual([expect.objectContaining({ via: 'pull' })]);
    const after = await get(de, '/v1/mailbox', 200);
    expect(after.body.items.map((i: { messageId: string }) => i.messageId)).not.toContain(message.id);
    const { delivery_receipt: pulledReceipt } = await row(message.id);
    await waitFor(async () => frInbox.hits.find((h) => h.body === pulledReceipt), 'the sender notification');
  });

  describe('pushes asked for while a call to the node is in flight', () => {
    let release: () => void;
    /** Holds DE's inbox, delivers `first`, and enqueues `rest` once its push is in flight; returns when each of them has counted its attempt. */
    async function queuedBehindOne(first: TestMessage, rest: TestMessage[]): Promise<void> {
      deInbox.hold = new Promise((resolve) => (release = resolve));
      await app.get(DeliveryProducer).enqueue(first.id);
      await waitFor(async () => deInbox.hits.find((h) => h.body === first.jws), 'the first push');
      for (const message of rest) await app.get(DeliveryProducer).enqueue(message.id);
      await waitFor(async () => ((await Promise.all(rest.map((m) => row(m.id)))).every((r) => r.delivery_attempts === 1) ? true : undefined), 'the others waiting');
    }
    afterEach(() => {
      deInbox.hold = undefined;
      deInbox.batchAnswer = undefined;
      deInbox.servesBatches = true;
    });

    it('go together to <inbox>/batch, each with its own outcome: a refused one retries alone, the others are acknowledged and their senders notified', async () => {
      const [first, ...rest] = await Promise.all(Array.from({ length: 5 }, () => acceptedMessage()));
      const refused = rest[3]!;
      refuseOnce.add(refused.jws); // in the batch: refused, status 400
      await queuedBehindOne(first!, rest);
      release();

      for (const message of [first!, ...rest]) await statusBecomes(message.id, 'acknowledged');
      const hitsOf = (m: TestMessage) => deInbox.hits.filter((h) => h.body === m.jws).map((h) => h.contentType);
      expect(hitsOf(first!)).toEqual(['application/jose']);
      for (const message of rest.slice(0, 3)) expect({ hits: hitsOf(message), attempts: (await row(message.id)).delivery_attempts }).toEqual({ hits: ['application/json'], attempts: 1 });
      // Refused inside the batch: its job failed alone and its retry (alone) delivered it.
      expect({ hits: hitsOf(refused), attempts: (await row(refused.id)).delivery_attempts }).toEqual({ hits: ['application/json', 'application/jose'], attempts: 2 });
      for (const message of [first!, ...rest]) {
        const { delivery_receipt: receipt } = await row(message.id);
        await waitFor(async () => frInbox.hits.find((h) => h.body === receipt), `the sender notification of ${message.id}`);
        expect(await auditOf('message.acknowledged', message.id)).toHaveLength(1);
      }
    });

    it('an answer that is not one outcome per item fails each of its pushes: every job retries, nothing is acknowledged from it', async () => {
      const [first, ...rest] = await Promise.all(Array.from({ length: 3 }, () => acceptedMessage()));
      await queuedBehindOne(first!, rest);
      deInbox.batchAnswer = (results) => JSON.stringify({ results: results.slice(1) });
      release();
      await waitFor(async () => ((await Promise.all(rest.map((m) => row(m.id)))).every((r) => r.delivery_attempts === 2) ? true : undefined), 'the retries');
      deInbox.batchAnswer = undefined;
      for (const message of [first!, ...rest]) await statusBecomes(message.id, 'acknowledged');
      for (const message of rest) {
        expect(deInbox.hits.filter((h) => h.body === message.jws).map((h) => h.contentType)).toContain('application/json');
        expect(await auditOf('message.acknowledged', message.id)).toHaveLength(1);
      }
    });

    it('go one by one, at once, to a node that serves no batch route (an earlier version: 404), and keep going alone (last: the hub remembers it for BATCH_ROUTE_RECHECK_MS)', async () => {
      deInbox.servesBatches = false;
      const [first, ...rest] = await Promise.all(Array.from({ length: 3 }, () => acceptedMessage()));
      await queuedBehindOne(first!, rest);
      release();
      const aloneAtOnce = async (sent: TestMessage[]) => {
        for (const message of sent) {
          expect(await statusBecomes(message.id, 'acknowledged')).toMatchObject({ delivery_attempts: 1 });
          expect(deInbox.hits.filter((h) => h.body === message.jws).map((h) => h.contentType)).toEqual(['application/jose']);
        }
      };
      await aloneAtOnce([first!, ...rest]);
      // Upgraded meanwhile: the hub tries a batch again only after BATCH_ROUTE_RECHECK_MS, not at every push.
      deInbox.servesBatches = true;
      const [again, ...more] = await Promise.all(Array.from({ length: 3 }, () => acceptedMessage()));
      await queuedBehindOne(again!, more);
      release();
      await aloneAtOnce([again!, ...more]);
    });
  });

  it('records receipts that arrive together in one group commit: each message acknowledged and audited once, a second receipt unchanged', async () => {
    const batch = await Promise.all(Array.from({ length: 6 }, () => acceptedMessage()));
    const writer = app.get(MessageWriter);
    const ours = new Set(batch.map((m) => m.id));
    const isOurs = (write: MessageWrite) => write.acknowledge !== undefined && ours.has(write.acknowledge.id);
    const writes = jest.spyOn(writer, 'write');
    // Each receipt reads its message before it reaches the writer, so on a busy machine they
    // can arrive one by one. A commit is held until all seven are queued: the first receipt goes
    // alone (the writer was idle) and the other six together, or all seven together.
    const internals = writer as unknown as { commit: (queued: readonly MessageWrite[]) => Promise<unknown[]> };
    const commitOf = internals.commit.bind(writer);
    const commit = jest.spyOn(internals, 'commit').mockImplementation(async (queued) => {
      await waitFor(async () => (writes.mock.calls.filter(([w]) => isOurs(w)).length >= 7 ? true : undefined), 'the seven receipts at the writer');
      return commitOf(queued);
    });
    const acknowledge = jest.spyOn(app.get(MessageWriteRepository), 'acknowledge');
    try {
      const delivery = app.get(DeliveryService);
      const receipts = await Promise.all([...batch, batch[0]!].map((m) => receipt(m)));
      const results = await Promise.all(receipts.map((jws, i) => delivery.acknowledge(de.id, jws, { messageId: [...batch, batch[0]!][i]!.id, via: 'pull' })));
      // Of the two receipts for the first message, one acknowledged it; the other changed nothing.
      expect(results.filter((r) => r.changed)).toHaveLength(6);
      expect(Math.max(...commit.mock.calls.map(([queued]) => queued.filter(isOurs).length))).toBeGreaterThanOrEqual(6);
      // Those six or seven hold the first message's second receipt (or both of its receipts):
      // the one statement cannot take it, and the transaction records the others together.
      expect(Math.max(...acknowledge.mock.calls.map(([, acks]) => acks.length))).toBeGreaterThanOrEqual(5);
    } finally {
      writes.mockRestore();
      commit.mockRestore();
      acknowledge.mockRestore();
    }
    for (const message of batch) {
      expect(await row(message.id)).toMatchObject({ status: 'acknowledged', jws: null, acknowledged_at: expect.any(Date) });
      expect(await auditOf('message.acknowledged', message.id)).toHaveLength(1);
    }
    // The receipts' entries are part of the one log: the tree is the reference tree of all stored leaves.
    const leaves = (await sql<{ leaf_hash: Buffer }>(database.url, 'SELECT leaf_hash FROM audit_entry ORDER BY index')).map((r) => new Uint8Array(r.leaf_hash));
    const root = await app.get(DataSource).transaction((tx) => app.get(AuditTreeService).root(tx, leaves.length));
    expect(Buffer.from(root).toString('hex')).toBe(Buffer.from(merkleRoot(leaves)).toString('hex'));
  });

  describe('the pull route refuses', () => {
    let message: TestMessage;
    beforeAll(async () => {
      message = await acceptedMessage();
    });

    it('a receipt signed by another node\'s key (401)', async () => {
      const res = await postReceipt(de, message.id, await receipt(message, {}, fr.sig), 401);
      expect(res.body).toEqual({ code: 'RECEIPT_SIGNATURE_INVALID', message: expect.any(String) });
    });

    it('a receipt for another digest, another message or another unit (400)', async () => {
      for (const change of [{ digest: controlNumber(randomBytes(8)) }, { messageId: uuidv7() }, { by: 'BE-CICU' }]) {
        const res = await postReceipt(de, message.id, await receipt(message, change), 400);
        expect(res.body.code).toBe('RECEIPT_MISMATCH');
      }
    });

    it('what is not a delivery receipt (400), or not application/jose (415)', async () => {
      expect((await postReceipt(de, message.id, 'not-a-jws', 400)).body.code).toBe('RECEIPT_INVALID');
      expect((await postReceipt(de, message.id, await receipt(message, { kind: 'hub-receipt' }), 400)).body.code).toBe('RECEIPT_INVALID');
      expect((await postReceipt(de, message.id, await receipt(message), 415, 'text/plain')).body.code).toBe('BODY_INVALID');
    });

    it('an unknown message, or one not addressed to the caller (404)', async () => {
      expect((await postReceipt(de, uuidv7(), await receipt(message), 404)).body.code).toBe('MESSAGE_NOT_FOUND');
      expect((await postReceipt(de, 'not-a-uuid', await receipt(message), 404)).body.code).toBe('MESSAGE_NOT_FOUND');
      expect((await postReceipt(fr, message.id, await receipt(message, {}, fr.sig), 404)).body.code).toBe('MESSAGE_NOT_FOUND');
      expect((await row(message.id)).status).toBe('accepted');
    });

    it('nothing the second time: a repeated receipt is accepted without change', async () => {
      await postReceipt(de, message.id, await receipt(message), 204);
      const first = await row(message.id);
      await postReceipt(de, message.id, await receipt(message), 204);
      expect(await row(message.id)).toEqual(first);
      expect(await auditOf('message.acknowledged', message.id)).toHaveLength(1);
    });
  });

  it('shows a message\'s status to its sender and its recipient only', async () => {
    const message = await acceptedMessage();
    const res = await get(fr, `/v1/messages/${message.id}`, 200);
    expect(res.body).toEqual({ messageId: message.id, status: 'accepted', receivedAt: expect.any(String), deliveredAt: null, acknowledgedAt: null, deliveryReceipt: null });
    await get(de, `/v1/messages/${message.id}`, 200);
    expect((await get(be, `/v1/messages/${message.id}`, 404)).body).toEqual({ code: 'MESSAGE_NOT_FOUND', message: expect.any(String) });
    await get(fr, `/v1/messages/${uuidv7()}`, 404);
    await get(fr, '/v1/messages/not-a-uuid', 404);
  });

  it('lists a unit\'s own mailbox only, oldest first, within the limit', async () => {
    const older = await acceptedMessage(new Date(Date.now() - 3_600_000_000));
    await acceptedMessage();
    const first = await get(de, '/v1/mailbox?limit=1', 200);
    expect(first.body.items.map((i: { messageId: string }) => i.messageId)).toEqual([older.id]);
    expect((await get(fr, '/v1/mailbox', 200)).body).toEqual({ items: [] });
    for (const limit of ['0', '101', 'x']) expect((await get(de, `/v1/mailbox?limit=${limit}`, 400)).body.code).toBe('MAILBOX_LIMIT_INVALID');
  });

  it('enqueues the accepted messages at start-up (a crash between commit and enqueue)', async () => {
    const message = await acceptedMessage();
    expect(await app.get(DeliveryService).enqueueAccepted()).toBeGreaterThanOrEqual(1);
    await statusBecomes(message.id, 'acknowledged');
  });
});
