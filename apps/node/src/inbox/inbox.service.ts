import { Inject, Injectable, Logger } from '@nestjs/common';
import { controlNumber, isCryptoError, parseJsonObject, verifyJws } from '@cicu/crypto';
import {
  type AnswerEnvelope,
  type Attachment,
  attachmentsOfPayload,
  checkAnswerConsistency,
  checkRequestConsistency,
  type DeliveryReceipt,
  type Envelope,
  JWS_TYP,
  LIMITS,
  messageKindForTyp,
  type RequestEnvelope,
  type SealedAttachment,
  checkSealedAttachmentCount,
  sealedAttachmentMaxLength,
  validateAnswerPayload,
  validateJwsPayload,
  validateRequestPayload,
  type ValidationIssue,
} from '@cicu/protocol';
import { Batcher, batchMessagesOf, CLOCK, type Clock, KeyringService, NOT_A_BATCH } from '@cicu/shared';
import { DataSource } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service';
import { findSentMessages, markAnswered, recordDeliveries, type SentDelivery, type SentMessage } from '../cases/case-updates';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { type DirectoryKey, NodeDirectoryService } from '../directory/node-directory.service';
import { HubClient } from '../hub-client/hub-client';
import { InboxError } from './inbox.errors';
import { InboxRepository } from './inbox.repository';

/** What the inbox did with a delivery. */
export type InboxResult =
  | { kind: 'message'; messageId: string; receipt: string; duplicate: boolean }
  | { kind: 'delivery-receipt'; messageId: string };

/** What the inbox did with one message of a batch: its result, or the refusal it would get alone. */
export type InboxBatchItem = InboxResult | { kind: 'refused'; error: InboxError };

const MAX_JWS_BYTES = 2 * 1024 * 1024;

