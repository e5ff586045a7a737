import { Inject, Injectable, Logger } from '@nestjs/common';
import { controlNumber, isCryptoError, parseJsonObject, type PublicJwk, verifyJws } from '@cicu/crypto';
import {
  type AnswerEnvelope,
  type Envelope,
  type HubReceipt,
  isUuidV7,
  toEpochMs,
  JWS_TYP,
  LIMITS,
  MAX_ISSUES,
  type Refusal,
  type RequestEnvelope,
  validateJwsPayload,
} from '@cicu/protocol';
import { batchMessagesOf, CLOCK, type Clock, KeyringService, NOT_A_BATCH, unverifiedJwsSegment } from '@cicu/shared';
import { type MessageAcceptedEvent } from '../../audit/audit-event';
import { JOSE_BODY_LIMIT_BYTES } from '../../common/jose-body.middleware';
import { type AuthenticatedNode, authenticationLookupsOf } from '../../auth/authenticated-node';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { type AgreementView, type NodeKeyView } from '../../directory/directory.views';
import { type DirectoryIndex } from '../../directory/directory-index';
import { DirectoryService } from '../../directory/directory.service';
import { keyRefusalAt } from '../../directory/key-validity';
import { AttachmentsService } from '../attachments/attachments.service';
import { DeliveryProducer } from '../delivery/delivery.producer';
import { MessageEntity } from '../message.entity';
import { SubmissionError } from './submission.errors';
import { SubmissionRepository } from './submission.repository';
import { MessageWriter } from '../writer/message-writer';

/** Largest submission, in bytes: the body parser's limit for application/jose. */
const MAX_SUBMISSION_BYTES = JOSE_BODY_LIMIT_BYTES;

export interface AcceptedSubmission {
  messageId: string;
  /** The hub-signed receipt (compact JWS, typ cicu-hub-receipt+jws). */
  receipt: string;
}

/** One message's outcome in a batch: its receipt, or the refusal a lone submission would have thrown. */
export type BatchItemOutcome = ({ outcome: 'accepted' } & AcceptedSubmission) | { outcome: 'refused'; error: SubmissionError };

/** Under which agreement (and version) a message is routed. */
interface Route {
  agreementId: string | null;
  agreementVersion: number | null;
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Submission of a request or an answer by a node (docs/adr-routing.md). The checks run in the
 * order of docs/protocol.md §11 and stop at the first failure; every outcome is audited.
 * Accepted: the message row and its audit entry commit together, then the delivery job is
 * queued. Refused: only the refusal is audited, nothing is stored or queued.
 */
@Injectable()
export class SubmissionService {
  private readonly logger = new Logger(SubmissionService.name);

