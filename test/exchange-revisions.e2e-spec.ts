import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { v7 } from 'uuid';
import { HUB_ASSERTION_TYP, signJws } from '@cicu/crypto';
import { JWS_TYP } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { markAnswered } from '../apps/node/src/cases/case-updates';
import { CaseError } from '../apps/node/src/cases/cases.errors';
import { DEADLINE_QUEUE } from '../apps/node/src/cases/deadlines/deadline.jobs';
import { DeadlinesService } from '../apps/node/src/cases/deadlines/deadlines.service';
import { OutboxService } from '../apps/node/src/cases/outbox/outbox.service';
import { OutboxSweep } from '../apps/node/src/cases/outbox/outbox-sweep';
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
      // The draft's due date: from the first draft's creation, with the new priority.
      expect(Date.parse(edited.dueAt)).toBeGreaterThan(Date.parse(drafted.dueAt));
      expect(edited.payload.dueAt).toBe(edited.dueAt);
      expect((await edit('fr.author', { summaryOfFacts: 'again' }).expect(409)).body.code).toBe('WRONG_STATUS');

      // null removes an optional field; an edit goes back to a supervisor only after another return.
      await x.http(FR).post(`/v1/requests/${id}/return`).set(x.as('fr.super')).send({ comment: 'H1 is enough' }).expect(200);
      const h1 = (await edit('fr.author', { handlingCode: 'H1', handlingNote: null }).expect(200)).body;
      expect(h1.payload).not.toHaveProperty('handlingNote');

      // Approved, the edited version is what DE decrypts, due a routine period from the approval.
      const approved = (await x.http(FR).post(`/v1/requests/${id}/approve`).set(x.as('fr.super')).send({}).expect(200)).body;
      expect(Date.parse(approved.dueAt)).toBeGreaterThanOrEqual(Date.parse(edited.dueAt));
      await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
      const incoming = (await x.http(DE).get(`/v1/incoming/${id}`).set(x.as('de.officer')).expect(200)).body;
      expect(incoming).toMatchObject({ priority: 'routine', dueAt: approved.dueAt, followsUp: null });
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
      // DE owes nothing now (the next move is FR's): no reminder, and never overdue, even long past its due date.
      const deadlines = x.apps[FR]!.get(DeadlinesService);
      const muchLater = new Date(Date.parse(before.dueAt) + 86_400_000);
      expect([await deadlines.check('reminder', earlier, muchLater), await deadlines.check('overdue', earlier, muchLater)]).toEqual([false, false]);
      expect(await sql(x.dbs[FR].url, 'SELECT kind FROM notification WHERE request_id = $1', [earlier])).toEqual([]);
      expect((await x.frRequest(earlier)).overdue).toBe(false);

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

  describe('deadlines and answers', () => {
    it('counts the partner\'s time from the approval: a draft approved after its provisional due date is sent, due a full period later', async () => {
      const drafted = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { priority: 'immediate' })).expect(201)).body;
      // Left awaiting approval for two days (a weekend): counted from the draft, it was due yesterday.
      await sql(x.dbs[FR].url, `UPDATE outgoing_request SET created_at = now() - interval '2 days', due_at = now() - interval '1 day' WHERE id = $1`, [drafted.id]);
      const before = Date.now();
      const approved = (await x.http(FR).post(`/v1/requests/${drafted.id}/approve`).set(x.as('fr.super')).send({}).expect(200)).body;
      const DAY = 86_400_000; // the seed's FR–DE agreement: immediate requests are due in 24 hours
      expect(Date.parse(approved.dueAt)).toBeGreaterThanOrEqual(before + DAY);
      expect(Date.parse(approved.dueAt)).toBeLessThanOrEqual(Date.now() + DAY);
      expect([approved.payload.dueAt, approved.overdue]).toEqual([approved.dueAt, false]);
      await waitFor('DE inbox', async () => ((await x.inDeInbox(drafted.id)) === 1 ? true : undefined));
      const incoming = (await x.http(DE).get(`/v1/incoming/${drafted.id}`).set(x.as('de.officer')).expect(200)).body;
      expect([incoming.dueAt, incoming.payload.dueAt]).toEqual([approved.dueAt, approved.dueAt]);
    });

    it('keeps the first answer of a closed request: a second, different one does not replace its outcome', async () => {
      const id = await x.draftAndApprove('EMAIL_ACCOUNT');
      await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
      await x.http(DE).post(`/v1/incoming/${id}/answer`).set(x.as('de.officer')).send({ outcome: { code: 'refused', reason: 'OUT_OF_SCOPE' } }).expect(200);
      await waitFor('FR refused', async () => ((await x.frRequest(id)).status === 'refused' ? true : undefined));
      const first = await x.frRequest(id);
      await markAnswered(x.apps[FR]!.get(DataSource).manager, id, v7(), 'more-information-needed', new Date());
      expect(await x.frRequest(id)).toEqual(first);
      // Answered late (flagged overdue before the answer came): its view says so, the start page no longer counts it.
      const overdueOnStartPage = async () => (await x.http(FR).get('/v1/dashboard').set(x.as('fr.author')).expect(200)).body.myRequests.overdue as number;
      const counted = await overdueOnStartPage();
      await sql(x.dbs[FR].url, 'UPDATE outgoing_request SET overdue = true WHERE id = $1', [id]);
      expect([(await x.frRequest(id)).overdue, await overdueOnStartPage()]).toEqual([true, counted]);
    });

    it('schedules again at start the deadline jobs Redis lost, and not those already recorded', async () => {
      const id = await x.draftAndApprove('PHONE_HOLDER');
      await waitFor('FR submitted', async () => (['submitted', 'delivered'].includes((await x.frRequest(id)).status) ? true : undefined));
      const queue = x.apps[FR]!.get<Queue>(getQueueToken(DEADLINE_QUEUE));
      await waitFor('deadline jobs', async () => ((await queue.getJob(`overdue-${id}`)) !== undefined ? true : undefined));
      // Lost (a Redis restart), and the reminder already recorded before that.
      await Promise.all([queue.remove(`reminder-${id}`), queue.remove(`overdue-${id}`)]);
      await sql(x.dbs[FR].url, `INSERT INTO notification (request_id, kind, created_at) VALUES ($1, 'reminder', now())`, [id]);
      await x.apps[FR]!.get(OutboxSweep).onApplicationBootstrap();
      expect([await queue.getJob(`reminder-${id}`), (await queue.getJob(`overdue-${id}`))?.delay]).toEqual([undefined, expect.any(Number)]);
      expect(await (await queue.getJob(`overdue-${id}`))!.isDelayed()).toBe(true);
    });
  });

  describe('without four eyes (FR restarted with FOUR_EYES=false)', () => {
    it('a draft is sealed and queued at once; a returned draft left from before is sealed when edited', async () => {
      // Returned while four eyes was on.
      const returned = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('OSINT_BACKGROUND')).expect(201)).body;
      await x.http(FR).post(`/v1/requests/${returned.id}/return`).set(x.as('fr.super')).send({ comment: 'tighten the facts' }).expect(200);
      const unsealable = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('OSINT_BACKGROUND')).expect(201)).body;
      await x.http(FR).post(`/v1/requests/${unsealable.id}/return`).set(x.as('fr.super')).send({ comment: 'tighten the facts' }).expect(200);

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
      // An edit that cannot be sealed (the partner's key gone from the directory) is refused and stores nothing.
      const untouched = await x.frRequest(unsealable.id);
      const outbox = x.apps[FR]!.get(OutboxService) as unknown as { sealed: () => Promise<never> };
      const sealed = outbox.sealed;
      outbox.sealed = () => Promise.reject(new CaseError('NO_ENCRYPTION_KEY', `the directory lists no current encryption key of ${DE}`));
      try {
        const refused = await x.http(FR).patch(`/v1/requests/${unsealable.id}`).set(x.as('fr.author')).send({ summaryOfFacts: 'Tightened facts.' });
        expect([refused.status, refused.body.code]).toEqual([409, 'NO_ENCRYPTION_KEY']);
      } finally {
        outbox.sealed = sealed;
      }
      expect(await x.frRequest(unsealable.id)).toEqual(untouched);

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
