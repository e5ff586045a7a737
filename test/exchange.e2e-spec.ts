import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { bullConnection } from '@cicu/shared';
import { REQUEST_TYPES } from '@cicu/protocol';
import { HubSubmissions } from '../apps/node/src/cases/outbox/hub-submissions';
import { SUBMIT_QUEUE } from '../apps/node/src/cases/outbox/submit.jobs';
import { DeliveryStatusService } from '../apps/hub/src/delivery-status/delivery-status.service';
import { SubmissionService } from '../apps/hub/src/messages/submission/submission.service';
import { DEADLINE_QUEUE } from '../apps/node/src/cases/deadlines/deadline.jobs';
import { DeadlinesService } from '../apps/node/src/cases/deadlines/deadlines.service';
import { NodeDirectoryService } from '../apps/node/src/directory/node-directory.service';
import { InboxService } from '../apps/node/src/inbox/inbox.service';
import { MailboxService } from '../apps/node/src/inbox/mailbox/mailbox.service';
import { exampleFinding, exampleRequestPayload } from '../libs/protocol/src/testing/examples';
import { AGREEMENT, DE, Exchange, FR, NAPLES, waitFor } from './support/exchange';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

jest.setTimeout(60_000);

describe('cases: FR files a request, DE answers, through a real hub', () => {
  let x: Exchange;
  const answeredIds: string[] = [];

  beforeAll(async () => {
    x = await Exchange.start({ label: 'exchange' });
  }, 120_000);

  afterAll(async () => {
    await x?.close();
  });

  it('lists the partner units and what the agreements in force cover', async () => {
    const res = await x.http(FR).get('/v1/partners').set(x.as('fr.author')).expect(200);
    expect(res.body).toEqual([
      { unitId: DE, agreements: [expect.objectContaining({ id: AGREEMENT, requestTypes: [...REQUEST_TYPES], legalBases: expect.arrayContaining([NAPLES]) })] },
    ]);
  });

  it.each(REQUEST_TYPES.map((t) => [t]))('%s: FR drafts, a supervisor approves, DE reads and answers, FR reads the answer', async (type) => {
    const id = await x.draftAndApprove(type);
    await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));

    const listed = await x.http(DE).get('/v1/incoming').set(x.as('de.officer')).expect(200);
    expect(listed.body.map((r: { id: string }) => r.id)).toContain(id);
    const incoming = await x.http(DE).get(`/v1/incoming/${id}`).set(x.as('de.officer')).expect(200);
    expect(incoming.body).toMatchObject({ id, fromUnit: FR, requestType: type, status: 'new' });
    expect(incoming.body.payload.subject).toEqual(exampleRequestPayload(type).subject);

    const finding = exampleFinding(type);
    const answered = await x.http(DE).post(`/v1/incoming/${id}/answer`).set(x.as('de.officer')).send({ outcome: { code: 'answered' }, findings: [finding] }).expect(200);
    expect(answered.body.status).toBe('answered');

    const done = await waitFor('FR answered', async () => {
      const body = await x.frRequest(id);
      return body.status === 'answered' ? body : undefined;
    });
    expect(done.answer.findings).toEqual([finding]);
    expect(done.hubReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(done.overdue).toBe(false);
    answeredIds.push(id);

    // The hub dropped both ciphertexts once each was acknowledged.
    await waitFor('hub acknowledgements', async () => {
      const [req, ans] = [await x.hubMessage(id), await x.hubMessage(done.answerMessageId)];
      return req?.status === 'acknowledged' && ans?.status === 'acknowledged' ? true : undefined;
    });
    expect((await x.hubMessage(id))!.jws).toBeNull();
    expect((await x.hubMessage(done.answerMessageId))!.jws).toBeNull();
    const sentAnswer = await waitFor('DE answer delivered', async () => {
      const [row] = await sql<{ status: string }>(x.dbs[DE].url, 'SELECT status FROM outgoing_answer WHERE in_reply_to = $1', [id]);
      return row?.status === 'delivered' ? row : undefined;
    });
    expect(sentAnswer.status).toBe('delivered');
  });

  it('four eyes: the author cannot approve; a supervisor can return it with a comment', async () => {
    const drafted = await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('EMAIL_ACCOUNT')).expect(201);
    const refused = await x.http(FR).post(`/v1/requests/${drafted.body.id}/approve`).set(x.as('fr.author')).send({}).expect(403);
    expect(refused.body.code).toBe('FOUR_EYES');
    const returned = await x.http(FR).post(`/v1/requests/${drafted.body.id}/return`).set(x.as('fr.super')).send({ comment: 'add the period' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'drafted', approvalComment: 'add the period' });
    const drafts = await x.http(FR).get('/v1/requests?status=drafted').set(x.as('fr.author')).expect(200);
    expect(drafts.body.map((r: { id: string }) => r.id)).toContain(drafted.body.id);
  });

  it('refuses at draft what no agreement covers (422) and what does not validate (400)', async () => {
    const area = await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('PHONE_HOLDER', { legalBasisId: 'OTHER-BASIS' })).expect(422);
    expect(area.body).toMatchObject({ code: 'NOT_COVERED', part: 'legalBasis' });
    const partner = await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('PHONE_HOLDER', { partnerUnit: 'AT-CICU' })).expect(422);
    expect(partner.body).toMatchObject({ code: 'NOT_COVERED', part: 'agreement' });
    const invalid = await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('PHONE_HOLDER', { subject: { number: 'not a number', lineKind: 'mobile', date: '2025-01-10' } })).expect(400);
    expect(invalid.body.code).toBe('VALIDATION');
    expect(invalid.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/subject/number' })]));
  });

  it('deadlines: the checks record one reminder and one overdue notification, never for an answered request', async () => {
    const id = await x.draftAndApprove('OSINT_BACKGROUND');
    await waitFor('submitted', async () => ((await x.frRequest(id)).submittedAt ? true : undefined));
    const deadlines = x.apps[FR]!.get(DeadlinesService);
    expect(await deadlines.check('reminder', id)).toBe(true);
    expect(await deadlines.check('reminder', id)).toBe(false);
    const later = new Date(Date.now() + 100 * 3_600_000);
    expect(await deadlines.check('overdue', id, later)).toBe(true);
    expect(await deadlines.check('overdue', id, later)).toBe(false);
    expect((await x.frRequest(id)).overdue).toBe(true);
    const notes = await sql(x.dbs[FR].url, 'SELECT kind FROM notification WHERE request_id = $1 ORDER BY kind', [id]);
    expect(notes).toEqual([{ kind: 'overdue' }, { kind: 'reminder' }]);
    // An answered request gets neither.
    expect(await deadlines.check('reminder', answeredIds[0]!)).toBe(false);
    expect(await deadlines.check('overdue', answeredIds[0]!, later)).toBe(false);
  });

  it('deadlines: a submitted request has its reminder and overdue jobs delayed to REMINDER_FRACTION of its time and to its due date; schedules made together go in one add', async () => {
    const queue = x.apps[FR]!.get<Queue>(getQueueToken(DEADLINE_QUEUE));
    const id = await x.draftAndApprove('EMAIL_ACCOUNT');
    const submitted = await waitFor('submitted', async () => {
      const body = await x.frRequest(id);
      return body.submittedAt ? body : undefined;
    });
    const [reminder, overdue] = await Promise.all([queue.getJob(`reminder-${id}`), queue.getJob(`overdue-${id}`)]);
    const submittedAt = Date.parse(submitted.submittedAt), dueAt = Date.parse(submitted.dueAt);
    // A job's delay counts from its own timestamp (a few ms after submittedAt).
    expect(reminder!.data).toEqual({ kind: 'reminder', requestId: id });
    expect(reminder!.timestamp + reminder!.delay).toBeGreaterThanOrEqual(submittedAt + Math.floor((dueAt - submittedAt) * 0.8) - 1);
    expect(reminder!.timestamp + reminder!.delay).toBeLessThanOrEqual(submittedAt + Math.floor((dueAt - submittedAt) * 0.8) + 1_000);
    expect(overdue!.data).toEqual({ kind: 'overdue', requestId: id });
    expect(Math.abs(overdue!.timestamp + overdue!.delay - dueAt)).toBeLessThanOrEqual(1_000);

    // Five schedules at once: the first is added alone, the four that wait behind it in one addBulk.
    const deadlines = x.apps[FR]!.get(DeadlinesService);
    const addBulk = jest.spyOn(queue, 'addBulk');
    const ids = Array.from({ length: 5 }, (_, i) => `00000000-0000-7000-8000-00000000000${i}`);
    const now = new Date();
    try {
      await Promise.all(ids.map((requestId, i) => deadlines.schedule(requestId, now, new Date(now.getTime() + (i + 1) * 3_600_000))));
      expect(addBulk.mock.calls.map(([jobs]) => jobs.length)).toEqual([8]);
      for (const [i, requestId] of ids.entries()) {
        const job = await queue.getJob(`overdue-${requestId}`);
        expect(Math.abs(job!.timestamp + job!.delay - (now.getTime() + (i + 1) * 3_600_000))).toBeLessThanOrEqual(1_000);
        expect(await queue.getJob(`reminder-${requestId}`)).toBeDefined();
      }
      // Scheduling again is a no-op (fixed job ids).
      await Promise.all(ids.map((requestId) => deadlines.schedule(requestId, now, new Date(now.getTime() + 3_600_000))));
      expect(Math.abs((await queue.getJob(`overdue-${ids[4]}`))!.delay - 5 * 3_600_000)).toBeLessThanOrEqual(1_000);
    } finally {
      addBulk.mockRestore();
      await Promise.all(ids.flatMap((requestId) => [queue.remove(`reminder-${requestId}`), queue.remove(`overdue-${requestId}`)]));
    }
  });

  it('hub down when FR submits: the submit job retries and delivers once the hub is back', async () => {
    await x.stopHub();
    const id = await x.draftAndApprove('PAYMENT_ACCOUNT');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await x.frRequest(id)).status).toMatch(/^(approved|submitting)$/);
    await x.startHub();
    await waitFor('DE inbox after hub restart', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined), 40_000);
    const delivered = await waitFor('FR delivered', async () => {
      const body = await x.frRequest(id);
      return body.status === 'delivered' ? body : undefined;
    });
    expect(delivered.hubReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(delivered.deliveryReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('submit jobs that run while a call is in flight go to the hub together, in one batch, each with its own receipt', async () => {
    const hubSubmissions = x.apps.hub!.get(SubmissionService);
    const original = hubSubmissions.submitBatch.bind(hubSubmissions);
    const batchSizes: number[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const spy = jest.spyOn(hubSubmissions, 'submitBatch').mockImplementation(async (node, body, now) => {
      batchSizes.push((body as { messages: string[] }).messages.length);
      // The first call waits until the other jobs are queued behind it at FR.
      if (batchSizes.length === 1) await firstHeld;
      return original(node, body, now);
    });
    try {
      const first = await x.draftAndApprove('ISP_SUBSCRIBER');
      await waitFor('the first batch call', async () => (batchSizes.length === 1 ? true : undefined));
      const rest: string[] = [];
      for (const type of ['EMAIL_ACCOUNT', 'PHONE_HOLDER', 'PAYMENT_ACCOUNT', 'PLATFORM_ACCOUNT'] as const) rest.push(await x.draftAndApprove(type));
      await waitFor('FR submitting them all', async () => {
        const rows = await sql<{ status: string }>(x.dbs[FR].url, `SELECT status FROM outgoing_request WHERE id = ANY($1)`, [rest]);
        return rows.every((r) => r.status === 'submitting') ? true : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      releaseFirst();
      for (const id of [first, ...rest]) {
        const delivered = await waitFor(`FR delivered ${id}`, async () => {
          const body = await x.frRequest(id);
          return body.status === 'delivered' ? body : undefined;
        });
        const receipt = JSON.parse(Buffer.from((delivered.hubReceipt as string).split('.')[1]!, 'base64url').toString('utf8')) as { messageId: string };
        expect(receipt.messageId).toBe(id);
      }
      expect(batchSizes).toEqual([1, 4]);
    } finally {
      releaseFirst();
      spy.mockRestore();
    }
  });

  it('deliveries the hub makes while a push to DE is in flight go to DE together, in one batch; FR gets each delivery receipt', async () => {
    const deInbox = x.apps[DE]!.get(InboxService);
    const receive = deInbox.receive.bind(deInbox);
    const batchSizes: number[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let calls = 0;
    // The first push alone waits at DE until the hub holds the others behind it.
    const receiveSpy = jest.spyOn(deInbox, 'receive').mockImplementation(async (jws, now) => {
      if (++calls === 1) await firstHeld;
      return receive(jws, now);
    });
    const receiveBatch = deInbox.receiveBatch.bind(deInbox);
    const batchSpy = jest.spyOn(deInbox, 'receiveBatch').mockImplementation(async (body, now) => {
      batchSizes.push((body as { messages: string[] }).messages.length);
      return receiveBatch(body, now);
    });
    try {
      const first = await x.draftAndApprove('ISP_SUBSCRIBER');
      await waitFor('the first push', async () => (calls === 1 ? true : undefined));
      const rest: string[] = [];
      for (const type of ['EMAIL_ACCOUNT', 'PHONE_HOLDER', 'PAYMENT_ACCOUNT', 'PLATFORM_ACCOUNT'] as const) rest.push(await x.draftAndApprove(type));
      await waitFor('the hub pushing them all', async () => {
        const rows = await sql<{ delivery_attempts: number }>(x.dbs.hub.url, 'SELECT delivery_attempts FROM message WHERE id = ANY($1)', [rest]);
        return rows.length === rest.length && rows.every((r) => r.delivery_attempts === 1) ? true : undefined;
      });
      releaseFirst();
      for (const id of [first, ...rest]) {
        const delivered = await waitFor(`FR delivered ${id}`, async () => {
          const body = await x.frRequest(id);
          return body.status === 'delivered' ? body : undefined;
        });
        const receipt = JSON.parse(Buffer.from((delivered.deliveryReceipt as string).split('.')[1]!, 'base64url').toString('utf8')) as { messageId: string; by: string };
        expect(receipt).toMatchObject({ messageId: id, by: DE });
        expect(await x.inDeInbox(id)).toBe(1);
      }
      expect(batchSizes).toEqual([4]);
      const attempts = await sql<{ delivery_attempts: number }>(x.dbs.hub.url, 'SELECT delivery_attempts FROM message WHERE id = ANY($1)', [[first, ...rest]]);
      expect(attempts.map((r) => r.delivery_attempts)).toEqual([1, 1, 1, 1, 1]);
    } finally {
      releaseFirst();
      receiveSpy.mockRestore();
      batchSpy.mockRestore();
    }
  });

  it('a message the hub refuses within a batch gets the refusal a lone submission would (code, HTTP status, signed refusal)', async () => {
    const id = await x.draftAndApprove('OSINT_BACKGROUND');
    await waitFor('FR submitted', async () => (['submitted', 'delivered'].includes((await x.frRequest(id)).status as string) ? true : undefined));
    const [{ jws }] = (await sql<{ jws: string }>(x.dbs[FR].url, 'SELECT jws FROM outgoing_request WHERE id = $1', [id])) as [{ jws: string }];
    const submissions = x.apps[FR]!.get(HubSubmissions);
    const [again, garbage] = await Promise.all([submissions.submit(jws), submissions.submit('not.a.jws')]);
    expect(again).toMatchObject({ status: 'refused', httpStatus: 409, code: 'REPLAY', refusal: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(garbage).toMatchObject({ status: 'refused', httpStatus: 403, code: 'BAD_SIGNATURE', refusal: undefined });
    await x.stopHub();
    try {
      await expect(submissions.submit(jws)).rejects.toMatchObject({ name: 'HubClientError' });
    } finally {
      await x.startHub();
    }
  });

  it('a submit job lost with Redis (or spent) is queued again when the node restarts, and the message goes out', async () => {
    await x.stopHub();
    const id = await x.draftAndApprove('EMAIL_ACCOUNT');
    // Redis keeps nothing on disk: after a Redis restart the node's submit queue is empty.
    const { prefix } = x.apps[FR]!.get<Queue>(getQueueToken(SUBMIT_QUEUE)).opts;
    await x.stopNode(FR);
    const queue = new Queue(SUBMIT_QUEUE, { connection: bullConnection(testEnv.redisUrl), prefix });
    try {
      expect(await queue.getJob(id)).toBeDefined();
      await queue.obliterate({ force: true });
      expect(await queue.getJob(id)).toBeUndefined();
    } finally {
      await queue.close();
    }
    await x.startHub();
    await x.startNode(FR);
    await waitFor('DE inbox after the FR restart', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined), 40_000);
    await waitFor('FR delivered', async () => ((await x.frRequest(id)).status === 'delivered' ? true : undefined));
  });

  it('recipient offline: the hub gives up pushing, DE catches up from its mailbox, stores once, FR sees it delivered', async () => {
    await x.stopNode(DE);
    const id = await x.draftAndApprove('PLATFORM_ACCOUNT');
    await waitFor('hub gives up pushing', async () => ((await x.hubMessage(id))?.status === 'undeliverable' ? true : undefined));
    expect((await x.frRequest(id)).status).toBe('submitted');

    const de = await x.startNode(DE);
    await x.login(DE, 'de.officer');
    await de.get(MailboxService).pull();
    await de.get(MailboxService).pull();
    expect(await x.inDeInbox(id)).toBe(1);
    await waitFor('FR delivered', async () => ((await x.frRequest(id)).status === 'delivered' ? true : undefined));
    await waitFor('hub acknowledged', async () => ((await x.hubMessage(id))?.status === 'acknowledged' ? true : undefined));
    expect((await x.hubMessage(id))!.jws).toBeNull();
  });

  it('shows coordinators the directory version each node reports holding, on the calls it signs', async () => {
    // FR and DE have called the hub above (submissions, answers, receipts), each with its held version.
    const status = await x.apps.hub!.get(DeliveryStatusService).status();
    for (const unit of [FR, DE] as const) {
      const held = x.apps[unit]!.get(NodeDirectoryService).version;
      expect(held).toBeGreaterThan(0);
      expect(status.nodes.find((n) => n.nodeId === x.nodeIds[unit])).toMatchObject({ unitId: unit, lastSeenAt: expect.any(String), directoryVersion: held });
    }
    expect(status.directoryVersion).toBeGreaterThanOrEqual(x.apps[FR]!.get(NodeDirectoryService).version!);
  });
});