/**
 * Receives what the hub delivers, pushed to POST /v1/inbox or pulled from the mailbox: the
 * same checks either way. A request or an answer is verified against the directory (author =
 * the envelope's `from`), addressed to this unit, digest-checked, decrypted, validated and
 * stored once per message id, then acknowledged with a delivery receipt signed by this
 * node. A delivery receipt is kept only when a current key of the recipient's node signed it
 * for a message this node sent, with that message's digest. Any refusal is an InboxError and
 * nothing is stored.
 */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);
  // The delivery receipts of one hub batch (the sender notifications) are read and recorded together.
  private readonly sentLookups = new Batcher<string, SentMessage | undefined>((ids) => findSentMessages(this.db.manager, ids), { maxBatch: LIMITS.batchMessages });
  private readonly deliveries = new Batcher<SentDelivery, void>(async (items) => {
    await recordDeliveries(this.db.manager, items);
    return items.map(() => undefined);
  }, { maxBatch: LIMITS.batchMessages });

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly directory: NodeDirectoryService,
    private readonly keyring: KeyringService,
    private readonly repository: InboxRepository,
    private readonly db: DataSource,
    private readonly hub: HubClient,
    private readonly attachments: AttachmentsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(compactJws: string, now: Date = this.clock.now()): Promise<InboxResult> {
    if (!this.directory.active) throw new InboxError('NOT_ENROLLED', 'this node has no HUB_URL: it receives nothing');
    if (this.directory.version === undefined) throw new InboxError('DIRECTORY_UNAVAILABLE', 'no verified directory yet: senders cannot be checked');
    const jws = compactJws.trim();
    const typ = peekTyp(jws);
    const kind = messageKindForTyp(typ);
    if (kind === 'request' || kind === 'answer') return this.receiveMessage(jws, kind, now);
    if (kind === 'delivery-receipt') return this.receiveReceipt(jws, now);
    throw new InboxError('BAD_SIGNATURE', 'the JWS typ names no message kind this inbox takes');
  }

  /**
   * POST /v1/inbox/batch: each message received exactly as by `receive` (the same checks,
   * deduplication and receipts), concurrently, at one `now`; one outcome per message, in order.
   * Only a body that is no batch is refused as a whole; an unexpected error fails the call (the
   * hub retries each message).
   */
  async receiveBatch(body: unknown, now: Date = this.clock.now()): Promise<InboxBatchItem[]> {
    const batch = batchMessagesOf(body, 'POST /v1/inbox');
    if (!batch.ok) throw new InboxError('SCHEMA', NOT_A_BATCH, { issues: batch.issues });
    return Promise.all(
      batch.messages.map((jws) =>
        this.receive(jws, now).catch((error: unknown): InboxBatchItem => {
          if (error instanceof InboxError) return { kind: 'refused', error };
          throw error;
        }),
      ),
    );
  }

  private async receiveMessage(jws: string, kind: 'request' | 'answer', now: Date): Promise<InboxResult> {
    const { key, value } = await this.verify(jws, JWS_TYP[kind], now);
    const envelope = valid(validateJwsPayload(JWS_TYP[kind], value)) as Envelope;
    if (key.unitId !== envelope.from) throw new InboxError('UNKNOWN_KEY', `the signing key is not a key of the node of ${envelope.from}`);
    if (envelope.to !== this.config.UNIT_ID) throw new InboxError('WRONG_RECIPIENT', `the message is addressed to ${envelope.to}, not to this node's unit`);
    const jwe = envelope.payload.jwe;
    if (controlNumber(new TextEncoder().encode(jwe)) !== envelope.payload.digest) {
      throw schema([{ path: '/payload/digest', code: 'mismatch', message: 'must be the SHA-256 digest of payload.jwe' }]);
    }

    // At-least-once delivery: a message already stored is acknowledged again with its stored
    // receipt (insertOnce below keeps the first row). Its signature and digest were checked above,
    // so it is the same message. Not looked up first: a statement on every delivery to spare the
    // rare duplicate a decryption; looked up on a refusal, so that a stored message that would no
    // longer open (its key retired since) is still acknowledged rather than refused.
    let opened: Opened;
    try {
      opened = await this.open(envelope, jwe);
    } catch (error) {
      const existing = error instanceof InboxError ? await this.repository.findMessage(envelope.id) : undefined;
      if (existing !== undefined) return this.again(existing, envelope.payload.digest);
      throw error;
    }
    const { content, requestType, inReplyTo } = opened;

    const receivedAt = new Date(now);
    const receiptPayload: DeliveryReceipt = {
      v: 1,
      kind: 'delivery-receipt',
      messageId: envelope.id,
      digest: envelope.payload.digest,
      receivedAt: receivedAt.toISOString(),
      by: this.config.UNIT_ID,
    };
    const receipt = await this.keyring.sign(receiptPayload, JWS_TYP['delivery-receipt']);
    const stored = await this.repository.insertOnce({
      messageId: envelope.id,
      kind: envelope.kind,
      fromUnit: envelope.from,
      requestType,
      inReplyTo,
      receivedAt,
      envelope: envelope as unknown as Record<string, unknown>,
      payload: content,
      jws,
      digest: envelope.payload.digest,
      receipt,
      status: 'new',
    });
    if (stored.receipt !== receipt) return this.again(stored, envelope.payload.digest);
    // An answer to one of our requests: the request's status follows its outcome (docs/adr-cases.md).
    if (envelope.kind === 'answer') await markAnswered(this.db.manager, inReplyTo as string, envelope.id, (envelope as AnswerEnvelope).outcome, receivedAt);
    this.logger.log({ messageId: envelope.id, kind: envelope.kind, from: envelope.from }, 'message received');
    return { kind: 'message', messageId: envelope.id, receipt, duplicate: false };
  }

  /** Decrypts and checks the payload of a verified envelope, and fetches and checks its attachments. */
  private async open(envelope: Envelope, jwe: string): Promise<Opened> {
    let plaintext: Uint8Array;
    try {
      ({ plaintext } = await this.keyring.decrypt(jwe));
    } catch (cause) {
      if (!isCryptoError(cause) && (cause as { code?: unknown }).code !== 'KEYRING_KEY_NOT_FOUND') throw cause;
      throw new InboxError('DECRYPTION_FAILED', 'the payload cannot be decrypted with this node\'s keys', { cause });
    }
    const content = parseJsonObject(plaintext);
    if (content === undefined) throw schema([{ path: '', code: 'type', message: 'the decrypted payload must be an I-JSON object' }]);
    let requestType: string | null = null;
    let inReplyTo: string | null = null;
    let files: Attachment[];
    if (envelope.kind === 'request') {
      const payload = valid(validateRequestPayload(content));
      const issues = checkRequestConsistency(envelope as RequestEnvelope, payload);
      if (issues.length > 0) throw schema(issues);
      requestType = (envelope as RequestEnvelope).requestType;
      files = attachmentsOfPayload(payload);
    } else {
      const payload = valid(validateAnswerPayload(content));
      const issues = checkAnswerConsistency(envelope as AnswerEnvelope, payload);
      if (issues.length > 0) throw schema(issues);
      inReplyTo = (envelope as AnswerEnvelope).inReplyTo;
      files = attachmentsOfPayload(payload);
    }
    const countIssues = checkSealedAttachmentCount(envelope.attachments, files);
    if (countIssues.length > 0) throw schema(countIssues);
    // Every file is here and checked before the receipt is signed: a receipt deletes the hub's copies.
    for (const [n, file] of files.entries()) await this.receiveAttachment(envelope.id, n, envelope.attachments![n]!, file);

    return { content, requestType, inReplyTo };
  }

  /**
   * Fetches sealed attachment `n` from the hub, checks it is the blob the signed envelope lists
   * (digest, length), decrypts it, checks it is the file the payload names (size, control
   * number) and keeps it. A file already held under that control number is those very bytes:
   * not fetched again (a retried delivery makes progress, file by file).
   */
  private async receiveAttachment(messageId: string, n: number, sealed: SealedAttachment, file: Attachment): Promise<void> {
    if (file.size > this.config.ATTACHMENT_MAX_BYTES || sealed.size > sealedAttachmentMaxLength(this.config.ATTACHMENT_MAX_BYTES)) {
      throw new InboxError('ATTACHMENT_TOO_LARGE', `attachment ${n} is larger than this node takes`);
    }
    if (await this.attachments.holds(file)) return;
    let jwe: string | undefined;
    try {
      jwe = await this.hub.attachment(messageId, n);
    } catch (cause) {
      throw new InboxError('ATTACHMENT_UNAVAILABLE', `attachment ${n} could not be fetched from the hub`, { cause });
    }
    if (jwe === undefined) throw new InboxError('ATTACHMENT_UNAVAILABLE', `the hub holds no attachment ${n} of this message`);
    if (jwe.length !== sealed.size || controlNumber(new TextEncoder().encode(jwe)) !== sealed.digest) {
      throw new InboxError('ATTACHMENT_MISMATCH', `attachment ${n} is not the blob the envelope lists`);
    }
    let plaintext: Uint8Array;
    try {
      ({ plaintext } = await this.keyring.decrypt(jwe, { maxBytes: sealedAttachmentMaxLength(this.config.ATTACHMENT_MAX_BYTES) }));
    } catch (cause) {
      if (!isCryptoError(cause) && (cause as { code?: unknown }).code !== 'KEYRING_KEY_NOT_FOUND') throw cause;
      throw new InboxError('DECRYPTION_FAILED', `attachment ${n} cannot be decrypted with this node's keys`, { cause });
    }
    if (plaintext.byteLength !== file.size || controlNumber(plaintext) !== file.controlNumber) {
      throw new InboxError('ATTACHMENT_MISMATCH', `attachment ${n} is not the file the payload names (size, control number)`);
    }
    await this.attachments.storeReceived(file.controlNumber, plaintext);
  }

  private async receiveReceipt(jws: string, now: Date): Promise<InboxResult> {
    const typ = JWS_TYP['delivery-receipt'];
    const { key, value } = await this.verify(jws, typ, now);
    const receipt = valid(validateJwsPayload(typ, value)) as DeliveryReceipt;
    if (key.unitId !== receipt.by) throw new InboxError('UNKNOWN_KEY', `the signing key is not a key of the node of ${receipt.by}`);
    // Proof of delivery only for what we sent, to whom we sent it, with the bytes we sent.
    const sent = await this.sentLookups.submit(receipt.messageId);
    if (sent === undefined) throw new InboxError('RECEIPT_MISMATCH', 'the receipt names no message this node sent');
    if (receipt.by !== sent.to) throw new InboxError('RECEIPT_MISMATCH', 'the receipt is not by the unit the message was sent to');
    if (receipt.digest !== sent.digest) throw new InboxError('RECEIPT_MISMATCH', "the receipt's digest is not the sent message's");
    await this.deliveries.submit({ sent, messageId: receipt.messageId, jws, receivedAt: now });
    this.logger.log({ messageId: receipt.messageId, by: receipt.by }, 'delivery receipt received');
    return { kind: 'delivery-receipt', messageId: receipt.messageId };
  }

  /** Verifies the JWS with a current signing key from the directory; returns that key and the I-JSON payload. */
  private async verify(jws: string, typ: string, now: Date): Promise<{ key: DirectoryKey; value: Record<string, unknown> }> {
    let key: DirectoryKey | undefined;
    let refused: InboxError | undefined;
    let payload: Uint8Array;
    try {
      ({ payload } = await verifyJws(
        jws,
        (kid) => {
          const found = this.directory.lookupKey(kid, 'sig', now);
          if ('refusal' in found) {
            refused = new InboxError(found.refusal, found.why);
            return undefined;
          }
          key = found.key;
          return found.key.jwk;
        },
        { typ, maxBytes: MAX_JWS_BYTES },
      ));
    } catch (cause) {
      if (!isCryptoError(cause)) throw cause;
      // REVOKED_KEY or UNKNOWN_KEY, as the directory copy says (revocations reach it at each refresh).
      if (cause.code === 'JWS_KID_UNKNOWN') throw refused ?? new InboxError('UNKNOWN_KEY', 'the signing key is not a current key in the directory', { cause });
      throw new InboxError('BAD_SIGNATURE', `the JWS does not verify (${cause.code})`, { cause });
    }
    const value = parseJsonObject(payload);
    if (value === undefined) throw schema([{ path: '', code: 'type', message: 'the JWS payload must be an I-JSON object' }]);
    return { key: key as DirectoryKey, value };
  }

  private again(stored: { messageId: string; digest: string; receipt: string }, digest: string): InboxResult {
    if (stored.digest !== digest) throw new InboxError('DUPLICATE_ID', 'another message with this id was already received');
    return { kind: 'message', messageId: stored.messageId, receipt: stored.receipt, duplicate: true };
  }
}

/** A payload decrypted and checked, with what the inbox row keeps of its envelope. */
interface Opened {
  content: Record<string, unknown>;
  requestType: string | null;
  inReplyTo: string | null;
}

function schema(issues: ValidationIssue[]): InboxError {
  return new InboxError('SCHEMA', 'the message does not validate', { issues });
}

function valid<T>(result: { ok: true; value: T } | { ok: false; errors: ValidationIssue[] }): T {
  if (!result.ok) throw schema(result.errors);
  return result.value;
}

/**
 * The `typ` of a compact JWS's protected header, before verification: it only chooses which
 * checks run (verifyJws enforces it), so anything malformed yields undefined.
 */
function peekTyp(compact: string): unknown {
  const [header] = compact.split('.', 1);
  if (header === undefined || header.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(header)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as { typ?: unknown }).typ : undefined;
  } catch {
    return undefined;
  }
}
