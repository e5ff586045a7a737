import { randomBytes } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { controlNumber, createClientAssertion, encryptJwe, type GeneratedKeyPair, generateSigningKeyPair, merkleRoot, signJws } from '@cicu/crypto';
import { type AnswerEnvelope, type Envelope, JWS_TYP, LIMITS, REQUEST_TYPES, type RequestEnvelope, type RequestType } from '@cicu/protocol';
import { bullConnection, createApp } from '@cicu/shared';
import { exampleAnswerEnvelope, exampleAnswerPayload, exampleRequestEnvelope, exampleRequestPayload } from '../libs/protocol/src/testing/examples';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { MessageEntity } from '../apps/hub/src/messages/message.entity';
import { SubmissionService } from '../apps/hub/src/messages/submission/submission.service';
import { MessageWriteRepository } from '../apps/hub/src/messages/writer/message-write.repository';
import { MessageWriter } from '../apps/hub/src/messages/writer/message-writer';
import { AuditService } from '../apps/hub/src/audit/audit.service';
import { AuditTreeService } from '../apps/hub/src/audit/audit-tree.service';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-submission-e2e';
const PREFIX = `cicu-hub-submission-${randomBytes(4).toString('hex')}`;
// The seed's FR–DE agreement (deploy/fixtures/directory.json).
const AGREEMENT = 'AGR-FR-DE-CICU';
const NAPLES = 'NAPLES-II-ART-10';
const REG_515 = 'REG-515-97-ART-4';

type Keys = Awaited<ReturnType<typeof nodeKeys>>;
interface TestNode extends Keys {
  id: string;
  unitId: string;
}

const ascii = (text: string) => new TextEncoder().encode(text);
const HOUR = 3_600_000;

