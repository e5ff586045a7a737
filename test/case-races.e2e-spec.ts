import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { controlNumber } from '@cicu/crypto';
import { type Attachment, type RequestEnvelope } from '@cicu/protocol';
import { exampleFinding } from '../libs/protocol/src/testing/examples';
import { AnswersService } from '../apps/node/src/cases/answers/answers.service';
import { OutboxService } from '../apps/node/src/cases/outbox/outbox.service';
import { SUBMIT_QUEUE } from '../apps/node/src/cases/outbox/submit.jobs';
import { DE, Exchange, FR } from './support/exchange';
import { sql } from './support/sql';
import { holding as hold } from './support/holding';
import { waitFor } from './support/wait';

/**
 * Two officers acting on one request at the same moment: the first change stored wins, the
 * other is refused with WRONG_STATUS and changes nothing. Each race is made deterministic by
 * holding one action inside the node (while it seals, or after it read the row) until the other
 * has been made over HTTP.
 */
describe('officers acting on one request at once', () => {
  let x: Exchange;
  let outbox: OutboxService;
  const decide = (id: string, action: 'approve' | 'return', who: string) => x.http(FR).post(`/v1/requests/${id}/${action}`).set(x.as(who)).send({ comment: `${action} by ${who}` });
  const draft = async (caseReference: string) => (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { caseReference })).expect(201)).body.id as string;
  const stored = async (id: string) => (await sql<{ status: string; approved_by: string | null; approval_comment: string | null; jws: string | null }>(x.dbs[FR].url, 'SELECT status, approved_by, approval_comment, jws FROM outgoing_request WHERE id = $1', [id]))[0]!;
  const officerId = async (username: string) => (await sql<{ id: string }>(x.dbs[FR].url, 'SELECT id FROM officer WHERE username = $1', [username]))[0]!.id;
  const upload = async (unit: typeof FR | typeof DE, officer: string) =>
    (await x.http(unit).post('/v1/attachments').set(x.as(officer)).attach('file', randomBytes(2000), { filename: 'evidence.bin', contentType: 'application/octet-stream' }).expect(200)).body as Attachment;
  /** The digests of the sealed copies FR keeps of request `id`, in order, and those its stored envelope lists. */
  async function sealedCopies(id: string): Promise<{ kept: string[]; listed: string[] }> {
    const kept = await sql<{ jwe: string }>(x.dbs[FR].url, 'SELECT jwe FROM sealed_attachment WHERE message_id = $1 ORDER BY n', [id]);
    const { jws } = await stored(id);
    const envelope = JSON.parse(Buffer.from(jws!.split('.')[1]!, 'base64url').toString('utf8')) as RequestEnvelope;
    return { kept: kept.map((r) => controlNumber(new TextEncoder().encode(r.jwe))), listed: (envelope.attachments ?? []).map((a) => a.digest) };
  }
  /** Runs `race` with FR's submissions held in their queue, so that what it stored is still there to read. */
  async function submissionsPaused<T>(race: () => Promise<T>): Promise<T> {
    const submissions = x.apps[FR]!.get<Queue>(getQueueToken(SUBMIT_QUEUE));
    // The queue, not its worker: a worker already waiting for a job would still take the next one.
    await submissions.pause();
    try {
      return await race();
    } finally {
      await submissions.resume();
    }
  }

  /** Runs `during` while the next call of `service`'s private `method` is held after it ran, then lets that call go on. */
  const holding = <T>(method: 'sealed' | 'row', first: () => PromiseLike<T>, during: () => PromiseLike<unknown>, service: object = outbox): Promise<T> =>
    hold(service, method, 'return', first, during);

  beforeAll(async () => {
    x = await Exchange.start({ label: 'approval_races' });
    x.useStrategiesOf(FR);
    outbox = x.apps[FR]!.get(OutboxService);
  });

  afterAll(async () => {
    await x?.close();
  });

  it('refuses an approval sealed while another supervisor returned the request: it stays returned, and nothing reaches the hub', async () => {
    const id = await draft('RACE-RETURNED');
    const approval = await holding('sealed', () => decide(id, 'approve', 'fr.super'), () => decide(id, 'return', 'fr.author').expect(200));
    expect(approval.status).toBe(409);
    expect(approval.body).toEqual({ code: 'WRONG_STATUS', message: 'the request changed meanwhile: read it again' });
    expect(await stored(id)).toMatchObject({ status: 'drafted', approved_by: null, jws: null, approval_comment: 'return by fr.author' });
    // A submission queued anyway would reach the hub within a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await x.hubMessage(id)).toBeUndefined();
  });

  it('refuses an approval sealed while the request was returned, edited and put back for approval: the edited draft awaits a decision, unsealed', async () => {
    const id = await draft('RACE-EDITED');
    const approval = await holding('sealed', () => decide(id, 'approve', 'fr.super'), async () => {
      await decide(id, 'return', 'fr.author').expect(200);
      await x.http(FR).patch(`/v1/requests/${id}`).set(x.as('fr.author')).send({ summaryOfFacts: 'Edited while the first draft was being sealed.' }).expect(200);
    });
    // Back in awaiting_approval, as the sealing read it: only the draft version tells them apart.
    expect(approval.status).toBe(409);
    expect(approval.body).toEqual({ code: 'WRONG_STATUS', message: 'the request changed meanwhile: read it again' });
    expect(await stored(id)).toMatchObject({ status: 'awaiting_approval', approved_by: null, jws: null });
    const [{ draft_version, summary }] = await sql<{ draft_version: number; summary: string }>(
      x.dbs[FR].url,
      `SELECT draft_version, payload->>'summaryOfFacts' AS summary FROM outgoing_request WHERE id = $1`,
      [id],
    );
    expect({ draft_version, summary }).toEqual({ draft_version: 2, summary: 'Edited while the first draft was being sealed.' });
    // The edited draft is approved as usual, and that approval seals the edited content.
    await decide(id, 'approve', 'fr.super').expect(200);
    await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
    x.useStrategiesOf(DE);
    try {
      const received = (await x.http(DE).get(`/v1/incoming/${id}`).set(x.as('de.officer')).expect(200)).body;
      expect(received.payload.summaryOfFacts).toBe('Edited while the first draft was being sealed.');
    } finally {
      x.useStrategiesOf(FR);
    }
  });

  it('refuses the second of two approvals made at once: the first supervisor\'s stands, sealed once', async () => {
    const id = await draft('RACE-APPROVED');
    const late = await holding('sealed', () => decide(id, 'approve', 'fr.super'), async () => {
      // fr.author approves what fr.other drafted: a request of another author.
      await sql(x.dbs[FR].url, 'UPDATE outgoing_request SET created_by = $2 WHERE id = $1', [id, await officerId('fr.other')]);
      await decide(id, 'approve', 'fr.author').expect(200);
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('WRONG_STATUS');
    const row = await stored(id);
    expect(row).toMatchObject({ approved_by: await officerId('fr.author'), approval_comment: 'approve by fr.author' });
    expect(['approved', 'submitting', 'submitted', 'delivered']).toContain(row.status);
  });

  it('refuses the second of two approvals of a request with a file without touching the first one\'s sealed copy: the partner gets the file', async () => {
    const file = await upload(FR, 'fr.author');
    const id = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { caseReference: 'RACE-SEALED-FILE', attachments: [file] })).expect(201)).body.id as string;
    await sql(x.dbs[FR].url, 'UPDATE outgoing_request SET created_by = $2 WHERE id = $1', [id, await officerId('fr.other')]);
    await submissionsPaused(async () => {
      // fr.author's approval read the request awaiting approval, then seals it after fr.super's approval was stored.
      const late = await holding('row', () => decide(id, 'approve', 'fr.author'), () => decide(id, 'approve', 'fr.super').expect(200));
      expect(late.status).toBe(409);
      expect(late.body).toEqual({ code: 'WRONG_STATUS', message: 'the request changed meanwhile: read it again' });
      // Before, the refused approval's sealing had replaced the copy: the hub then refused the request ATTACHMENT_MISSING.
      const { kept, listed } = await sealedCopies(id);
      expect(listed).toHaveLength(1);
      expect(kept).toEqual(listed);
    });
    await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
    expect(await stored(id)).toMatchObject({ approved_by: await officerId('fr.super') });
    await waitFor('the sealed copy deleted once the hub took it', async () => ((await sql(x.dbs[FR].url, 'SELECT n FROM sealed_attachment WHERE message_id = $1', [id])).length === 0 ? true : undefined));
  });

  it('keeps only the sealed copies the approved envelope lists when an approval of two files is refused after the draft was edited down to one', async () => {
    const files = [await upload(FR, 'fr.author'), await upload(FR, 'fr.author')];
    const id = (await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { caseReference: 'RACE-SEALED-EDIT', attachments: files })).expect(201)).body.id as string;
    await submissionsPaused(async () => {
      const late = await holding('sealed', () => decide(id, 'approve', 'fr.super'), async () => {
        await decide(id, 'return', 'fr.author').expect(200);
        await x.http(FR).patch(`/v1/requests/${id}`).set(x.as('fr.author')).send({ attachments: [files[1]] }).expect(200);
        await decide(id, 'approve', 'fr.super').expect(200);
      });
      expect(late.status).toBe(409);
      // Before, the refused approval's copy of the removed file stayed as copy 1, and the submit job uploaded it too.
      const { kept, listed } = await sealedCopies(id);
      expect(listed).toHaveLength(1);
      expect(kept).toEqual(listed);
    });
    await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
  });

  it('refuses a return read before another supervisor approved the request: it stays approved', async () => {
    const id = await draft('RACE-LATE-RETURN');
    const late = await holding('row', () => decide(id, 'return', 'fr.author'), () => decide(id, 'approve', 'fr.super').expect(200));
    expect(late.status).toBe(409);
    expect(late.body).toEqual({ code: 'WRONG_STATUS', message: 'the request changed meanwhile: read it again' });
    const row = await stored(id);
    expect(row).toMatchObject({ approved_by: await officerId('fr.super'), approval_comment: 'approve by fr.super' });
    expect(row.jws).not.toBeNull();
  });

  it('refuses an assignment read before the request was answered with WRONG_STATUS, not as an unknown officer', async () => {
    const id = await x.draftAndApprove('ISP_SUBSCRIBER', { caseReference: 'RACE-ASSIGN' });
    await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
    x.useStrategiesOf(DE);
    try {
      const [{ id: officer }] = await sql<{ id: string }>(x.dbs[DE].url, 'SELECT id FROM officer WHERE username = $1', ['de.officer']);
      const answer = { outcome: { code: 'answered' }, findings: [exampleFinding('ISP_SUBSCRIBER')] };
      const assignment = await holding(
        'row',
        () => x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.super')).send({ officerId: officer }),
        () => x.http(DE).post(`/v1/incoming/${id}/answer`).set(x.as('de.officer')).send(answer).expect(200),
        x.apps[DE]!.get(AnswersService),
      );
      expect(assignment.status).toBe(409);
      expect(assignment.body).toEqual({ code: 'WRONG_STATUS', message: 'the request was already answered' });
      const [row] = await sql<{ assigned_to: string | null }>(x.dbs[DE].url, 'SELECT assigned_to FROM inbox_message WHERE message_id = $1', [id]);
      expect(row!.assigned_to).toBeNull();
    } finally {
      x.useStrategiesOf(FR);
    }
  });

  it('refuses the second of two answers made at once and keeps no sealed copy of its file', async () => {
    const id = await x.draftAndApprove('ISP_SUBSCRIBER', { caseReference: 'RACE-ANSWER-FILE' });
    await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
    x.useStrategiesOf(DE);
    try {
      const file = await upload(DE, 'de.officer');
      const answer = () => x.http(DE).post(`/v1/incoming/${id}/answer`).set(x.as('de.officer')).send({ outcome: { code: 'answered' }, findings: [exampleFinding('ISP_SUBSCRIBER')], attachments: [file] });
      // The held answer read the request unanswered, then seals its file after the other answer was stored.
      const late = await holding('row', answer, () => answer().expect(200), x.apps[DE]!.get(AnswersService));
      expect(late.status).toBe(409);
      expect(late.body).toEqual({ code: 'WRONG_STATUS', message: 'the request was already answered' });
      // Before, the refused answer's copy stayed under its unused answer id for good.
      const orphans = await sql(
        x.dbs[DE].url,
        'SELECT message_id FROM sealed_attachment s WHERE NOT EXISTS (SELECT 1 FROM outgoing_answer a WHERE a.id = s.message_id) AND NOT EXISTS (SELECT 1 FROM outgoing_request r WHERE r.id = s.message_id)',
      );
      expect(orphans).toEqual([]);
      await waitFor('FR answered', async () => ((await x.frRequest(id)).status === 'answered' ? true : undefined));
    } finally {
      x.useStrategiesOf(FR);
    }
  });
});
