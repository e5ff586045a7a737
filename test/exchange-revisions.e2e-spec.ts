import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplication } from '@nestjs/common';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { v7 } from 'uuid';
import { HUB_ASSERTION_TYP, signJws } from '@cicu/crypto';
import { JWS_TYP } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { SubmitProcessor } from '../apps/node/src/cases/outbox/submit.processor';
import { NodeDirectoryService } from '../apps/node/src/directory/node-directory.service';
import { DE, Exchange, FR, waitFor } from './support/exchange';
import { nodeKeys } from './support/factories';
import { sql } from './support/sql';

jest.setTimeout(60_000);

const ascii = (text: string) => new TextEncoder().encode(text);

describe('the sender checks delivery receipts; returned drafts are edited; answers asking for more are followed up', () => {
  let x: Exchange;

  beforeAll(async () => {
    // Info-level node logs are captured: edits must be audited there without personal data.
    x = await Exchange.start({ label: 'revisions', logLevel: 'info', captureLogs: true, nodes: { [FR]: { SUBMIT_CONCURRENCY: '3' } } });
  }, 120_000);

  afterAll(async () => {
    await x?.close();
  });

  describe('delivery receipts at the sender (FR)', () => {
    /** What the hub does when it forwards a receipt: POST it to FR's inbox with a hub assertion. */
    async function forward(receiptJws: string) {
      const assertion = await x.apps.hub!.get(KeyringService).createAssertion({ iss: x.audience, aud: x.nodeIds[FR], typ: HUB_ASSERTION_TYP, ttlSeconds: 30 });
      return request(x.apps[FR]!.getHttpServer()).post('/v1/inbox').set('Content-Type', 'application/jose').set('Authorization', `Bearer ${assertion}`).send(receiptJws);
    }
    const signedBy = (app: INestApplication, receipt: Record<string, unknown>) => app.get(KeyringService).sign(receipt, JWS_TYP['delivery-receipt']);
    const storedReceipts = (id: string) => sql(x.dbs[FR].url, 'SELECT jws FROM sent_receipt WHERE message_id = $1', [id]);

    it('refuses forged receipts (wrong digest, wrong signer, another message, another unit), keeps the status, then takes the real one', async () => {
      // Deliveries wait while the hub's delivery queue is paused: FR's request stays submitted.
      // The queue, not its worker: a worker already waiting for a job would still take the next one.
      const deliveries = x.apps.hub!.get<Queue>(getQueueToken(DELIVERY_QUEUE));
      await deliveries.pause();
      let id: string;
      try {
        // SUBMIT_CONCURRENCY reaches the submit worker (the default, 64, runs in test/exchange.e2e-spec.ts).
        expect(x.apps[FR]!.get(SubmitProcessor).worker.concurrency).toBe(3);
        id = await x.draftAndApprove('ISP_SUBSCRIBER');
        await waitFor('FR submitted', async () => ((await x.frRequest(id)).status === 'submitted' ? true : undefined));
        const [{ jws }] = (await sql<{ jws: string }>(x.dbs[FR].url, 'SELECT jws FROM outgoing_request WHERE id = $1', [id])) as [{ jws: string }];
        const digest = (JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as { payload: { digest: string } }).payload.digest;
        const genuine = { v: 1, kind: 'delivery-receipt', messageId: id, digest, receivedAt: new Date().toISOString(), by: DE };

        // A third unit's node, enrolled in the directory FR holds.
        const at = await nodeKeys();
        await x.apps.hub!.get(DirectoryService).registerNode('AT-CICU', 'http://127.0.0.1:9/v1/inbox', at.jwks);
        await x.apps[FR]!.get(NodeDirectoryService).refresh();
        const signedByAt = (receipt: Record<string, unknown>) => signJws(ascii(JSON.stringify(receipt)), at.sig.privateJwk, { alg: 'EdDSA', kid: at.sig.kid, typ: JWS_TYP['delivery-receipt'] });
        const stranger = await nodeKeys();

        const deReceipt = await signedBy(x.apps[DE]!, genuine);
        const [h, p] = deReceipt.split('.');
        const forgeries: [string, string, number, string][] = [
          ['wrong digest', await signedBy(x.apps[DE]!, { ...genuine, digest: `sha256:${'0'.repeat(64)}` }), 422, 'RECEIPT_MISMATCH'],
          ['another message', await signedBy(x.apps[DE]!, { ...genuine, messageId: v7() }), 422, 'RECEIPT_MISMATCH'],
          ['signed by the sender itself for DE', await signedBy(x.apps[FR]!, genuine), 422, 'UNKNOWN_KEY'],
          ['signed by another unit\'s node for DE', await signedByAt(genuine), 422, 'UNKNOWN_KEY'],
          ['by another unit than the recipient', await signedByAt({ ...genuine, by: 'AT-CICU' }), 422, 'RECEIPT_MISMATCH'],
          ['signed by a key in no directory', await signJws(ascii(JSON.stringify(genuine)), stranger.sig.privateJwk, { alg: 'EdDSA', kid: stranger.sig.kid, typ: JWS_TYP['delivery-receipt'] }), 422, 'UNKNOWN_KEY'],
          ['a signature that does not verify', `${h}.${p}.${Buffer.alloc(64).toString('base64url')}`, 422, 'BAD_SIGNATURE'],
        ];
        for (const [what, forged, status, code] of forgeries) {
          const res = await forward(forged);
          expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
        }
        expect(await storedReceipts(id)).toEqual([]);
        expect(await x.frRequest(id)).toMatchObject({ status: 'submitted', deliveredAt: null, deliveryReceipt: null });
      } finally {
        await deliveries.resume();
      }

      // The hub delivers; DE's own receipt reaches FR: stored, request delivered.
      const delivered = await waitFor('FR delivered', async () => {
        const body = await x.frRequest(id);
        return body.status === 'delivered' ? body : undefined;
      });
      expect(delivered.deliveryReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(await storedReceipts(id)).toEqual([{ jws: delivered.deliveryReceipt }]);
    });
    it('takes the receipts of one hub batch together: each genuine one recorded, a forged one refused alone', async () => {
      const deliveries = x.apps.hub!.get<Queue>(getQueueToken(DELIVERY_QUEUE));
      await deliveries.pause();
      try {
        const ids = [await x.draftAndApprove('ISP_SUBSCRIBER'), await x.draftAndApprove('EMAIL_ACCOUNT'), await x.draftAndApprove('PLATFORM_ACCOUNT')];
        await waitFor('FR submitted', async () => ((await Promise.all(ids.map((id) => x.frRequest(id)))).every((r) => r.status === 'submitted') ? true : undefined));
        const rows = await sql<{ id: string; jws: string }>(x.dbs[FR].url, 'SELECT id, jws FROM outgoing_request WHERE id = ANY($1)', [ids]);
        const digestOf = (id: string) => (JSON.parse(Buffer.from(rows.find((r) => r.id === id)!.jws.split('.')[1]!, 'base64url').toString('utf8')) as { payload: { digest: string } }).payload.digest;
        const receiptOf = (id: string, digest = digestOf(id)) => signedBy(x.apps[DE]!, { v: 1, kind: 'delivery-receipt', messageId: id, digest, receivedAt: new Date().toISOString(), by: DE });
        const genuine = await Promise.all(ids.map((id) => receiptOf(id)));
        const forged = await receiptOf(ids[0]!, `sha256:${'0'.repeat(64)}`);

        const assertion = await x.apps.hub!.get(KeyringService).createAssertion({ iss: x.audience, aud: x.nodeIds[FR], typ: HUB_ASSERTION_TYP, ttlSeconds: 30 });
        const res = await request(x.apps[FR]!.getHttpServer())
          .post('/v1/inbox/batch')
          .set('Authorization', `Bearer ${assertion}`)
          .send({ messages: [forged, genuine[0], genuine[1], genuine[1], genuine[2]] })
          .expect(200);
        expect((res.body.results as { outcome: string; messageId?: string; code?: string }[]).map((r) => [r.outcome, r.messageId ?? r.code])).toEqual([
          ['refused', 'RECEIPT_MISMATCH'],
          ['recorded', ids[0]],
          ['recorded', ids[1]],
          ['recorded', ids[1]],
          ['recorded', ids[2]],
        ]);
        for (const [i, id] of ids.entries()) {
          expect(await storedReceipts(id)).toEqual([{ jws: genuine[i] }]);
          expect(await x.frRequest(id)).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String), deliveryReceipt: genuine[i] });
        }
      } finally {
        await deliveries.resume();
      }
    });
  });

  describe('a returned draft, edited by its author and resubmitted', () => {
    it('only the author edits it, only while returned, validated as at creation; refusals change nothing; the log names fields, not values', async () => {
      const canary = `CANARY-${randomBytes(8).toString('hex')}`;
      const drafted = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('EMAIL_ACCOUNT')).expect(201)).body;
      const id = drafted.id as string;
      const edit = (user: string, body: unknown) => x.http(FR).patch(`/v1/requests/${id}`).set(x.as(user)).send(body as object);

      // Not returned yet: awaiting approval is not editable.
      expect((await edit('fr.author', { summaryOfFacts: 'x' }).expect(409)).body.code).toBe('WRONG_STATUS');
      await x.http(FR).post(`/v1/requests/${id}/return`).set(x.as('fr.super')).send({ comment: 'name the provider' }).expect(200);
      const returned = await x.frRequest(id);
      expect(returned).toMatchObject({ status: 'drafted', approvalComment: 'name the provider' });

      const refusals: [string, string, unknown, number, Record<string, unknown>][] = [
        ['another officer', 'fr.other', { summaryOfFacts: canary }, 403, { code: 'NOT_AUTHOR' }],
        ['a field that does not validate', 'fr.author', { summaryOfFacts: canary, subject: { email: 'not an address' } }, 400, { code: 'VALIDATION' }],
        ['a field that cannot be changed', 'fr.author', { summaryOfFacts: canary, status: 'approved' }, 400, { code: 'VALIDATION', issues: [expect.objectContaining({ path: '/status' })] }],
        ['a legal basis no agreement covers', 'fr.author', { summaryOfFacts: canary, legalBasisId: 'OTHER-BASIS' }, 422, { code: 'NOT_COVERED', part: 'legalBasis' }],
        ['a required field removed', 'fr.author', { summaryOfFacts: null }, 400, { code: 'VALIDATION', issues: [expect.objectContaining({ path: '/summaryOfFacts' })] }],
      ];
      for (const [what, user, body, status, expected] of refusals) {
        const res = await edit(user, body);
        expect({ what, status: res.status, body: res.body }).toEqual({ what, status, body: expect.objectContaining(expected) });
        expect(JSON.stringify(res.body)).not.toContain(canary);
      }
      expect(await x.frRequest(id)).toEqual(returned);
      // A supervisor without the officer role has no edit route at all.
      expect((await edit('fr.super', { summaryOfFacts: canary })).status).toBe(403);

      const facts = `The provider is known. ${canary}`;
      const edited = (await edit('fr.author', { summaryOfFacts: facts, priority: 'routine', handlingCode: 'H3', handlingNote: 'no disclosure' }).expect(200)).body;
      expect(edited).toMatchObject({ id, status: 'awaiting_approval', priority: 'routine', handlingCode: 'H3', createdAt: drafted.createdAt, approvalComment: 'name the provider' });
      expect(edited.payload).toMatchObject({ summaryOfFacts: facts, priority: 'routine', handlingCode: 'H3', handlingNote: 'no disclosure', subject: drafted.payload.subject });
      // Due date from the first draft's creation and the new priority.
      expect(Date.parse(edited.dueAt)).toBeGreaterThan(Date.parse(drafted.dueAt));
      expect(edited.payload.dueAt).toBe(edited.dueAt);
      expect((await edit('fr.author', { summaryOfFacts: 'again' }).expect(409)).body.code).toBe('WRONG_STATUS');

      // null removes an optional field; an edit goes back to a supervisor only after another return.
      await x.http(FR).post(`/v1/requests/${id}/return`).set(x.as('fr.super')).send({ comment: 'H1 is enough' }).expect(200);
      const h1 = (await edit('fr.author', { handlingCode: 'H1', handlingNote: null }).expect(200)).body;
      expect(h1.payload).not.toHaveProperty('handlingNote');

      // Approved, the edited version is what DE decrypts.
      await x.http(FR).post(`/v1/requests/${id}/approve`).set(x.as('fr.super')).send({}).expect(200);
      await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
      const incoming = (await x.http(DE).get(`/v1/incoming/${id}`).set(x.as('de.officer')).expect(200)).body;
      expect(incoming).toMatchObject({ priority: 'routine', dueAt: edited.dueAt, followsUp: null });
      expect(incoming.payload).toMatchObject({ summaryOfFacts: facts, handlingCode: 'H1' });

      const lines = x.logs.map((line) => JSON.parse(line) as { msg?: string; requestId?: string; fields?: string[] });
      expect(lines.filter((l) => l.msg === 'returned draft edited and resubmitted' && l.requestId === id).map((l) => l.fields)).toEqual([
        ['summaryOfFacts', 'priority', 'handlingCode', 'handlingNote'],
        ['handlingCode', 'handlingNote'],
      ]);
      expect(x.logs.join('\n')).not.toContain(canary);
    });
  });

  describe('an answer asking for more information, followed up', () => {
    it('FR files a new request linked to the first; DE sees the link; the first keeps its status', async () => {
      const earlier = await x.draftAndApprove('PHONE_HOLDER');
      await waitFor('DE inbox', async () => ((await x.inDeInbox(earlier)) === 1 ? true : undefined));
      const followUp = (body: unknown, id = earlier) => x.http(FR).post(`/v1/requests/${id}/follow-up`).set(x.as('fr.other')).send(body as object);
      expect((await followUp({})).status).toBe(409);

      await x.http(DE).post(`/v1/incoming/${earlier}/answer`).set(x.as('de.officer')).send({ outcome: { code: 'more-information-needed', questions: ['Which SIM card?'] } }).expect(200);
      await waitFor('FR more_information_needed', async () => ((await x.frRequest(earlier)).status === 'more_information_needed' ? true : undefined));
      const before = await x.frRequest(earlier);
      expect(before.answer.outcome.questions).toEqual(['Which SIM card?']);

      expect((await followUp({ partnerUnit: 'AT-CICU' }).expect(400)).body).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: '/partnerUnit' })] });
      expect((await followUp({ area: 'nowhere' }).expect(400)).body.code).toBe('VALIDATION');
      expect((await followUp({}, v7()).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await x.http(FR).get('/v1/requests').set(x.as('fr.author')).expect(200)).body.filter((r: { followsUp: string | null }) => r.followsUp === earlier)).toEqual([]);

      const created = (await followUp({ enquiriesMade: 'The SIM card is the one seized on 10 January.' }).expect(201)).body;
      expect(created).toMatchObject({ status: 'awaiting_approval', followsUp: earlier, partnerUnit: DE, requestType: 'PHONE_HOLDER', caseReference: before.caseReference });
      expect(created.id).not.toBe(earlier);
      expect(created.payload.enquiriesMade).toBe(`Follow-up to request ${earlier}.\n\nThe SIM card is the one seized on 10 January.`);
      expect(created.payload.subject).toEqual(before.payload.subject);

      await x.http(FR).post(`/v1/requests/${created.id}/approve`).set(x.as('fr.super')).send({}).expect(200);
      await waitFor('DE inbox', async () => ((await x.inDeInbox(created.id)) === 1 ? true : undefined));
      const incoming = (await x.http(DE).get(`/v1/incoming/${created.id}`).set(x.as('de.officer')).expect(200)).body;
      expect(incoming.followsUp).toBe(earlier);
      expect((await x.http(DE).get(`/v1/incoming/${earlier}`).set(x.as('de.officer')).expect(200)).body.followsUp).toBeNull();
      expect((await x.frRequest(earlier)).status).toBe('more_information_needed');
    });
  });

  describe('without four eyes (FR restarted with FOUR_EYES=false)', () => {
    it('a draft is sealed and queued at once; a returned draft left from before is sealed when edited', async () => {
      // Returned while four eyes was on.
      const returned = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('OSINT_BACKGROUND')).expect(201)).body;
      await x.http(FR).post(`/v1/requests/${returned.id}/return`).set(x.as('fr.super')).send({ comment: 'tighten the facts' }).expect(200);

      await x.stopNode(FR);
      await x.startNode(FR, { FOUR_EYES: 'false' });
      await x.login(FR, 'fr.author');

      const created = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('PAYMENT_ACCOUNT')).expect(201)).body;
      expect(created).toMatchObject({ status: expect.stringMatching(/^(approved|submitting|submitted|delivered)$/), approvedBy: null, followsUp: null, deliveryReceipt: null, answer: null,
        proofs: { hubReceipt: { verified: false }, deliveryReceipt: { verified: false }, auditLog: { status: 'none' } } });
      // The 201 is built from the INSERT's row: the same view as GET /v1/requests/{id}.
      const read = await x.frRequest(created.id);
      expect(Object.keys(created).sort()).toEqual(Object.keys(read).sort());
      expect({ ...created, status: read.status, updatedAt: read.updatedAt, submittedAt: read.submittedAt, deliveredAt: read.deliveredAt, hubReceipt: read.hubReceipt, deliveryReceipt: read.deliveryReceipt, proofs: read.proofs }).toEqual(read);
      const edited = (await x.http(FR).patch(`/v1/requests/${returned.id}`).set(x.as('fr.author')).send({ summaryOfFacts: 'Tightened facts.' }).expect(200)).body;
      expect(edited.status).toMatch(/^(approved|submitting|submitted|delivered)$/);

      for (const id of [created.id as string, returned.id as string]) {
        await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
        await waitFor('FR delivered', async () => ((await x.frRequest(id)).status === 'delivered' ? true : undefined));
      }
      const incoming = (await x.http(DE).get(`/v1/incoming/${returned.id}`).set(x.as('de.officer')).expect(200)).body;
      expect(incoming.payload.summaryOfFacts).toBe('Tightened facts.');
      const [row] = await sql<{ jws: string | null; approved_by: string | null }>(x.dbs[FR].url, 'SELECT jws, approved_by FROM outgoing_request WHERE id = $1', [created.id]);
      expect(row).toEqual({ jws: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), approved_by: null });
    });
  });
});
