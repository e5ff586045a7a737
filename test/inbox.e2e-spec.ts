import { randomBytes } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { type INestApplication } from '@nestjs/common';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { controlNumber, createClientAssertion, encryptJwe, type GeneratedKeyPair, HUB_ASSERTION_TYP, type PublicJwk, signJws } from '@cicu/crypto';
import { JWS_TYP, type RequestEnvelope } from '@cicu/protocol';
import { createApp, KeyringService } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { NODE_API, NodeModule } from '../apps/node/src/app.module';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { NodeDirectoryService } from '../apps/node/src/directory/node-directory.service';
import { HubClient } from '../apps/node/src/hub-client/hub-client';
import { MailboxService } from '../apps/node/src/inbox/mailbox/mailbox.service';
import { exampleRequestEnvelope } from '../libs/protocol/src/testing/examples';
import { createTestDatabase } from './support/databases';
import { freePort } from './support/ports';
import { nodeKeys, requestPayloadWithoutFiles } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

// Generous: each step is fast, but the first run compiles everything and may share the machine.
jest.setTimeout(20_000);

const AUD = 'cicu-hub-inbox-e2e';
const HUB_PREFIX = `cicu-hub-inbox-${randomBytes(4).toString('hex')}`;
const SECRET = 'inbox-e2e-operator-secret';
const AGREEMENT = 'AGR-FR-DE-CICU';
const NAPLES = 'NAPLES-II-ART-10';
const HOUR = 3_600_000;
const ascii = (text: string) => new TextEncoder().encode(text);

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type Keys = Awaited<ReturnType<typeof nodeKeys>>;

