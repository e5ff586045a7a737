import { createHash, randomBytes } from 'node:crypto';
import { encryptJwe, controlNumber } from '@cicu/crypto';
import { type Attachment, JWS_TYP, type RequestEnvelope } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { v7 } from 'uuid';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { HUB_CONFIG, type HubConfig } from '../apps/hub/src/config/hub-config';
import { AttachmentsService } from '../apps/hub/src/messages/attachments/attachments.service';
import { DELIVERY_QUEUE } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { NodeDirectoryService } from '../apps/node/src/directory/node-directory.service';
import { HubClient } from '../apps/node/src/hub-client/hub-client';
import { InboxService } from '../apps/node/src/inbox/inbox.service';
import { exampleFinding } from '../libs/protocol/src/testing/examples';
import { AGREEMENT, DE, Exchange, FR, NAPLES, waitFor } from './support/exchange';
import { sql } from './support/sql';

jest.setTimeout(90_000);

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Small limits, so that "too large" costs kilobytes: 4 KiB of plaintext at both nodes and the hub. */
const MAX_BYTES = '4096';

describe('attachments travel sealed to the recipient, apart from the message, bound by their control numbers', () => {
  let x: Exchange;

  beforeAll(async () => {
    x = await Exchange.start({ label: 'attachments', hub: { ATTACHMENT_MAX_BYTES: MAX_BYTES }, nodes: { [FR]: { ATTACHMENT_MAX_BYTES: MAX_BYTES }, [DE]: { ATTACHMENT_MAX_BYTES: MAX_BYTES } } });
  }, 120_000);

  afterAll(async () => {
    await x?.close();
  });

  /** An officer's upload (POST /v1/attachments): the metadata to put in a draft or an answer. */
  async function upload(unit: typeof FR | typeof DE, officer: string, bytes: Buffer, fileName: string, mediaType: string): Promise<Attachment> {
    const res = await x.http(unit).post('/v1/attachments').set(x.as(officer)).attach('file', bytes, { filename: fileName, contentType: mediaType });
    expect(res.status).toBe(200);
    return res.body as Attachment;
  }

  async function download(unit: typeof FR | typeof DE, officer: string, path: string) {
    return x.http(unit).get(path).set(x.as(officer)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  }

  const hubBlobs = (id: string) => sql<{ n: number; digest: string }>(x.dbs.hub.url, 'SELECT n, digest FROM message_attachment WHERE message_id = $1 ORDER BY n', [id]);
  const envelopeOf = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as RequestEnvelope;

  /** Rows of any table of the hub's database whose text form holds `needle` in clear (as text or as the hex of a bytea). */
  async function hubRowsContaining(needle: string): Promise<string[]> {
    const tables = await sql<{ table_name: string }>(x.dbs.hub.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    const hex = Buffer.from(needle, 'utf8').toString('hex');
    const found: string[] = [];
    for (const { table_name } of tables) {
      const [row] = await sql<{ n: number }>(x.dbs.hub.url, `SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE $1 OR t::text LIKE $2`, [`%${needle}%`, `%${hex}%`]);
      if (row!.n > 0) found.push(table_name);
    }
    return found;
  }

  it('FR sends two files: the hub holds only ciphertext, DE downloads them byte for byte, the hub deletes them at the receipt; DE answers with a file FR downloads', async () => {
    const canary = `CANARY-${randomBytes(8).toString('hex')}`;
    const report = Buffer.from(`%PDF-1.4 test purchase report ${canary}\n`);
    const photo = randomBytes(3000);
    const files = [await upload(FR, 'fr.author', report, 'Rapport d’achat test.pdf', 'application/pdf'), await upload(FR, 'fr.author', photo, 'photo.png', 'image/png')];
    expect(files).toEqual([
      { fileName: 'Rapport d’achat test.pdf', mediaType: 'application/pdf', size: report.length, controlNumber: `sha256:${createHash('sha256').update(report).digest('hex')}` },
      { fileName: 'photo.png', mediaType: 'image/png', size: 3000, controlNumber: controlNumber(photo) },
    ]);

    const deliveries = x.apps.hub!.get<Queue>(getQueueToken(DELIVERY_QUEUE));
    // The queue, not its worker: a worker already waiting for a job would still take the next one.
    await deliveries.pause();
    let id: string;
    try {
      id = await x.draftAndApprove('ISP_SUBSCRIBER', { attachments: files });
      await waitFor('the hub accepted the request', async () => ((await x.hubMessage(id))?.status === 'accepted' ? true : undefined));
      // The envelope the hub accepted lists the two blobs it holds, in the payload's order.
      const blobs = await hubBlobs(id);
      const { attachments } = envelopeOf((await x.hubMessage(id))!.jws!);
      expect(blobs.map((b) => b.digest)).toEqual(attachments!.map((a) => a.digest));
      expect(blobs.map((b) => b.n)).toEqual([0, 1]);
      const [accepted] = await sql<{ canonical: string }>(x.dbs.hub.url, "SELECT canonical FROM audit_entry WHERE type = 'message.accepted' AND canonical LIKE $1", [`%${id}%`]);
      expect(JSON.parse(accepted!.canonical)).toMatchObject({ messageId: id, attachments: attachments!.map((a) => a.digest) });
      // The plain bytes are nowhere at the hub; FR's sealed copies are gone once the hub took them.
      expect(await hubRowsContaining(canary)).toEqual([]);
      expect(await sql(x.dbs[FR].url, 'SELECT n FROM sealed_attachment WHERE message_id = $1', [id])).toEqual([]);
      // Nobody but the recipient's node may fetch them: not even their sender.
      expect(await x.apps[FR]!.get(HubClient).attachment(id, 0)).toBeUndefined();
    } finally {
      await deliveries.resume();
    }

    await waitFor('DE inbox', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
    await waitFor('the hub acknowledged', async () => ((await x.hubMessage(id))?.status === 'acknowledged' ? true : undefined));
    expect(await hubBlobs(id)).toEqual([]);
    expect(await x.apps[DE]!.get(HubClient).attachment(id, 0)).toBeUndefined();

    const incoming = await x.http(DE).get(`/v1/incoming/${id}`).set(x.as('de.officer')).expect(200);
    expect(incoming.body.payload.attachments).toEqual(files);
    for (const [n, bytes] of [report, photo].entries()) {
      const res = await download(DE, 'de.officer', `/v1/incoming/${id}/attachments/${n}`);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers['cicu-control-number']).toBe(files[n]!.controlNumber);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename=/);
    }
    expect(res404(await download(DE, 'de.officer', `/v1/incoming/${id}/attachments/2`))).toBe('NOT_FOUND');
    expect(res404(await download(DE, 'de.officer', `/v1/incoming/${id}/attachments/x`))).toBe('NOT_FOUND');
    // The sender keeps its own files under its request.
    expect(Buffer.compare((await download(FR, 'fr.super', `/v1/requests/${id}/attachments/1`)).body as Buffer, photo)).toBe(0);

    // DE answers with a file of its own; FR downloads it from the answer.
    const extract = Buffer.from('subscriber contract extract\n');
    const answerFile = await upload(DE, 'de.officer', extract, 'contract.txt', 'text/plain');
    await x.http(DE).post(`/v1/incoming/${id}/answer`).set(x.as('de.officer')).send({ outcome: { code: 'answered' }, findings: [exampleFinding('ISP_SUBSCRIBER')], attachments: [answerFile] }).expect(200);
    await waitFor('FR answered', async () => ((await x.frRequest(id)).status === 'answered' ? true : undefined));
    expect((await x.frRequest(id)).answer.attachments).toEqual([answerFile]);
    const fromAnswer = await download(FR, 'fr.author', `/v1/requests/${id}/answer/attachments/0`);
    expect(fromAnswer.status).toBe(200);
    expect(Buffer.compare(fromAnswer.body as Buffer, extract)).toBe(0);
    expect(fromAnswer.headers['cicu-control-number']).toBe(answerFile.controlNumber);
  });

  it('refuses a draft naming a file not uploaded to the node, and an upload past the limit', async () => {
    const notHere = { fileName: 'x.pdf', mediaType: 'application/pdf', size: 19, controlNumber: `sha256:${'a'.repeat(64)}` };
    const res = await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { attachments: [notHere] }));
    expect({ status: res.status, code: res.body.code, path: res.body.issues?.[0]?.path }).toEqual({ status: 422, code: 'ATTACHMENT_NOT_UPLOADED', path: '/attachments/0' });
    // The right control number with another size is not that file either.
    const held = await upload(FR, 'fr.author', Buffer.from('held file\n'), 'held.txt', 'text/plain');
    const resized = await x.http(FR).post('/v1/requests').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { attachments: [{ ...held, size: held.size + 1 }] }));
    expect(resized.status).toBe(422);

    const tooLarge = await x.http(FR).post('/v1/attachments').set(x.as('fr.author')).attach('file', randomBytes(5000), { filename: 'big.bin', contentType: 'application/octet-stream' });
    expect({ status: tooLarge.status, code: tooLarge.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    const noFile = await x.http(FR).post('/v1/attachments').set(x.as('fr.author')).field('other', 'x');
    expect({ status: noFile.status, code: noFile.body.code }).toEqual({ status: 400, code: 'VALIDATION' });
    // Supervisors do not attach files (officer role only).
    expect((await x.http(FR).post('/v1/attachments').set(x.as('fr.super')).attach('file', Buffer.from('x'), 'a.txt')).status).toBe(403);
  });

  it('answers NOT_FOUND, not 500, to ids of 36 characters that are not UUIDs, on the request and incoming routes', async () => {
    for (const id of ['-'.repeat(36), 'a'.repeat(36), '0123456789abcdef0123456789abcdef0123']) {
      // Each made when it is sent: x.http() puts that node's login strategies in place.
      const calls: [string, () => PromiseLike<{ status: number; body: { code?: string } }>][] = [
        ['GET request', () => x.http(FR).get(`/v1/requests/${id}`).set(x.as('fr.author'))],
        ['GET request attachment', () => x.http(FR).get(`/v1/requests/${id}/attachments/0`).set(x.as('fr.author'))],
        ['GET answer attachment', () => x.http(FR).get(`/v1/requests/${id}/answer/attachments/0`).set(x.as('fr.author'))],
        ['approve', () => x.http(FR).post(`/v1/requests/${id}/approve`).set(x.as('fr.super')).send({})],
        ['GET incoming', () => x.http(DE).get(`/v1/incoming/${id}`).set(x.as('de.officer'))],
        ['GET incoming attachment', () => x.http(DE).get(`/v1/incoming/${id}/attachments/0`).set(x.as('de.officer'))],
        ['answer', () => x.http(DE).post(`/v1/incoming/${id}/answer`).set(x.as('de.officer')).send({ outcome: { code: 'answered' } })],
      ];
      for (const [route, call] of calls) {
        const res = await call();
        expect({ route, id, status: res.status, code: res.body.code }).toEqual({ route, id, status: 404, code: 'NOT_FOUND' });
      }
    }
  });

  describe('at the hub', () => {
    /** A request envelope signed by FR listing `attachments`, its payload sealed to DE (not meant to be read). */
    async function signedRequest(attachments: { digest: string; size: number }[]): Promise<{ id: string; jws: string }> {
      const key = x.apps[FR]!.get(NodeDirectoryService).encryptionKeyOfUnit(DE)!;
      const jwe = await encryptJwe(utf8('{}'), key, { kid: (key as { kid?: string }).kid });
      const id = v7();
      const now = Date.now();
      const envelope = {
        v: 1, id, kind: 'request', from: FR, to: DE, createdAt: new Date(now).toISOString(), requestType: 'ISP_SUBSCRIBER', legalBasisId: NAPLES, agreementId: AGREEMENT,
        area: 'medicines', priority: 'urgent', dueAt: new Date(now + 86_400_000).toISOString(), handlingCode: 'H1', payload: { jwe, digest: controlNumber(utf8(jwe)) }, attachments,
      };
      return { id, jws: await x.apps[FR]!.get(KeyringService).sign(utf8(JSON.stringify(envelope)), JWS_TYP.request) };
    }

    it('refuses ATTACHMENT_MISSING a message whose listed blobs were not uploaded (or with another digest), audits it and stores nothing', async () => {
      const blob = await encryptJwe(utf8('a file'), x.apps[FR]!.get(NodeDirectoryService).encryptionKeyOfUnit(DE)!);
      const listed = { digest: controlNumber(utf8(blob)), size: blob.length };
      const hub = x.apps[FR]!.get(HubClient);

      const never = await signedRequest([listed]);
      expect(await hub.submit(never.jws)).toMatchObject({ status: 'refused', httpStatus: 422, code: 'ATTACHMENT_MISSING' });

      const other = await signedRequest([listed]);
      const otherBlob = await encryptJwe(utf8('another file'), x.apps[FR]!.get(NodeDirectoryService).encryptionKeyOfUnit(DE)!);
      expect(await hub.putAttachment(other.id, 0, otherBlob)).toEqual({ status: 'stored' });
      expect(await hub.submit(other.jws)).toMatchObject({ status: 'refused', code: 'ATTACHMENT_MISSING' });

      for (const { id } of [never, other]) {
        expect(await x.hubMessage(id)).toBeUndefined();
        const refused = await sql<{ canonical: string }>(x.dbs.hub.url, "SELECT canonical FROM audit_entry WHERE type = 'message.refused' AND canonical LIKE $1", [`%${id}%`]);
        expect(refused.map((r) => JSON.parse(r.canonical).reason)).toEqual(['ATTACHMENT_MISSING']);
      }
      // The same upload twice is one blob; uploads for an accepted message are refused.
      expect(await hub.putAttachment(other.id, 0, blob)).toEqual({ status: 'stored' });
      expect(await hub.putAttachment(other.id, 0, blob)).toEqual({ status: 'stored' });
      expect(await hub.submit(other.jws)).toMatchObject({ status: 'accepted' });
      expect(await hub.putAttachment(other.id, 1, blob)).toEqual({ status: 'stored' }); // ATTACHMENT_SEALED: the node's retry treats it as done
      expect(await hubBlobs(other.id)).toEqual([{ n: 0, digest: listed.digest }]);
    });

    it('sweeps uploads whose message never came within the maximum message age, and only those', async () => {
      const blob = await encryptJwe(utf8('never sent'), x.apps[FR]!.get(NodeDirectoryService).encryptionKeyOfUnit(DE)!);
      const orphan = v7();
      expect(await x.apps[FR]!.get(HubClient).putAttachment(orphan, 0, blob)).toEqual({ status: 'stored' });
      const sweeper = x.apps.hub!.get(AttachmentsService);
      const [{ n: pending }] = (await sql<{ n: number }>(x.dbs.hub.url, 'SELECT count(*)::int AS n FROM message_attachment WHERE message_id NOT IN (SELECT id FROM message)')) as [{ n: number }];
      expect(await sweeper.sweep(new Date())).toBe(0);
      const ageMs = x.apps.hub!.get<HubConfig>(HUB_CONFIG).MAX_MESSAGE_AGE_SECONDS * 1000;
      const accepted = await sql<{ n: number }>(x.dbs.hub.url, 'SELECT count(*)::int AS n FROM message_attachment WHERE message_id IN (SELECT id FROM message)');
      expect(await sweeper.sweep(new Date(Date.now() + ageMs + 60_000))).toBe(pending);
      expect(await hubBlobs(orphan)).toEqual([]);
      // Blobs of accepted messages wait for their receipt, however old.
      expect(await sql<{ n: number }>(x.dbs.hub.url, 'SELECT count(*)::int AS n FROM message_attachment WHERE message_id IN (SELECT id FROM message)')).toEqual(accepted);
    });

    it('answers 413 past the JWE of ATTACHMENT_MAX_BYTES and refuses what is not a compact JWE', async () => {
      const hub = x.apps[FR]!.get(HubClient);
      expect(await hub.putAttachment(v7(), 0, 'a.b.c.d.' + 'e'.repeat(20_000))).toMatchObject({ status: 'refused', httpStatus: 413, code: 'ATTACHMENT_TOO_LARGE' });
      expect(await hub.putAttachment(v7(), 0, 'a.b.c')).toMatchObject({ status: 'refused', httpStatus: 415, code: 'ATTACHMENT_BODY_INVALID' });
      expect(await hub.putAttachment(v7(), 100, 'a.b.c.d.e')).toMatchObject({ status: 'refused', httpStatus: 400, code: 'ATTACHMENT_ADDRESS_INVALID' });
    });
  });

  it('DE refuses a blob changed at the hub (ATTACHMENT_MISMATCH) and acknowledges nothing', async () => {
    const deliveries = x.apps.hub!.get<Queue>(getQueueToken(DELIVERY_QUEUE));
    // The queue, not its worker: a worker already waiting for a job would still take the next one.
    await deliveries.pause();
    const file = await upload(FR, 'fr.author', Buffer.from(`evidence ${randomBytes(8).toString('hex')}\n`), 'evidence.txt', 'text/plain');
    const id = await x.draftAndApprove('ISP_SUBSCRIBER', { attachments: [file] });
    await waitFor('the hub accepted the request', async () => ((await x.hubMessage(id))?.status === 'accepted' ? true : undefined));
    // One character of the ciphertext segment changed: still a compact JWE, no longer the one the envelope lists.
    await sql(x.dbs.hub.url, `UPDATE message_attachment SET jwe = overlay(jwe PLACING (CASE WHEN get_byte(jwe, length(jwe) - 30) = 65 THEN 'B' ELSE 'A' END)::bytea FROM length(jwe) - 29 FOR 1) WHERE message_id = $1`, [id]);
    const { jws } = (await x.hubMessage(id))!;
    await expect(x.apps[DE]!.get(InboxService).receive(jws!)).rejects.toMatchObject({ code: 'ATTACHMENT_MISMATCH' });
    expect(await x.inDeInbox(id)).toBe(0);
    expect((await x.hubMessage(id))!.status).toBe('accepted');
    expect(await hubBlobs(id)).toHaveLength(1);
    expect((await x.frRequest(id)).status).toBe('submitted');
    // The pushes that follow are refused the same way; the message stays in DE's mailbox.
    await deliveries.resume();
    await waitFor('the hub gave up', async () => ((await x.hubMessage(id))?.status === 'undeliverable' ? true : undefined));
    expect(await x.inDeInbox(id)).toBe(0);
  });
});

function res404(res: { status: number; body: unknown }): string | number {
  if (res.status !== 404) return res.status;
  return (JSON.parse((res.body as Buffer).toString('utf8')) as { code: string }).code;
}