  constructor(
    private readonly directory: DirectoryService,
    private readonly repository: SubmissionRepository,
    private readonly writer: MessageWriter,
    private readonly keyring: KeyringService,
    private readonly delivery: DeliveryProducer,
    private readonly attachments: AttachmentsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async submit(node: AuthenticatedNode, body: unknown, now: Date = this.clock.now()): Promise<AcceptedSubmission> {
    // Anything but a text body (another Content-Type) is not a compact JWS: verifyJws refuses ''.
    const jws = typeof body === 'string' ? body : '';
    const jwsDigest = controlNumber(ascii(jws));
    const known: { messageId?: string } = {};
    try {
      return await this.accept(node, jws, jwsDigest, now, known);
    } catch (error) {
      if (!(error instanceof SubmissionError)) throw error;
      await this.refuse(node, error, jwsDigest, known.messageId ?? unverifiedMessageId(jws), now);
      throw error;
    }
  }

  /**
   * A batch of messages in one call (POST /v1/messages/batch): each is checked, stored, audited
   * and refused exactly as if it came alone, at the same `now`; their writes share the group
   * commits. Only the batch's form is checked as a whole (a SCHEMA error, nothing stored nor
   * audited: it holds no message to refuse); outcomes come back in the order of the messages.
   */
  async submitBatch(node: AuthenticatedNode, body: unknown, now: Date = this.clock.now()): Promise<BatchItemOutcome[]> {
    const batch = batchMessagesOf(body, 'POST /v1/messages');
    if (!batch.ok) throw new SubmissionError('SCHEMA', NOT_A_BATCH, batch.issues);
    const { messages } = batch;
    return Promise.all(
      messages.map((jws) =>
        this.submit(node, jws, now).then(
          (accepted): BatchItemOutcome => ({ outcome: 'accepted', ...accepted }),
          (error: unknown): BatchItemOutcome => {
            if (error instanceof SubmissionError) return { outcome: 'refused', error };
            throw error;
          },
        ),
      ),
    );
  }

  private async accept(node: AuthenticatedNode, jws: string, jwsDigest: string, now: Date, known: { messageId?: string }): Promise<AcceptedSubmission> {
    // The directory the guard authenticated this request with, so that all checks see one generation.
    const directory = authenticationLookupsOf(node)?.directory ?? (await this.directory.view());
    const { envelope, kid } = await this.verifiedEnvelope(node, jws, now, directory);
    known.messageId = envelope.id;

    // The key belongs to the calling node; the author named in the envelope must be its unit.
    if (envelope.from !== node.unitId) throw new SubmissionError('UNKNOWN_KEY', `the signing key is not a key of a node of ${envelope.from}`);
    if (controlNumber(ascii(envelope.payload.jwe)) !== envelope.payload.digest) {
      throw new SubmissionError('SCHEMA', 'payload.digest is not the digest of payload.jwe', [
        { path: '/payload/digest', code: 'mismatch', message: 'must be sha256: and the SHA-256 hex of the ASCII bytes of payload.jwe' },
      ]);
    }
    const createdMs = toEpochMs(envelope.createdAt) ?? Number.NaN;
    if (!(createdMs <= now.getTime() + this.config.MAX_CLOCK_SKEW_SECONDS * 1000)) {
      throw new SubmissionError('CLOCK_SKEW', `createdAt is more than ${this.config.MAX_CLOCK_SKEW_SECONDS} s ahead of the hub's clock`);
    }
    if (createdMs < now.getTime() - this.config.MAX_MESSAGE_AGE_SECONDS * 1000) {
      throw new SubmissionError('CLOCK_SKEW', `createdAt is more than ${this.config.MAX_MESSAGE_AGE_SECONDS} s old`);
    }
    // Step 9 (REPLAY) is decided by the primary key at insert, without a SELECT first. A stored
    // id still wins over the later checks: when one of them fails, look the id up (refusal path only).
    let route: Route;
    let attachmentDigests: string[];
    try {
      checkUnits(envelope, directory);
      route = envelope.kind === 'request' ? routeRequest(envelope, now, directory) : await this.routeAnswer(envelope);
      // Step 14: the sealed attachments the envelope lists were uploaded first (ATTACHMENT_MISSING).
      attachmentDigests = await this.attachments.requireUploaded(node, envelope.id, envelope.attachments);
    } catch (error) {
      if (error instanceof SubmissionError && (await this.repository.exists(envelope.id))) throw replayOf(envelope.id);
      throw error;
    }

    const auditIndex = await this.store(node, kid, envelope, route, jws, jwsDigest, attachmentDigests, now);
    const receipt: HubReceipt = { v: 1, kind: 'hub-receipt', messageId: envelope.id, digest: envelope.payload.digest, receivedAt: now.toISOString(), auditLeafIndex: auditIndex };
    // Both after the COMMIT, neither depends on the other: the receipt is signed while the
    // delivery job's Redis round trip is in flight, not after it.
    const [signed] = await Promise.all([this.keyring.sign(receipt, JWS_TYP['hub-receipt']), this.queueDelivery(envelope.id)]);
    return { messageId: envelope.id, receipt: signed };
  }

  private async queueDelivery(messageId: string): Promise<void> {
    try {
      await this.delivery.enqueue(messageId);
    } catch (error) {
      // The message is accepted and committed: a retry by the sender would be a REPLAY. The
      // delivery sweep of accepted messages picks it up; the sender still gets its receipt.
      this.logger.error({ messageId, err: error }, 'message accepted but not queued for delivery');
    }
  }

  /** Steps 1–2: JWS profile, key (directory only, of the calling node), signature, typ/kind, schema. */
  private async verifiedEnvelope(node: AuthenticatedNode, jws: string, now: Date, directory: DirectoryIndex): Promise<{ envelope: Envelope; kid: string }> {
    // The typ picks the expected kind; anything else than an answer is verified as a request,
    // so a foreign typ fails verifyJws's exact typ check (BAD_SIGNATURE: header outside the profile).
    const typ = unverifiedTyp(jws) === JWS_TYP.answer ? JWS_TYP.answer : JWS_TYP.request;
    let keyRefusal: SubmissionError | undefined;
    const resolveKey = (kid: string): PublicJwk | undefined => {
      const key = directory.key(kid);
      keyRefusal = keyRefusalOf(key, node, now);
      return keyRefusal === undefined ? key?.publicJwk : undefined;
    };

    let payload: Uint8Array;
    let kid: string;
    try {
      ({ payload, kid } = await verifyJws(jws, resolveKey, { typ, maxBytes: MAX_SUBMISSION_BYTES }));
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      if (error.code === 'JWS_KID_UNKNOWN') throw keyRefusal ?? new SubmissionError('UNKNOWN_KEY', 'the kid is not in the directory');
      throw new SubmissionError('BAD_SIGNATURE', `the JWS is refused (${error.code})`);
    }

    // I-JSON (protocol §1): a member named twice would mean one thing to us and another to the recipient.
    const value = parseJsonObject(payload);
    if (value === undefined) {
      throw new SubmissionError('SCHEMA', 'the JWS payload is not an I-JSON object', [
        { path: '', code: 'type', message: 'must be a UTF-8 JSON object without duplicate member names' },
      ]);
    }
    const result = validateJwsPayload(typ, value);
    if (!result.ok) throw new SubmissionError('SCHEMA', 'the envelope fails validation', result.errors.slice(0, MAX_ISSUES));
    // typ is the request or the answer typ, and validateJwsPayload checked kind against it.
    return { envelope: result.value as Envelope, kid };
  }

  /** Step 4 for answers: they ride on the request they answer, which went from `to` to `from`. */
  private async routeAnswer(envelope: AnswerEnvelope): Promise<Route> {
    const request = await this.repository.findRequest(envelope.inReplyTo);
    if (request?.fromUnit !== envelope.to || request.toUnit !== envelope.from) {
      throw new SubmissionError('SCHEMA', 'inReplyTo names no request from the recipient to the sender', [
        { path: '/inReplyTo', code: 'mismatch', message: 'must be the id of a request the hub accepted from the answer\'s "to" to its "from"' },
      ]);
    }
    return { agreementId: request.agreementId, agreementVersion: request.agreementVersion };
  }

  /** Step 5: the message row and its audit entry, in one transaction. Returns the audit leaf index. */
  private async store(node: AuthenticatedNode, kid: string, envelope: Envelope, route: Route, jws: string, jwsDigest: string, attachmentDigests: string[], now: Date): Promise<number> {
    const request = envelope.kind === 'request' ? envelope : undefined;
    const answer = envelope.kind === 'answer' ? envelope : undefined;
    const event: MessageAcceptedEvent = {
      type: 'message.accepted',
      actor: { kind: 'node', nodeId: node.nodeId, unitId: node.unitId },
      messageId: envelope.id,
      kind: envelope.kind,
      fromUnit: envelope.from,
      toUnit: envelope.to,
      kid,
      ...(route.agreementId !== null && { agreementId: route.agreementId }),
      ...(route.agreementVersion !== null && { agreementVersion: route.agreementVersion }),
      ...(request && { requestType: request.requestType, legalBasisId: request.legalBasisId, area: request.area, priority: request.priority }),
      ...(answer && { inReplyTo: answer.inReplyTo, outcome: answer.outcome }),
      digest: envelope.payload.digest,
      jwsDigest,
      ...(attachmentDigests.length > 0 && { attachments: attachmentDigests }),
    };
    const row: MessageEntity = Object.assign(new MessageEntity(), {
      id: envelope.id,
      kind: envelope.kind,
      fromUnit: envelope.from,
      toUnit: envelope.to,
      senderNodeId: node.nodeId,
      senderKid: kid,
      requestType: request?.requestType ?? null,
      legalBasisId: request?.legalBasisId ?? null,
      agreementId: route.agreementId,
      agreementVersion: route.agreementVersion,
      area: request?.area ?? null,
      priority: request?.priority ?? null,
      dueAt: request ? new Date(request.dueAt) : null,
      inReplyTo: answer?.inReplyTo ?? null,
      createdAt: new Date(envelope.createdAt),
      receivedAt: now,
      payloadDigest: envelope.payload.digest,
      jwsDigest,
      jws,
      status: 'accepted',
      deliveryAttempts: 0,
      deliveredAt: null,
      acknowledgedAt: null,
      deliveryReceipt: null,
      auditIndex: PENDING_AUDIT_INDEX,
    });
    // Group commit (MessageWriter): the row and its audit entry commit together, with those of
    // the submissions that arrived meanwhile; a stored id (REPLAY) is decided by the primary key.
    const outcome = await this.writer.write({ event, message: row });
    // (`unchanged` is a receipt's outcome: a message write is recorded or a replay.)
    if (outcome.kind !== 'recorded') throw replayOf(envelope.id);
    return outcome.auditIndex;
  }

  /** Step 6: audit the refusal in its own transaction and, when the id is known, sign it. */
  private async refuse(node: AuthenticatedNode, error: SubmissionError, jwsDigest: string, messageId: string | undefined, now: Date): Promise<void> {
    await this.writer.write({
      event: { type: 'message.refused', actor: { kind: 'node', nodeId: node.nodeId, unitId: node.unitId }, reason: error.code, ...(messageId !== undefined && { messageId }), jwsDigest },
    });
    if (messageId === undefined) return;
    const issues = error.code === 'SCHEMA' && error.issues !== undefined && error.issues.length > 0 ? error.issues.slice(0, LIMITS.validationIssuesPerRefusal) : undefined;
    const refusal: Refusal = {
      v: 1,
      kind: 'refusal',
      messageId,
      reason: error.code,
      detail: error.message.slice(0, LIMITS.refusalDetail),
      ...(issues && { issues }),
      refusedAt: now.toISOString(),
    };
    error.refusal = await this.keyring.sign(refusal, JWS_TYP.refusal);
  }
}

function checkUnits(envelope: Envelope, directory: DirectoryIndex): void {
  // from = the caller's unit (step 6), whose standing the guard also checked.
  const sender = directory.unit(envelope.from);
  if (sender?.status !== 'active') throw new SubmissionError('SENDER_SUSPENDED', `unit ${envelope.from} is ${sender?.status ?? 'unknown'}`);
  const recipient = directory.unit(envelope.to);
  // An unknown unit cannot be party to any agreement.
  if (recipient === undefined) throw new SubmissionError('NO_AGREEMENT', `unit ${envelope.to} is not in the directory`);
  if (recipient.status !== 'active') throw new SubmissionError('RECIPIENT_SUSPENDED', `unit ${envelope.to} is ${recipient.status}`);
}

/** Step 4 for requests: the named agreement must bind both units, be in force now, and cover the request. */
function routeRequest(envelope: RequestEnvelope, now: Date, directory: DirectoryIndex): Route {
  const inForce = directory.agreementsBetween(envelope.from, envelope.to, now);
  const agreement: AgreementView | undefined = inForce.find((a) => a.id === envelope.agreementId);
  if (agreement === undefined) {
    const named = directory.agreement(envelope.agreementId);
    const bindsBoth = named !== undefined && envelope.from !== envelope.to && named.parties.includes(envelope.from) && named.parties.includes(envelope.to);
    if (bindsBoth) throw new SubmissionError('AGREEMENT_EXPIRED', `agreement ${envelope.agreementId} is not in force`);
    throw new SubmissionError('NO_AGREEMENT', `no agreement ${envelope.agreementId} binds ${envelope.from} and ${envelope.to}`);
  }
  if (!agreement.requestTypes.includes(envelope.requestType)) throw new SubmissionError('TYPE_NOT_COVERED', `agreement ${agreement.id} does not cover ${envelope.requestType}`);
  if (!agreement.areas.includes(envelope.area)) throw new SubmissionError('AREA_NOT_COVERED', `agreement ${agreement.id} does not cover the area ${envelope.area}`);
  if (!agreement.legalBases.includes(envelope.legalBasisId)) {
    throw new SubmissionError('LEGAL_BASIS_NOT_COVERED', `agreement ${agreement.id} does not cover the legal basis ${envelope.legalBasisId}`);
  }
  // The legal basis itself must be in force and allow the request type (the coordinator may end or narrow it).
  const basis = directory.legalBasisInForce(envelope.legalBasisId, now);
  if (basis === undefined) throw new SubmissionError('LEGAL_BASIS_NOT_COVERED', `the legal basis ${envelope.legalBasisId} is not in force`);
  if (!basis.requestTypes.includes(envelope.requestType)) {
    throw new SubmissionError('LEGAL_BASIS_NOT_COVERED', `the legal basis ${envelope.legalBasisId} does not allow ${envelope.requestType}`);
  }
  return { agreementId: agreement.id, agreementVersion: agreement.version };
}

/** Placeholder audit index of a message row between its insert and its audit entry, same transaction. */
const PENDING_AUDIT_INDEX = -1;

function replayOf(messageId: string): SubmissionError {
  return new SubmissionError('REPLAY', `message ${messageId} was submitted before`);
}

/**
 * Why a directory key cannot verify this submission, or undefined when it can. The key comes
 * only from the directory, and must be a current signing key of the node that called.
 */
function keyRefusalOf(key: NodeKeyView | undefined, node: AuthenticatedNode, now: Date): SubmissionError | undefined {
  if (key !== undefined && key.use === 'sig' && key.nodeId !== node.nodeId) return new SubmissionError('UNKNOWN_KEY', 'the kid is not a key of the calling node');
  const refusal = keyRefusalAt(key, 'sig', now);
  return refusal && new SubmissionError(refusal.reason, refusal.why);
}

function unverifiedTyp(jws: string): unknown {
  return unverifiedJwsSegment(jws, 0)?.typ;
}

function unverifiedMessageId(jws: string): string | undefined {
  const id = unverifiedJwsSegment(jws, 1)?.id;
  return isUuidV7(id) ? id : undefined;
}