/** A fresh UUIDv7 (RFC 9562). */
function uuidv7(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Collects any response body as text (superagent would leave application/jose unparsed). */
function asText(res: request.Response, done: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}

describe('node inbox: hub pushes a signed, encrypted request to the DE node', () => {
  let hubDb: TestDatabase;
  let nodeDb: TestDatabase;
  let hub: INestApplication;
  let hubUrl: string;
  let node: INestApplication | undefined;
  let fr: Keys;
  let intruder: Keys;
  let deNodeId: string;
  let frNodeId: string;
  let dePort: number;
  let deJwks: { keys: PublicJwk[] };

  function nodeConfig(extra: Record<string, string> = {}) {
    return loadNodeConfig({
      UNIT_ID: 'DE-ZIRE',
      DATABASE_URL: nodeDb.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: SECRET,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      DIRECTORY_REFRESH_SECONDS: '3600',
      MAILBOX_POLL_SECONDS: '3600',
      ...extra,
    });
  }

  async function startNode(extra: Record<string, string> = {}): Promise<INestApplication> {
    await node?.close();
    node = await createApp(NodeModule.forRoot(nodeConfig({ HUB_URL: hubUrl, NODE_ID: deNodeId, ...extra })), NODE_API);
    await node.listen(dePort, '127.0.0.1');
    return node;
  }

  const hubAssertion = (aud = deNodeId) => hub.get(KeyringService).createAssertion({ iss: AUD, aud, typ: HUB_ASSERTION_TYP, ttlSeconds: 30 });

  async function deliver(jws: string, assertion?: string | null) {
    const token = assertion === undefined ? await hubAssertion() : assertion;
    const req = request(node!.getHttpServer()).post('/v1/inbox').set('Content-Type', 'application/jose');
    if (token !== null) req.set('Authorization', `Bearer ${token}`);
    return req.send(jws).buffer(true).parse(asText);
  }

  /** A request as the FR node builds it: payload encrypted to DE's enc key, envelope signed by FR. */
  async function requestOf(options: { signWith?: GeneratedKeyPair; envelope?: Partial<RequestEnvelope>; jwe?: (jwe: string) => string } = {}) {
    const now = Date.now();
    const routing = { area: 'medicines', legalBasisId: NAPLES, agreementId: AGREEMENT, priority: 'urgent', dueAt: new Date(now + 72 * HOUR).toISOString(), handlingCode: 'H1' } as const;
    // Most of these deliveries bypass the hub, which sealed attachments travel through.
    const plaintext = { ...requestPayloadWithoutFiles(), ...routing };
    const enc = deJwks.keys.find((k) => k.use === 'enc')!;
    let jwe = await encryptJwe(ascii(JSON.stringify(plaintext)), enc, { kid: enc.kid });
    if (options.jwe) jwe = options.jwe(jwe);
    const envelope = exampleRequestEnvelope({
      id: uuidv7(),
      createdAt: new Date(now).toISOString(),
      requestType: 'ISP_SUBSCRIBER',
      ...routing,
      payload: { jwe, digest: controlNumber(ascii(jwe)) },
      ...options.envelope,
    });
    const key = options.signWith ?? fr.sig;
    const jws = await signJws(ascii(JSON.stringify(envelope)), key.privateJwk, { alg: 'EdDSA', kid: key.kid, typ: JWS_TYP.request });
    return { id: envelope.id, jws, envelope, plaintext };
  }

  const inboxRows = (id: string) => sql<{ n: number }>(nodeDb.url, 'SELECT count(*)::int AS n FROM inbox_message WHERE message_id = $1', [id]).then((r) => r[0]!.n);

  async function refusedWith(res: request.Response, status: number, code: string, id?: string): Promise<void> {
    expect({ status: res.status, code: JSON.parse(res.body as string).code }).toEqual({ status, code });
    if (id !== undefined) expect(await inboxRows(id)).toBe(0);
  }

  beforeAll(async () => {
    [hubDb, nodeDb] = await Promise.all([createTestDatabase('inbox_hub'), createTestDatabase('inbox_node')]);
    hub = await createApp(
      HubModule.forRoot(
        loadHubConfig({ DATABASE_URL: hubDb.url, REDIS_URL: testEnv.redisUrl, LOG_LEVEL: 'silent', OPERATOR_SECRET: SECRET, SEAL_PBES2_COUNT: '1000', HUB_AUDIENCE: AUD, QUEUE_PREFIX: HUB_PREFIX }),
      ),
      HUB_API,
    );
    await hub.listen(0, '127.0.0.1');
    hubUrl = `http://127.0.0.1:${(hub.getHttpServer().address() as AddressInfo).port}`;

    // First start of the DE node, not enrolled yet: it makes its keys, which the hub registers.
    const fresh = await createApp(NodeModule.forRoot(nodeConfig()), NODE_API);
    await fresh.init();
    deJwks = (await request(fresh.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body;
    await fresh.close();

    dePort = await freePort();
    fr = await nodeKeys();
    intruder = await nodeKeys();
    const directory = hub.get(DirectoryService);
    frNodeId = (await directory.registerNode('FR-CYBERDOUANE', 'https://fr.node.example/v1/inbox', fr.jwks)).id;
    deNodeId = (await directory.registerNode('DE-ZIRE', `http://127.0.0.1:${dePort}/v1/inbox`, deJwks)).id;
    await startNode();
  }, 60_000);

  afterAll(async () => {
    await node?.close();
    await hub?.close();
    await Promise.all([hubDb?.drop(), nodeDb?.drop()]);
  });

  describe('directory', () => {
    it('pins the hub key on first use, fetches and verifies the snapshot, and stores it', async () => {
      const hubKeys = (await request(hub.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body.keys as PublicJwk[];
      const directory = node!.get(NodeDirectoryService);
      expect(directory.hubKeys().map((k) => k.kid)).toEqual(hubKeys.map((k) => k.kid));
      expect(await sql(nodeDb.url, 'SELECT kid FROM hub_trust')).toEqual(hubKeys.map((k) => ({ kid: k.kid })));
      expect(directory.version).toBeGreaterThanOrEqual(3);
      const [stored] = await sql<{ version: number }>(nodeDb.url, 'SELECT max(version) AS version FROM directory_snapshot');
      expect(stored!.version).toBe(directory.version);

      expect(directory.lookupKey(fr.sig.kid, 'sig')).toMatchObject({ key: { unitId: 'FR-CYBERDOUANE', use: 'sig' } });
      expect(directory.encryptionKeyOfUnit('DE-ZIRE')?.kid).toBe(deJwks.keys.find((k) => k.use === 'enc')!.kid);
      expect(directory.keysOfUnit('FR-CYBERDOUANE', 'sig').map((k) => k.kid)).toEqual([fr.sig.kid]);
      expect(directory.agreementsWith('FR-CYBERDOUANE').map((a) => a.id)).toEqual([AGREEMENT]);
      expect(directory.lookupKey(intruder.sig.kid, 'sig')).toEqual({ refusal: 'UNKNOWN_KEY', why: 'the kid is not in the directory' });
    });

    it('revalidates with If-None-Match (no change) and reports the directory in /health', async () => {
      const directory = node!.get(NodeDirectoryService);
      expect(await directory.refresh()).toEqual({ version: directory.version, changed: false });
      const health = await request(node!.getHttpServer()).get('/health').expect(200);
      expect(health.body.details.directory).toMatchObject({ status: 'up', version: directory.version });
    });
  });

  describe('POST /v1/inbox', () => {
    it('stores a request with its decrypted payload and answers 200 with a receipt signed by the node', async () => {
      const { id, jws, envelope, plaintext } = await requestOf();
      const res = await deliver(jws);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/jose');

      const { payload, protectedHeader } = await compactVerify(res.body as string, createLocalJWKSet(deJwks as JSONWebKeySet), { algorithms: ['EdDSA'] });
      expect(protectedHeader.typ).toBe('cicu-delivery-receipt+jws');
      const receipt = JSON.parse(new TextDecoder().decode(payload));
      expect(receipt).toEqual({ v: 1, kind: 'delivery-receipt', messageId: id, digest: envelope.payload.digest, receivedAt: expect.any(String), by: 'DE-ZIRE' });

      const [row] = await sql(nodeDb.url, 'SELECT kind, from_unit, request_type, status, payload, jws FROM inbox_message WHERE message_id = $1', [id]);
      expect(row).toEqual({ kind: 'request', from_unit: 'FR-CYBERDOUANE', request_type: 'ISP_SUBSCRIBER', status: 'new', payload: plaintext, jws });
    });

    it('stores a repeated delivery once and answers it with the same receipt', async () => {
      const { id, jws } = await requestOf();
      const first = await deliver(jws);
      const second = await deliver(jws);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.body).toBe(first.body);
      expect(await inboxRows(id)).toBe(1);
    });

    it('refuses without, or with a forged, replayed or misaddressed hub assertion (401)', async () => {
      const { id, jws } = await requestOf();
      await refusedWith(await deliver(jws, null), 401, 'UNAUTHENTICATED', id);

      const stranger = await nodeKeys();
      const iat = Math.floor(Date.now() / 1000);
      const forged = await signJws(JSON.stringify({ iss: AUD, sub: AUD, aud: deNodeId, iat, exp: iat + 30, jti: randomBytes(16).toString('hex') }), stranger.sig.privateJwk, {
        alg: 'EdDSA',
        kid: stranger.sig.kid,
        typ: HUB_ASSERTION_TYP,
      });
      await refusedWith(await deliver(jws, forged), 401, 'HUB_ASSERTION_INVALID', id);
      await refusedWith(await deliver(jws, await hubAssertion('00000000-0000-4000-8000-000000000000')), 401, 'HUB_ASSERTION_INVALID', id);

      const once = await hubAssertion();
      expect((await deliver(jws, once)).status).toBe(200);
      await refusedWith(await deliver(jws, once), 401, 'REPLAY');
    });

    it('refuses a request signed by a key that is not in the directory (422), storing nothing', async () => {
      const { id, jws } = await requestOf({ signWith: intruder.sig });
      await refusedWith(await deliver(jws), 422, 'UNKNOWN_KEY', id);
    });

    it('refuses a request whose `from` is not the unit of the signing key (422)', async () => {
      const { id, jws } = await requestOf({ envelope: { from: 'AT-CICU' } });
      await refusedWith(await deliver(jws), 422, 'UNKNOWN_KEY', id);
    });

    it('refuses a request addressed to another unit (403)', async () => {
      const { id, jws } = await requestOf({ envelope: { to: 'AT-CICU' } });
      await refusedWith(await deliver(jws), 403, 'WRONG_RECIPIENT', id);
    });

    it('refuses a tampered JWE: digest mismatch (400) or ciphertext that does not decrypt (422)', async () => {
      const flip = (jwe: string) => {
        const parts = jwe.split('.');
        const ct = Buffer.from(parts[3]!, 'base64url');
        ct[0] = ct[0]! ^ 1;
        parts[3] = ct.toString('base64url');
        return parts.join('.');
      };
      const good = await requestOf();
      const mismatched = await requestOf({ envelope: { payload: { jwe: flip(good.envelope.payload.jwe), digest: good.envelope.payload.digest } } });
      await refusedWith(await deliver(mismatched.jws), 400, 'SCHEMA', mismatched.id);

      const undecryptable = await requestOf({ jwe: flip });
      await refusedWith(await deliver(undecryptable.jws), 422, 'DECRYPTION_FAILED', undecryptable.id);

      // Already stored (as if received before this node's key was retired): acknowledged with the
      // stored receipt, not refused, though it no longer opens; the row stays as it was.
      await sql(
        nodeDb.url,
        `INSERT INTO inbox_message (message_id, kind, from_unit, request_type, in_reply_to, received_at, envelope, payload, jws, digest, receipt, status)
         VALUES ($1, 'request', 'FR-CYBERDOUANE', 'ISP_SUBSCRIBER', NULL, now(), $2, '{}', $3, $4, 'stored-receipt', 'new')`,
        [undecryptable.id, JSON.stringify(undecryptable.envelope), undecryptable.jws, undecryptable.envelope.payload.digest],
      );
      const again = await deliver(undecryptable.jws);
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: 'stored-receipt' });
      expect(await inboxRows(undecryptable.id)).toBe(1);
    });

    it('refuses a JWS whose signature does not verify (422) and a body that is not application/jose (415)', async () => {
      const { id, jws } = await requestOf();
      const [h, p] = jws.split('.');
      await refusedWith(await deliver(`${h}.${p}.${Buffer.alloc(64).toString('base64url')}`), 422, 'BAD_SIGNATURE', id);
      const res = await request(node!.getHttpServer()).post('/v1/inbox').set('Authorization', `Bearer ${await hubAssertion()}`).send({ jws });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('refuses a delivery receipt of a message this node never sent (422), storing nothing', async () => {
      // Receipts of messages it did send are covered with a real outbox in test/exchange-revisions.e2e-spec.ts.
      const messageId = uuidv7();
      const receipt = { v: 1, kind: 'delivery-receipt', messageId, digest: `sha256:${'a'.repeat(64)}`, receivedAt: new Date().toISOString(), by: 'FR-CYBERDOUANE' };
      const signed = await signJws(ascii(JSON.stringify(receipt)), fr.sig.privateJwk, { alg: 'EdDSA', kid: fr.sig.kid, typ: JWS_TYP['delivery-receipt'] });
      await refusedWith(await deliver(signed), 422, 'RECEIPT_MISMATCH');
      expect(await sql(nodeDb.url, 'SELECT jws FROM sent_receipt WHERE message_id = $1', [messageId])).toEqual([]);

      const lying = await signJws(ascii(JSON.stringify({ ...receipt, messageId: uuidv7(), by: 'AT-CICU' })), fr.sig.privateJwk, { alg: 'EdDSA', kid: fr.sig.kid, typ: JWS_TYP['delivery-receipt'] });
      await refusedWith(await deliver(lying), 422, 'UNKNOWN_KEY');
    });
  });

  describe('POST /v1/inbox/batch', () => {
    async function deliverBatch(body: unknown, assertion?: string | null) {
      const token = assertion === undefined ? await hubAssertion() : assertion;
      const req = request(node!.getHttpServer()).post('/v1/inbox/batch');
      if (token !== null) req.set('Authorization', `Bearer ${token}`);
      return req.send(body as object);
    }

    it('receives each item as POST /v1/inbox would: stored with a signed receipt (once, even twice in a batch), or refused with that status and code', async () => {
      const good = await requestOf();
      const misaddressed = await requestOf({ envelope: { to: 'AT-CICU' } });
      const unsigned = await requestOf();
      const [h, p] = unsigned.jws.split('.');
      const forged = `${h}.${p}.${Buffer.alloc(64).toString('base64url')}`;
      const other = await requestOf();
      const res = await deliverBatch({ messages: [good.jws, misaddressed.jws, forged, good.jws, 'not a JWS', other.jws] });
      expect(res.status).toBe(200);
      const results = res.body.results as { outcome: string; receipt?: string; status?: number; code?: string }[];
      expect(results.map((r) => [r.outcome, r.status, r.code])).toEqual([
        ['stored', undefined, undefined],
        ['refused', 403, 'WRONG_RECIPIENT'],
        ['refused', 422, 'BAD_SIGNATURE'],
        ['stored', undefined, undefined],
        ['refused', 422, 'BAD_SIGNATURE'],
        ['stored', undefined, undefined],
      ]);
      expect(results[0]).toEqual({ outcome: 'stored', messageId: good.id, receipt: expect.any(String) });
      expect(results[3]!.receipt).toBe(results[0]!.receipt);
      const { payload } = await compactVerify(results[0]!.receipt!, createLocalJWKSet(deJwks as JSONWebKeySet), { algorithms: ['EdDSA'] });
      expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ kind: 'delivery-receipt', messageId: good.id, digest: good.envelope.payload.digest, by: 'DE-ZIRE' });
      expect([await inboxRows(good.id), await inboxRows(misaddressed.id), await inboxRows(unsigned.id), await inboxRows(other.id)]).toEqual([1, 0, 0, 1]);
      // Stored by the batch's one INSERT, each row with its own decrypted payload and receipt.
      const rows = await sql<{ message_id: string; payload: unknown; receipt: string }>(nodeDb.url, 'SELECT message_id, payload, receipt FROM inbox_message WHERE message_id = ANY($1) ORDER BY message_id', [[good.id, other.id]]);
      expect(rows).toEqual(
        [
          { message_id: good.id, payload: good.plaintext, receipt: results[0]!.receipt },
          { message_id: other.id, payload: other.plaintext, receipt: results[5]!.receipt },
        ].sort((a, b) => a.message_id.localeCompare(b.message_id)),
      );
      // The same message alone gets the same receipt: one inbox, two routes.
      expect((await deliver(good.jws)).body).toBe(results[0]!.receipt);
    });

    it('refuses a body that is not a batch (400 SCHEMA, with the issue), storing nothing', async () => {
      const { id, jws } = await requestOf();
      const cases: [unknown, string][] = [
        [{}, 'required'],
        [{ messages: [] }, 'minItems'],
        [{ messages: Array.from({ length: 33 }, () => jws) }, 'maxItems'],
        [{ messages: [jws, 42] }, 'type'],
        [{ messages: [jws], extra: true }, 'additionalProperties'],
        [{ messages: [jws, 'x'.repeat(96 * 1024)] }, 'maxLength'],
      ];
      for (const [body, code] of cases) {
        const res = await deliverBatch(body);
        expect({ status: res.status, code: res.body.code, issue: res.body.issues?.[0]?.code }).toEqual({ status: 400, code: 'SCHEMA', issue: code });
      }
      expect(await inboxRows(id)).toBe(0);
    });

    it('refuses without, or with a replayed, hub assertion (401), storing nothing', async () => {
      const { id, jws } = await requestOf();
      const none = await deliverBatch({ messages: [jws] }, null);
      expect({ status: none.status, code: none.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      const once = await hubAssertion();
      expect((await deliverBatch({ messages: [jws] }, once)).status).toBe(200);
      const replayed = await deliverBatch({ messages: [(await requestOf()).jws] }, once);
      expect({ status: replayed.status, code: replayed.body.code }).toEqual({ status: 401, code: 'REPLAY' });
      expect(await inboxRows(id)).toBe(1);
    });
  });

  it('end to end: FR submits to the hub, the hub pushes to DE\'s inbox, DE stores it and the hub gets DE\'s receipt', async () => {
    const { id, jws } = await requestOf();
    const assertion = await createClientAssertion({ iss: frNodeId, aud: AUD, privateKey: fr.sig.privateJwk, kid: fr.sig.kid, alg: 'EdDSA', ttlSeconds: 30 });
    const submitted = await request(hub.getHttpServer()).post('/v1/messages').set('Authorization', `Bearer ${assertion}`).set('Content-Type', 'application/jose').send(jws);
    expect(submitted.status).toBeLessThan(300);

    let status: unknown;
    for (let i = 0; i < 100 && status !== 'acknowledged'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await sql<{ status: string }>(hubDb.url, 'SELECT status FROM message WHERE id = $1', [id]))[0]?.status;
    }
    expect(status).toBe('acknowledged');
    expect(await inboxRows(id)).toBe(1);
    // The real GET /v1/mailbox, through the hub client and its node assertion: nothing left.
    expect(await node!.get(MailboxService).pull()).toEqual({ received: 0, acknowledged: 0, refused: [] });
  });

  it('pulls the mailbox through the same checks and hands the hub each receipt', async () => {
    const good = await requestOf();
    const forged = await requestOf({ signWith: intruder.sig });
    const hubClient = node!.get(HubClient);
    const items = [good, forged].map(({ id, jws }) => ({ messageId: id, kind: 'request' as const, fromUnit: 'FR-CYBERDOUANE', receivedAt: new Date().toISOString(), jws }));
    const mailbox = jest.spyOn(hubClient, 'mailbox').mockResolvedValue(items);
    const postReceipt = jest.spyOn(hubClient, 'postReceipt').mockResolvedValue();
    try {
      const result = await node!.get(MailboxService).pull();
      expect(result).toEqual({ received: 2, acknowledged: 1, refused: [{ messageId: forged.id, code: 'UNKNOWN_KEY' }] });
      expect(postReceipt).toHaveBeenCalledWith(good.id, expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/));
      expect(await inboxRows(good.id)).toBe(1);
      expect(await inboxRows(forged.id)).toBe(0);
    } finally {
      mailbox.mockRestore();
      postReceipt.mockRestore();
    }
  });

  it('restarts without the hub on the stored snapshot and pinned key, and still receives', async () => {
    const version = node!.get(NodeDirectoryService).version;
    const restarted = await startNode({ HUB_URL: 'http://127.0.0.1:1' });
    expect(restarted.get(NodeDirectoryService).version).toBe(version);
    const { id, jws } = await requestOf();
    expect((await deliver(jws)).status).toBe(200);
    expect(await inboxRows(id)).toBe(1);
  }, 30_000);
});