/** A fresh UUIDv7 (RFC 9562): 48-bit ms time, version 7, variant 10, random rest. */
function uuidv7(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface RequestOptions {
  type?: RequestType;
  envelope?: Partial<RequestEnvelope>;
  /** Put into the encrypted payload (the canary test). */
  nationalReference?: string;
  signWith?: GeneratedKeyPair;
}

describe('POST /v1/messages (submission, routing by agreement)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let queue: Queue;
  let fr: TestNode;
  let de: TestNode;
  /** Every line the hub logs (pino JSON, LOG_LEVEL trace), for the log canary. */
  const hubLogs: string[] = [];

  async function register(unitId: string, inbox: string): Promise<TestNode> {
    const keys = await nodeKeys();
    const node = await app.get(DirectoryService).registerNode(unitId, inbox, keys.jwks);
    return { ...keys, id: node.id, unitId };
  }

  const assertionOf = (node: TestNode) =>
    createClientAssertion({ iss: node.id, aud: AUD, privateKey: node.sig.privateJwk, kid: node.sig.kid, alg: 'EdDSA', ttlSeconds: 30 });

  async function encryptedPayload(recipient: TestNode, plaintext: unknown): Promise<{ jwe: string; digest: string }> {
    const jwe = await encryptJwe(ascii(JSON.stringify(plaintext)), recipient.enc.publicJwk, { kid: recipient.enc.kid });
    return { jwe, digest: controlNumber(ascii(jwe)) };
  }

  /** A real request of FR to DE: payload encrypted to DE's key, envelope signed by FR's key. */
  async function requestOf(options: RequestOptions = {}): Promise<{ id: string; jws: string; envelope: RequestEnvelope }> {
    const type = options.type ?? 'ISP_SUBSCRIBER';
    const now = Date.now();
    const routing = { area: 'medicines', legalBasisId: NAPLES, agreementId: AGREEMENT, priority: 'urgent', dueAt: new Date(now + 72 * HOUR).toISOString(), handlingCode: 'H1' } as const;
    const plaintext = { ...exampleRequestPayload(type), ...routing, ...(options.nationalReference !== undefined && { nationalReference: options.nationalReference }) };
    const envelope = exampleRequestEnvelope({
      id: uuidv7(),
      createdAt: new Date(now).toISOString(),
      requestType: type,
      ...routing,
      payload: await encryptedPayload(de, plaintext),
      ...options.envelope,
    });
    const key = options.signWith ?? fr.sig;
    const jws = await signJws(ascii(JSON.stringify(envelope)), key.privateJwk, { alg: 'EdDSA', kid: key.kid, typ: JWS_TYP.request });
    return { id: envelope.id, jws, envelope };
  }

  async function answerOf(inReplyTo: string, overrides: Partial<AnswerEnvelope> = {}): Promise<{ id: string; jws: string }> {
    const envelope = exampleAnswerEnvelope({
      id: uuidv7(),
      createdAt: new Date().toISOString(),
      inReplyTo,
      payload: await encryptedPayload(fr, { ...exampleAnswerPayload(), inReplyTo }),
      ...overrides,
    });
    const jws = await signJws(ascii(JSON.stringify(envelope)), de.sig.privateJwk, { alg: 'EdDSA', kid: de.sig.kid, typ: JWS_TYP.answer });
    return { id: envelope.id, jws };
  }

  async function submit(jws: string, as: TestNode = fr, assertion?: string) {
    return request(app.getHttpServer())
      .post('/v1/messages')
      .set('Authorization', `Bearer ${assertion ?? (await assertionOf(as))}`)
      .set('Content-Type', 'application/jose')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .send(jws);
  }

  async function submitBatch(body: unknown, as: TestNode = fr) {
    return request(app.getHttpServer()).post('/v1/messages/batch').set('Authorization', `Bearer ${await assertionOf(as)}`).send(body as object);
  }

  const auditEntries = async (type: string) =>
    (await sql<{ canonical: string }>(database.url, `SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index`, [type])).map((r) => JSON.parse(r.canonical) as Record<string, unknown>);
  const storedMessages = async (id: string) => sql(database.url, 'SELECT id, status, kind, agreement_id, agreement_version, audit_index FROM message WHERE id = $1', [id]);

  /** A refusal: status and code, the audit event, and nothing stored or queued. */
  async function expectRefused(jws: string, status: number, code: string, id: string | undefined, as: TestNode = fr) {
    const res = await submit(jws, as);
    const body = JSON.parse(res.body as string) as { code: string; message: string; issues?: unknown[]; refusal?: string };
    expect({ status: res.status, code: body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(body.message).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
    const jwsDigest = controlNumber(ascii(jws));
    const refused = (await auditEntries('message.refused')).filter((e) => e.jwsDigest === jwsDigest);
    expect(refused.at(-1)).toMatchObject({ reason: code, actor: { kind: 'node', nodeId: as.id, unitId: as.unitId }, ...(id !== undefined && { messageId: id }) });
    if (id !== undefined) {
      if (code !== 'REPLAY') {
        expect(await storedMessages(id)).toEqual([]);
        expect(await queue.getJob(id)).toBeUndefined();
      }
      expect(body.refusal).toEqual(expect.any(String));
      const { payload, protectedHeader } = await compactVerify(body.refusal as string, await hubKeys());
      expect(protectedHeader.typ).toBe(JWS_TYP.refusal);
      expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ v: 1, kind: 'refusal', messageId: id, reason: code });
    }
    return body;
  }

  async function hubKeys() {
    const res = await request(app.getHttpServer()).get('/.well-known/jwks.json').expect(200);
    return createLocalJWKSet(res.body as JSONWebKeySet);
  }

  async function expectAccepted(jws: string, id: string, digest: string, as: TestNode = fr): Promise<void> {
    const res = await submit(jws, as);
    expect({ status: res.status, body: res.status === 202 ? 'receipt' : res.body }).toEqual({ status: 202, body: 'receipt' });
    expect(res.headers['content-type']).toMatch(/^application\/jose/);
    const { payload, protectedHeader } = await compactVerify(res.body as string, await hubKeys());
    expect(protectedHeader.typ).toBe(JWS_TYP['hub-receipt']);
    const receipt = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    expect(receipt).toEqual({ v: 1, kind: 'hub-receipt', messageId: id, digest, receivedAt: expect.any(String), auditLeafIndex: expect.any(Number) });
    const [row] = await storedMessages(id);
    expect(row).toMatchObject({ id, status: 'accepted', audit_index: String(receipt.auditLeafIndex) });
    const accepted = (await auditEntries('message.accepted')).find((e) => e.messageId === id);
    expect(accepted).toMatchObject({ index: receipt.auditLeafIndex, digest, actor: { kind: 'node', nodeId: as.id } });
    expect(JSON.stringify(accepted)).not.toContain(jws.split('.')[1]);
    expect(await queue.getJob(id)).toMatchObject({ name: 'deliver', data: { messageId: id } });
  }

  beforeAll(async () => {
    database = await createTestDatabase('submission');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'trace',
      OPERATOR_SECRET: 'submission-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: PREFIX,
    });
    app = await createApp(HubModule.forRoot(config, { logDestination: { write: (line: string) => void hubLogs.push(line) } }), HUB_API);
    await app.init();
    queue = new Queue(DELIVERY_QUEUE, { connection: bullConnection(testEnv.redisUrl), prefix: PREFIX });
    fr = await register('FR-CYBERDOUANE', 'https://fr.node.example/v1/inbox');
    de = await register('DE-ZIRE', 'https://de.node.example/v1/inbox');
    // A narrower FR–DE agreement (e-mail requests on medicines under Naples II only), and one that has ended.
    await sql(
      database.url,
      `INSERT INTO agreement (id, version, title, request_types, areas, valid_from, valid_to, max_priority, due_times)
       VALUES ('AGR-NARROW', 3, 'Narrow', '{EMAIL_ACCOUNT}', '{medicines}', '2020-01-01', NULL, 'urgent', '{"routine":"P30D","urgent":"PT72H","immediate":"PT24H"}'),
              ('AGR-ENDED', 1, 'Ended', '{ISP_SUBSCRIBER}', '{medicines}', '2015-01-01', '2016-12-31', 'urgent', '{"routine":"P30D","urgent":"PT72H","immediate":"PT24H"}')`,
    );
    await sql(database.url, `INSERT INTO agreement_party VALUES ('AGR-NARROW', 'FR-CYBERDOUANE'), ('AGR-NARROW', 'DE-ZIRE'), ('AGR-ENDED', 'FR-CYBERDOUANE'), ('AGR-ENDED', 'DE-ZIRE')`);
    await sql(database.url, `INSERT INTO agreement_legal_basis VALUES ('AGR-NARROW', '${NAPLES}'), ('AGR-ENDED', '${NAPLES}')`);
  });

  afterAll(async () => {
    if (queue !== undefined) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await app?.close();
    await database?.drop();
  });

  it.each(REQUEST_TYPES)('accepts a %s request covered by the FR–DE agreement: receipt, stored row, audit entry, delivery job', async (type) => {
    const { id, jws, envelope } = await requestOf({ type });
    await expectAccepted(jws, id, envelope.payload.digest);
    const [row] = await storedMessages(id);
    expect(row).toMatchObject({ kind: 'request', agreement_id: AGREEMENT, agreement_version: 1 });
  });

  it('accepts the answer of DE to a request FR sent it, routed on the request\'s agreement', async () => {
    const req = await requestOf();
    expect((await submit(req.jws)).status).toBe(202);
    const answer = await answerOf(req.id);
    const digest = (JSON.parse(Buffer.from(answer.jws.split('.')[1], 'base64url').toString()) as Envelope).payload.digest;
    await expectAccepted(answer.jws, answer.id, digest, de);
    const [row] = await storedMessages(answer.id);
    expect(row).toMatchObject({ kind: 'answer', agreement_id: AGREEMENT, agreement_version: 1 });
  });

  it('refuses an answer whose inReplyTo names no request from its recipient to its sender (SCHEMA)', async () => {
    const { id, jws } = await answerOf(uuidv7());
    const body = await expectRefused(jws, 400, 'SCHEMA', id, de);
    expect(body.issues).toEqual([expect.objectContaining({ path: '/inReplyTo', code: 'mismatch' })]);
  });

  it('refuses a request to a unit no agreement binds FR to (NO_AGREEMENT)', async () => {
    const { id, jws } = await requestOf({ envelope: { to: 'PL-CICU' } });
    await expectRefused(jws, 403, 'NO_AGREEMENT', id);
  });

  it('refuses a request naming an agreement that does not exist (NO_AGREEMENT)', async () => {
    const { id, jws } = await requestOf({ envelope: { agreementId: 'AGR-NONE' } });
    await expectRefused(jws, 403, 'NO_AGREEMENT', id);
  });

  it('refuses a request whose type the agreement does not cover (TYPE_NOT_COVERED)', async () => {
    const { id, jws } = await requestOf({ type: 'ISP_SUBSCRIBER', envelope: { agreementId: 'AGR-NARROW' } });
    await expectRefused(jws, 403, 'TYPE_NOT_COVERED', id);
  });

  it('refuses a request whose area the agreement does not cover (AREA_NOT_COVERED)', async () => {
    const { id, jws } = await requestOf({ type: 'EMAIL_ACCOUNT', envelope: { agreementId: 'AGR-NARROW', area: 'cites' } });
    await expectRefused(jws, 403, 'AREA_NOT_COVERED', id);
  });

  it('refuses a request whose legal basis the agreement does not cover (LEGAL_BASIS_NOT_COVERED)', async () => {
    const { id, jws } = await requestOf({ type: 'EMAIL_ACCOUNT', envelope: { agreementId: 'AGR-NARROW', legalBasisId: REG_515 } });
    await expectRefused(jws, 403, 'LEGAL_BASIS_NOT_COVERED', id);
  });

  it('refuses a request under an agreement that is no longer in force (AGREEMENT_EXPIRED)', async () => {
    const { id, jws } = await requestOf({ envelope: { agreementId: 'AGR-ENDED' } });
    await expectRefused(jws, 403, 'AGREEMENT_EXPIRED', id);
  });

  it('refuses a request to a suspended unit (RECIPIENT_SUSPENDED)', async () => {
    await sql(database.url, `UPDATE unit SET status = 'suspended' WHERE id = 'SE-CICU'`);
    const { id, jws } = await requestOf({ envelope: { to: 'SE-CICU' } });
    await expectRefused(jws, 403, 'RECIPIENT_SUSPENDED', id);
  });

  it('refuses a request of a suspended unit (SENDER_SUSPENDED), in the service and already at authentication', async () => {
    const { id, jws } = await requestOf();
    await sql(database.url, `UPDATE unit SET status = 'suspended' WHERE id = 'FR-CYBERDOUANE'`);
    try {
      // The guard refuses a suspended unit's assertion first; the rule itself is the service's.
      const res = await submit(jws);
      expect({ status: res.status, code: (JSON.parse(res.body as string) as { code: string }).code }).toEqual({ status: 403, code: 'SENDER_SUSPENDED' });
      await expect(app.get(SubmissionService).submit({ nodeId: fr.id, unitId: fr.unitId, kid: fr.sig.kid }, jws)).rejects.toMatchObject({
        code: 'SENDER_SUSPENDED',
        refusal: expect.any(String),
      });
    } finally {
      await sql(database.url, `UPDATE unit SET status = 'active' WHERE id = 'FR-CYBERDOUANE'`);
    }
    expect(await storedMessages(id)).toEqual([]);
    expect(await queue.getJob(id)).toBeUndefined();
    expect((await auditEntries('message.refused')).at(-1)).toMatchObject({ reason: 'SENDER_SUSPENDED', messageId: id });
  });

  it('refuses a JWS whose payload was changed after signing (BAD_SIGNATURE)', async () => {
    const original = await requestOf();
    const other = await requestOf();
    const [header, , signature] = original.jws.split('.');
    const tampered = `${header}.${other.jws.split('.')[1]}.${signature}`;
    await expectRefused(tampered, 403, 'BAD_SIGNATURE', other.id);
  });

  it('refuses a body that is no JWS at all (BAD_SIGNATURE), without a refusal JWS', async () => {
    const body = await expectRefused('not-a-jws', 403, 'BAD_SIGNATURE', undefined);
    expect(body.refusal).toBeUndefined();
  });

  it('refuses a JWS of another typ (BAD_SIGNATURE)', async () => {
    const { envelope } = await requestOf();
    const jws = await signJws(ascii(JSON.stringify(envelope)), fr.sig.privateJwk, { alg: 'EdDSA', kid: fr.sig.kid, typ: JWS_TYP['hub-receipt'] });
    await expectRefused(jws, 403, 'BAD_SIGNATURE', envelope.id);
  });

  it('refuses a JWS signed with a key the directory does not list (UNKNOWN_KEY)', async () => {
    const stranger = await generateSigningKeyPair('Ed25519');
    const { id, jws } = await requestOf({ signWith: stranger });
    await expectRefused(jws, 403, 'UNKNOWN_KEY', id);
  });

  it('refuses a JWS signed with another node\'s key (UNKNOWN_KEY)', async () => {
    const { id, jws } = await requestOf();
    await expectRefused(jws, 403, 'UNKNOWN_KEY', id, de);
  });

  it('refuses an envelope whose author is not the calling node\'s unit (UNKNOWN_KEY)', async () => {
    const { id, jws } = await requestOf({ envelope: { from: 'DE-ZIRE', to: 'FR-CYBERDOUANE' } });
    await expectRefused(jws, 403, 'UNKNOWN_KEY', id);
  });

  it('refuses a JWS signed with a revoked key (REVOKED_KEY)', async () => {
    const extra = await generateSigningKeyPair('Ed25519');
    await sql(
      database.url,
      `INSERT INTO node_key (kid, node_id, use, alg, public_jwk, not_before, revoked_at) VALUES ($1, $2, 'sig', 'EdDSA', $3, now() - interval '1 day', now() - interval '1 minute')`,
      [extra.kid, fr.id, JSON.stringify(extra.publicJwk)],
    );
    const { id, jws } = await requestOf({ signWith: extra });
    await expectRefused(jws, 403, 'REVOKED_KEY', id);
  });

  it('refuses a message id seen before (REPLAY), keeping the first message', async () => {
    const { id, jws } = await requestOf();
    expect((await submit(jws)).status).toBe(202);
    await expectRefused(jws, 409, 'REPLAY', id);
    expect(await storedMessages(id)).toHaveLength(1);
  });

  it('refuses concurrent submissions of one id but one (REPLAY at the unique key)', async () => {
    const { id, jws } = await requestOf();
    const statuses = (await Promise.all([submit(jws), submit(jws), submit(jws)])).map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409, 409]);
    expect(await storedMessages(id)).toHaveLength(1);
  });

  it('commits concurrent submissions together (group commit): all accepted, gapless audit indices, each row naming its entry', async () => {
    const requests = await Promise.all(Array.from({ length: 40 }, () => requestOf()));
    const before = Number((await sql<{ size: string }>(database.url, 'SELECT size FROM audit_head'))[0]!.size);
    const statuses = (await Promise.all(requests.map((r) => submit(r.jws)))).map((r) => r.status);
    expect(statuses).toEqual(requests.map(() => 202));
    const rows = await sql<{ id: string; audit_index: string; index: string; canonical: string }>(
      database.url,
      'SELECT m.id, m.audit_index, e.index, e.canonical FROM message m JOIN audit_entry e ON e.index = m.audit_index WHERE m.id = ANY($1::uuid[]) ORDER BY e.index',
      [requests.map((r) => r.id)],
    );
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(JSON.parse(row.canonical)).toMatchObject({ type: 'message.accepted', messageId: row.id });
    const size = Number((await sql<{ size: string }>(database.url, 'SELECT size FROM audit_head'))[0]!.size);
    const indices = (await sql<{ index: string }>(database.url, 'SELECT index FROM audit_entry WHERE index >= $1 ORDER BY index', [before])).map((r) => Number(r.index));
    expect(indices).toEqual(Array.from({ length: size - before }, (_, i) => before + i));
  });

  it('commits a group in one statement while it knows the head, in a transaction after another writer appended, and keeps the reference tree', async () => {
    const accepted = async (count: number) => {
      const requests = await Promise.all(Array.from({ length: count }, () => requestOf()));
      expect((await Promise.all(requests.map((r) => submit(r.jws)))).map((r) => r.status)).toEqual(requests.map(() => 202));
      return requests.map((r) => r.id);
    };
    const ids = await accepted(1);
    const transaction = jest.spyOn(app.get(MessageWriteRepository), 'transaction');
    const oneStatement = jest.spyOn(app.get(AuditService), 'appendInOneStatement');
    try {
      // A group committed: this writer knows the head, no transaction is opened.
      ids.push(...(await accepted(10)));
      expect(oneStatement).toHaveBeenCalled();
      expect(transaction).not.toHaveBeenCalled();
      // Another writer (another replica) appends: the one statement finds the head moved and writes nothing; the transaction commits the group.
      await app.get(DataSource).transaction((tx) =>
        app.get(AuditService).record(tx, { type: 'message.undeliverable', actor: { kind: 'hub' }, messageId: uuidv7(), fromUnit: 'FR-CYBERDOUANE', toUnit: 'DE-ZIRE', attempts: 8 }),
      );
      oneStatement.mockClear();
      ids.push(...(await accepted(1)));
      expect(oneStatement).toHaveBeenCalledTimes(1);
      await expect(oneStatement.mock.results[0]!.value).resolves.toBeUndefined();
      expect(transaction).toHaveBeenCalledTimes(1);
      // Its commit left the head known again.
      transaction.mockClear();
      ids.push(...(await accepted(3)));
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      transaction.mockRestore();
      oneStatement.mockRestore();
    }
    const rows = await sql<{ id: string; canonical: string }>(database.url, 'SELECT m.id, e.canonical FROM message m JOIN audit_entry e ON e.index = m.audit_index WHERE m.id = ANY($1::uuid[])', [ids]);
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect(JSON.parse(row.canonical)).toMatchObject({ type: 'message.accepted', messageId: row.id });
    const leaves = (await sql<{ leaf_hash: Buffer }>(database.url, 'SELECT leaf_hash FROM audit_entry ORDER BY index')).map((r) => new Uint8Array(r.leaf_hash));
    const [{ size }] = (await sql<{ size: string }>(database.url, 'SELECT size FROM audit_head')) as [{ size: string }];
    expect(leaves).toHaveLength(Number(size));
    const root = await app.get(DataSource).transaction((tx) => app.get(AuditTreeService).root(tx, leaves.length));
    expect(Buffer.from(root).toString('hex')).toBe(Buffer.from(merkleRoot(leaves)).toString('hex'));
  });

  /** A message row as the writer stores it, for the tests that drive MessageWriter itself. */
  const messageRow = (id: string, senderNodeId: string) =>
    Object.assign(new MessageEntity(), {
      id, kind: 'request', fromUnit: 'FR-CYBERDOUANE', toUnit: 'DE-ZIRE', senderNodeId, senderKid: fr.sig.kid, requestType: 'ISP_SUBSCRIBER',
      legalBasisId: NAPLES, agreementId: AGREEMENT, agreementVersion: 1, area: 'medicines', priority: 'urgent', dueAt: new Date(Date.now() + HOUR),
      inReplyTo: null, createdAt: new Date(), receivedAt: new Date(), payloadDigest: controlNumber(ascii(id)), jwsDigest: controlNumber(ascii(`jws ${id}`)),
      jws: 'a.b.c', status: 'accepted', deliveryAttempts: 0, deliveredAt: null, acknowledgedAt: null, deliveryReceipt: null, auditIndex: -1,
    });
  const acceptedEvent = (row: MessageEntity) => ({
    type: 'message.accepted' as const, actor: { kind: 'node' as const, nodeId: fr.id, unitId: fr.unitId }, messageId: row.id, kind: 'request' as const,
    fromUnit: row.fromUnit, toUnit: row.toUnit, kid: row.senderKid, digest: row.payloadDigest, jwsDigest: row.jwsDigest,
  });
  /** DE's delivery receipt for a stored row, as DeliveryService hands it to the writer. */
  const acknowledgement = (row: MessageEntity, receipt: string) => ({
    acknowledge: { id: row.id, receipt, at: new Date() },
    event: {
      type: 'message.acknowledged' as const, actor: { kind: 'node' as const, nodeId: de.id, unitId: de.unitId }, messageId: row.id, fromUnit: row.fromUnit,
      toUnit: row.toUnit, digest: row.payloadDigest, receiptDigest: controlNumber(ascii(receipt)), kid: de.sig.kid, via: 'push' as const,
    },
  });

  it.each([
    ['with a replay in the batch (a transaction)', true],
    ['in one statement', false],
  ])('fails only the write that breaks a group commit, and commits the others of its batch, %s', async (_, withReplay) => {
    const writer = app.get(MessageWriter);
    const good = Array.from({ length: 12 }, () => messageRow(uuidv7(), fr.id));
    // A sender node the directory does not hold: the foreign key refuses that row alone.
    const bad = messageRow(uuidv7(), '00000000-0000-4000-8000-000000000000');
    const replayed = good[0]!;
    const writes = [...good, bad, ...(withReplay ? [replayed] : [])].map((row) => writer.write({ event: acceptedEvent(row), message: row }));
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.slice(0, 12).map((o) => (o.status === 'fulfilled' ? o.value.kind : 'rejected'))).toEqual(good.map(() => 'recorded'));
    expect(outcomes[12]!.status).toBe('rejected');
    if (withReplay) expect(outcomes[13]).toEqual({ status: 'fulfilled', value: { kind: 'replay' } });
    expect(await storedMessages(bad.id)).toEqual([]);
    expect(await auditEntries('message.accepted').then((entries) => entries.filter((e) => e.messageId === bad.id))).toEqual([]);
    for (const row of good) expect(await storedMessages(row.id)).toEqual([expect.objectContaining({ id: row.id, status: 'accepted' })]);
  });

  it('records delivery receipts in the group commit\'s one statement, and in a transaction when a receipt\'s message was acknowledged meanwhile or the head moved, before or during the statement', async () => {
    const writer = app.get(MessageWriter);
    const rows = Array.from({ length: 6 }, () => messageRow(uuidv7(), fr.id));
    for (const row of rows) expect(await writer.write({ event: acceptedEvent(row), message: row })).toMatchObject({ kind: 'recorded' });
    const acknowledged = async (id: string) =>
      sql<{ status: string; jws: string | null; delivery_receipt: string | null }>(database.url, 'SELECT status, jws, delivery_receipt FROM message WHERE id = $1', [id]);
    const acknowledgedEntries = async (id: string) => (await auditEntries('message.acknowledged')).filter((e) => e.messageId === id);
    const transaction = jest.spyOn(app.get(MessageWriteRepository), 'transaction');
    const oneStatement = jest.spyOn(app.get(AuditService), 'appendInOneStatement');
    try {
      // Receipts and new messages together: one statement for each batch, no transaction.
      const fresh = [messageRow(uuidv7(), fr.id), messageRow(uuidv7(), fr.id)];
      const outcomes = await Promise.all([
        ...rows.slice(0, 3).map((row) => writer.write(acknowledgement(row, `receipt of ${row.id}`))),
        ...fresh.map((row) => writer.write({ event: acceptedEvent(row), message: row })),
      ]);
      expect(outcomes.map((o) => o.kind)).toEqual(outcomes.map(() => 'recorded'));
      expect(oneStatement).toHaveBeenCalled();
      for (const result of oneStatement.mock.results) await expect(result.value).resolves.toBeDefined();
      expect(transaction).not.toHaveBeenCalled();
      for (const [i, row] of rows.slice(0, 3).entries()) {
        expect(await acknowledged(row.id)).toEqual([{ status: 'acknowledged', jws: null, delivery_receipt: `receipt of ${row.id}` }]);
        expect(await acknowledgedEntries(row.id)).toEqual([expect.objectContaining({ index: (outcomes[i] as { auditIndex: number }).auditIndex, receiptDigest: controlNumber(ascii(`receipt of ${row.id}`)) })]);
      }
      for (const row of fresh) expect(await storedMessages(row.id)).toEqual([expect.objectContaining({ status: 'accepted' })]);

      // A second receipt for an acknowledged message: the statement changes one row fewer than
      // its events expect and fails whole; the transaction writes nothing for it.
      oneStatement.mockClear();
      expect(await writer.write(acknowledgement(rows[0]!, 'a second receipt'))).toEqual({ kind: 'unchanged' });
      await expect(oneStatement.mock.results[0]!.value).rejects.toThrow();
      expect(transaction).toHaveBeenCalledTimes(1);
      expect(await acknowledged(rows[0]!.id)).toEqual([expect.objectContaining({ delivery_receipt: `receipt of ${rows[0]!.id}` })]);
      expect(await acknowledgedEntries(rows[0]!.id)).toHaveLength(1);

      // Another writer appended before the statement: it sees the head moved and changes nothing, without an error.
      const undeliverable = { type: 'message.undeliverable' as const, actor: { kind: 'hub' as const }, messageId: uuidv7(), fromUnit: 'FR-CYBERDOUANE', toUnit: 'DE-ZIRE', attempts: 8 };
      await app.get(DataSource).transaction((tx) => app.get(AuditService).record(tx, undeliverable));
      oneStatement.mockClear();
      transaction.mockClear();
      expect(await writer.write(acknowledgement(rows[3]!, `receipt of ${rows[3]!.id}`))).toMatchObject({ kind: 'recorded' });
      await expect(oneStatement.mock.results[0]!.value).resolves.toBeUndefined();
      expect(transaction).toHaveBeenCalledTimes(1);

      // Another writer holds the head while the statement runs: the statement's snapshot still
      // shows the head it expects, so it updates the message, then waits for the head row and
      // finds it moved; it fails whole, and the transaction records the receipt once.
      oneStatement.mockClear();
      transaction.mockClear();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const headLocked = new Promise<void>((resolve) => (locked = resolve));
      const other = app.get(DataSource).transaction(async (tx) => {
        await app.get(AuditService).record(tx, { ...undeliverable, messageId: uuidv7() });
        locked();
        await held;
      });
      await headLocked;
      const during = writer.write(acknowledgement(rows[4]!, `receipt of ${rows[4]!.id}`));
      const waiting = async () => Number((await sql<{ n: string }>(database.url, `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]!.n);
      for (let tries = 0; (await waiting()) === 0; tries++) {
        if (tries > 200) throw new Error('the one statement never waited for the head row');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      release();
      await other;
      expect(await during).toMatchObject({ kind: 'recorded' });
      await expect(oneStatement.mock.results[0]!.value).rejects.toThrow(/audit_head/);
      expect(transaction).toHaveBeenCalledTimes(1);
      for (const row of rows.slice(3, 5)) {
        expect(await acknowledged(row.id)).toEqual([{ status: 'acknowledged', jws: null, delivery_receipt: `receipt of ${row.id}` }]);
        expect(await acknowledgedEntries(row.id)).toHaveLength(1);
      }
    } finally {
      transaction.mockRestore();
      oneStatement.mockRestore();
    }
    // Whatever path each commit took, the log is gapless and its stored tree is the reference tree.
    const leaves = (await sql<{ index: string; leaf_hash: Buffer }>(database.url, 'SELECT index, leaf_hash FROM audit_entry ORDER BY index')).map((r) => ({ index: Number(r.index), hash: new Uint8Array(r.leaf_hash) }));
    const [{ size }] = (await sql<{ size: string }>(database.url, 'SELECT size FROM audit_head')) as [{ size: string }];
    expect(leaves.map((l) => l.index)).toEqual(Array.from({ length: Number(size) }, (_, i) => i));
    const root = await app.get(DataSource).transaction((tx) => app.get(AuditTreeService).root(tx, leaves.length));
    expect(Buffer.from(root).toString('hex')).toBe(Buffer.from(merkleRoot(leaves.map((l) => l.hash))).toString('hex'));
  });

  it('takes a batch: each message accepted or refused as it would be alone, in the order sent, a message twice stored once', async () => {
    const first = await requestOf();
    const second = await requestOf({ type: 'EMAIL_ACCOUNT' });
    const unbound = await requestOf({ envelope: { to: 'PL-CICU' } });
    const refusedBefore = (await auditEntries('message.refused')).length;
    const res = await submitBatch({ messages: [first.jws, unbound.jws, second.jws, first.jws, 'not-a-jws'] });
    expect(res.status).toBe(200);
    const { results } = res.body as { results: { outcome: string; messageId?: string; receipt?: string; status?: number; code?: string; refusal?: string }[] };
    expect(results.map((r) => [r.outcome, r.status, r.code])).toEqual([
      ['accepted', undefined, undefined],
      ['refused', 403, 'NO_AGREEMENT'],
      ['accepted', undefined, undefined],
      ['refused', 409, 'REPLAY'],
      ['refused', 403, 'BAD_SIGNATURE'],
    ]);
    const keys = await hubKeys();
    for (const [i, { id, envelope }] of [[0, first], [2, second]] as const) {
      expect(results[i]!.messageId).toBe(id);
      const { payload, protectedHeader } = await compactVerify(results[i]!.receipt!, keys);
      expect(protectedHeader.typ).toBe(JWS_TYP['hub-receipt']);
      const receipt = JSON.parse(new TextDecoder().decode(payload)) as { messageId: string; digest: string; auditLeafIndex: number };
      expect(receipt).toMatchObject({ messageId: id, digest: envelope.payload.digest });
      expect(await storedMessages(id)).toEqual([expect.objectContaining({ id, status: 'accepted', audit_index: String(receipt.auditLeafIndex) })]);
      expect(await queue.getJob(id)).toMatchObject({ name: 'deliver', data: { messageId: id } });
    }
    // The refusals are signed when the id was readable, and audited as a lone submission's are.
    const { payload } = await compactVerify(results[1]!.refusal!, keys);
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ kind: 'refusal', messageId: unbound.id, reason: 'NO_AGREEMENT' });
    expect(results[4]!.refusal).toBeUndefined();
    expect(await storedMessages(unbound.id)).toEqual([]);
    expect(await queue.getJob(unbound.id)).toBeUndefined();
    const refused = (await auditEntries('message.refused')).slice(refusedBefore);
    expect(refused.map((e) => e.reason).sort()).toEqual(['BAD_SIGNATURE', 'NO_AGREEMENT', 'REPLAY']);
    expect(refused.every((e) => (e.actor as { nodeId: string }).nodeId === fr.id)).toBe(true);
    expect((await auditEntries('message.accepted')).filter((e) => e.messageId === first.id)).toHaveLength(1);
  });

  it.each([
    ['an array', [], '', 'type'],
    ['an object without messages', {}, '/messages', 'required'],
    ['an object with another member', { messages: ['a.b.c'], also: 1 }, '', 'additionalProperties'],
    ['messages that is no array', { messages: 'a.b.c' }, '/messages', 'type'],
    ['no message', { messages: [] }, '/messages', 'minItems'],
    ['more messages than a batch takes', { messages: Array.from({ length: 33 }, () => 'a.b.c') }, '/messages', 'maxItems'],
    ['a message that is no string', { messages: ['a.b.c', 7] }, '/messages/1', 'type'],
    ['messages longer together than a batch takes', { messages: ['a'.repeat(50_000), 'b'.repeat(48_305)] }, '/messages', 'maxLength'],
  ])('refuses a batch body that is %s as a whole (400 SCHEMA): nothing stored, nothing audited', async (_, body, path, code) => {
    const before = await sql<{ count: string }>(database.url, 'SELECT count(*) FROM audit_entry');
    const res = await submitBatch(body);
    expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({ status: 400, code: 'SCHEMA' });
    expect((res.body as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ path, code })]);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(await sql(database.url, 'SELECT count(*) FROM audit_entry')).toEqual(before);
  });

  it('takes a batch of the largest length it allows, and refuses a batch without a node assertion (401)', async () => {
    const { id, jws } = await requestOf();
    const filler = 'x'.repeat(LIMITS.batchLength - jws.length);
    const res = await submitBatch({ messages: [jws, filler] });
    expect(res.status).toBe(200);
    expect((res.body as { results: { outcome: string; code?: string }[] }).results.map((r) => r.code ?? r.outcome)).toEqual(['accepted', 'BAD_SIGNATURE']);
    expect(await storedMessages(id)).toHaveLength(1);
    const other = await requestOf();
    const anonymous = await request(app.getHttpServer()).post('/v1/messages/batch').send({ messages: [other.jws] });
    expect(anonymous.status).toBe(401);
    expect(await storedMessages(other.id)).toEqual([]);
  });

  it('refuses a message created too long ago (CLOCK_SKEW)', async () => {
    const createdAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const { id, jws } = await requestOf({ envelope: { createdAt } });
    await expectRefused(jws, 422, 'CLOCK_SKEW', id);
  });

  it('refuses a message created in the future beyond the skew (CLOCK_SKEW)', async () => {
    const createdAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const { id, jws } = await requestOf({ envelope: { createdAt, dueAt: new Date(Date.now() + 86_400_000).toISOString() } });
    await expectRefused(jws, 422, 'CLOCK_SKEW', id);
  });

  it('accepts a message signed hours ago, as a node resends it after a hub outage', async () => {
    const createdAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const { id, jws } = await requestOf({ envelope: { createdAt } });
    expect((await submit(jws)).status).toBe(202);
    expect(await storedMessages(id)).toHaveLength(1);
  });

  it('refuses an envelope whose payload digest is not that of the JWE (SCHEMA)', async () => {
    const { id, jws } = await requestOf({ envelope: { payload: { jwe: (await encryptedPayload(de, { x: 1 })).jwe, digest: `sha256:${'0'.repeat(64)}` } } });
    const body = await expectRefused(jws, 400, 'SCHEMA', id);
    expect(body.issues).toEqual([expect.objectContaining({ path: '/payload/digest', code: 'mismatch' })]);
  });

  it('refuses an envelope that fails the schema, with its issues (SCHEMA)', async () => {
    const { id, jws } = await requestOf({ envelope: { priority: 'whenever' as RequestEnvelope['priority'] } });
    const body = await expectRefused(jws, 400, 'SCHEMA', id);
    expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/priority', code: 'enum' })]));
  });

  it('refuses an envelope naming a member twice (SCHEMA, I-JSON)', async () => {
    const { id, envelope } = await requestOf();
    const json = JSON.stringify(envelope).replace('"area":"medicines"', '"area":"medicines","area":"gambling"');
    const jws = await signJws(ascii(json), fr.sig.privateJwk, { alg: 'EdDSA', kid: fr.sig.kid, typ: JWS_TYP.request });
    await expectRefused(jws, 400, 'SCHEMA', id);
  });

  it('refuses a body larger than 1 MiB (413) without a stack trace', async () => {
    const res = await submit('a'.repeat(1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(res.body).not.toMatch(/\.ts:\d+|node_modules/);
  });

  it('never stores the encrypted personal data in clear: a canary is in no database column nor Redis key or value', async () => {
    const canary = `CANARY-${randomBytes(12).toString('hex')}`;
    const { id, jws, envelope } = await requestOf({ nationalReference: canary });
    await expectAccepted(jws, id, envelope.payload.digest);

    const tables = await sql<{ table_name: string }>(database.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['message', 'audit_entry']));
    let dumped = '';
    for (const { table_name } of tables) {
      const rows = await sql<{ row: string }>(database.url, `SELECT t::text AS row FROM "${table_name}" t`);
      for (const { row } of rows) {
        expect(row).not.toContain(canary);
        dumped += row;
      }
    }

    // The dump did read the message: its id and its JWS (payload: the JWE) are there.
    expect(dumped).toContain(id);
    expect(dumped).toContain(jws);

    const redis = new Redis(testEnv.redisUrl);
    try {
    const keys = await redis.keys(`${PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain(canary);
      const type = await redis.type(key);
      const value =
        type === 'string' ? await redis.get(key)
        : type === 'hash' ? await redis.hgetall(key)
        : type === 'list' ? await redis.lrange(key, 0, -1)
        : type === 'set' ? await redis.smembers(key)
        : type === 'zset' ? await redis.zrange(key, 0, -1)
        : type === 'stream' ? await redis.xrange(key, '-', '+')
        : null;
      expect(JSON.stringify(value)).not.toContain(canary);
    }
    } finally {
      redis.disconnect();
    }
  });

  it('logs neither the canary nor the bearer assertion, at LOG_LEVEL trace, of an accepted and of a refused (SCHEMA) submission', async () => {
    const canary = `CANARY-${randomBytes(12).toString('hex')}`;
    const from = hubLogs.length;
    const accepted = await requestOf({ nationalReference: canary });
    const acceptedAssertion = await assertionOf(fr);
    expect((await submit(accepted.jws, fr, acceptedAssertion)).status).toBe(202);
    const refused = await requestOf({ nationalReference: canary, envelope: { priority: 'whenever' as RequestEnvelope['priority'] } });
    const refusedAssertion = await assertionOf(fr);
    const res = await submit(refused.jws, fr, refusedAssertion);
    expect({ status: res.status, code: (JSON.parse(res.body as string) as { code: string }).code }).toEqual({ status: 400, code: 'SCHEMA' });

    const lines = hubLogs.slice(from);
    // Positive control: the request log of both POST /v1/messages was captured, with its status.
    const requestLogs = lines
      .map((line) => JSON.parse(line) as { app?: string; req?: { method: string; url: string }; res?: { statusCode: number } })
      .filter((entry) => entry.req?.method === 'POST' && entry.req.url === '/v1/messages');
    expect(requestLogs.map((entry) => entry.res?.statusCode).sort()).toEqual([202, 400]);
    expect(requestLogs.every((entry) => entry.app === 'hub')).toBe(true);

    const text = lines.join('');
    expect(text).not.toContain(canary);
    for (const assertion of [acceptedAssertion, refusedAssertion]) {
      expect(text).not.toContain(assertion);
      expect(text).not.toContain(assertion.split('.')[2]!);
    }
    // Bodies are never logged: neither JWS nor its encrypted payload is.
    for (const { jws } of [accepted, refused]) expect(text).not.toContain(jws.split('.')[1]!.slice(0, 64));
  });
});
