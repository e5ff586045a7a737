import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 } from 'uuid';
import { type AnswerEnvelope, type AnswerPayload, attachmentsOfPayload, checkAnswerConsistency, JWS_TYP, isLowercaseUuid, type RequestPayload, type RequestType, type ValidationIssue, validateAnswerPayload } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { type AttachmentDownload, AttachmentsService } from '../../attachments/attachments.service';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { NodeDirectoryService } from '../../directory/node-directory.service';
import { type OfficerView } from '../../officers/officers.service';
import { CaseError } from '../cases.errors';
import { FOLLOWS_UP_SQL } from '../follow-up';
import { OutboxService } from '../outbox/outbox.service';
import { type AttachmentSealer, sealMessage } from '../sealing';

export interface AnswerInput {
  outcome: Record<string, unknown>;
  findings?: unknown[];
  remarks?: string;
  attachments?: unknown[];
}

/** The outcome of checking an answer without sending it (the answer form, as the officer types). */
export interface AnswerCheck {
  valid: boolean;
  issues: ValidationIssue[];
}

interface IncomingRow {
  message_id: string;
  from_unit: string;
  request_type: string;
  received_at: Date;
  envelope: Record<string, unknown>;
  payload: Record<string, unknown>;
  status: string;
  answer_message_id: string | null;
  answer_status?: string | null;
  follows_up?: string | null;
  assigned_to: string | null;
  assigned_at: Date | null;
  assigned_name?: string | null;
}

// The columns of a listed or shown received request: the message, its answer's status, the
// request it follows up and the officer it is assigned to.
const INCOMING_SELECT = `SELECT m.*, a.status AS answer_status, ${FOLLOWS_UP_SQL} AS follows_up, o.display_name AS assigned_name
  FROM inbox_message m LEFT JOIN outgoing_answer a ON a.id = m.answer_message_id LEFT JOIN officer o ON o.id = m.assigned_to`;

/**
 * Received requests and their answers: an officer reads the decrypted request and answers it;
 * the answer is validated (also against the request's type), encrypted to the requesting
 * unit's node, signed as an answer and submitted through the same submit queue.
 */
@Injectable()
export class AnswersService {
  private readonly logger = new Logger(AnswersService.name);

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly db: DataSource,
    private readonly directory: NodeDirectoryService,
    private readonly keyring: KeyringService,
    private readonly outbox: OutboxService,
    private readonly attachments: AttachmentsService,
  ) {}

  /** Newest first, at most 500; `assignedTo` keeps those assigned to that officer. */
  async list(assignedTo?: string): Promise<Record<string, unknown>[]> {
    const rows = (await this.db.query(`${INCOMING_SELECT} WHERE m.kind = 'request' AND ($1::uuid IS NULL OR m.assigned_to = $1) ORDER BY m.received_at DESC LIMIT 500`, [
      assignedTo ?? null,
    ])) as IncomingRow[];
    return rows.map((r) => view(r, false));
  }

  /**
   * Assigns a received request, not yet answered, to an officer who will answer it. An officer
   * may take a request (assign it to themselves); only a supervisor assigns it to someone else,
   * and only to an active officer holding the officer role.
   */
  async assign(id: string, officerId: unknown, actor: OfficerView): Promise<Record<string, unknown>> {
    if (!isLowercaseUuid(officerId)) {
      throw new CaseError('VALIDATION', 'officerId must be an officer id', { issues: [{ path: '/officerId', code: 'format.uuid', message: 'must be a UUID' }] });
    }
    if (officerId !== actor.id && !actor.roles.includes('supervisor')) throw new CaseError('ASSIGN_FORBIDDEN', 'only a supervisor assigns a request to another officer');
    const request = await this.row(id);
    if (request.status !== 'new') throw new CaseError('WRONG_STATUS', 'the request was already answered');
    const updated = (await this.db.query(
      `UPDATE inbox_message SET assigned_to = o.id, assigned_at = now() FROM officer o
        WHERE inbox_message.message_id = $1 AND inbox_message.status = 'new' AND o.id = $2 AND o.status <> 'disabled' AND 'officer' = ANY (o.roles)`,
      [id, officerId],
    )) as [unknown[], number];
    if (updated[1] !== 1) {
      // Answered since it was read, or no such officer.
      if ((await this.row(id)).status !== 'new') throw new CaseError('WRONG_STATUS', 'the request was already answered');
      throw new CaseError('VALIDATION', 'no active officer with that id', { issues: [{ path: '/officerId', code: 'enum', message: 'must be an active officer of this node' }] });
    }
    this.logger.log({ requestId: id, assignedTo: officerId, by: actor.id }, 'incoming request assigned');
    return this.detail(id);
  }

  /** The checks of answer() without sealing or storing anything. */
  async check(id: string, input: AnswerInput): Promise<AnswerCheck> {
    const request = await this.row(id);
    try {
      this.validated(id, request, input);
      return { valid: true, issues: [] };
    } catch (error) {
      if (!(error instanceof CaseError) || error.code !== 'VALIDATION') throw error;
      return { valid: false, issues: (error.getResponse() as { issues?: ValidationIssue[] }).issues ?? [] };
    }
  }

  async detail(id: string): Promise<Record<string, unknown>> {
    return view(await this.row(id), true);
  }

  /** Attachment `n` of a received request, for anyone who may read it. */
  async attachment(id: string, n: string): Promise<AttachmentDownload> {
    const request = await this.row(id);
    return this.attachments.download(attachmentsOfPayload(request.payload as RequestPayload), n);
  }

  async answer(id: string, input: AnswerInput, officer: OfficerView): Promise<Record<string, unknown>> {
    const request = await this.row(id);
    if (request.status === 'answered') throw new CaseError('WRONG_STATUS', 'the request was already answered');
    const { payload, envelope } = this.validated(id, request, input);
    const answerId = envelope.id;
    const files = attachmentsOfPayload(payload);
    await this.attachments.requireUploaded(files);
    const sealFiles: AttachmentSealer | undefined = files.length === 0 ? undefined : (key) => this.attachments.seal(files, key);
    // Sealed outside the transaction (it reads the files through the pool); the copies are
    // stored in it, once this answer won: a losing or failed answer leaves none behind.
    const { jws, attachments } = await sealMessage(this.directory, this.keyring, request.from_unit, payload, envelope, JWS_TYP.answer, sealFiles);
    await this.db.transaction(async (tx) => {
      const updated = (await tx.query(
        `UPDATE inbox_message SET status = 'answered', answer_message_id = $2 WHERE message_id = $1 AND status = 'new' RETURNING message_id`,
        [id, answerId],
      )) as [unknown[], number];
      if (updated[1] !== 1) throw new CaseError('WRONG_STATUS', 'the request was already answered');
      await tx.query(
        `INSERT INTO outgoing_answer (id, in_reply_to, to_unit, outcome, payload, jws, status, created_by, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, 'approved', $7, now(), now())`,
        [answerId, id, request.from_unit, envelope.outcome, JSON.stringify(payload), jws, officer.id],
      );
      if (attachments.length > 0) await this.attachments.storeSealed(tx, answerId, attachments);
    });
    await this.outbox.enqueue('answer', answerId);
    this.logger.log({ requestId: id, answerId, officer: officer.id }, 'answer queued');
    return this.detail(id);
  }

  /** The answer payload and its envelope (fresh id), validated also against the request's type; VALIDATION otherwise. */
  private validated(id: string, request: IncomingRow, input: AnswerInput): { payload: AnswerPayload; envelope: Omit<AnswerEnvelope, 'payload'> } {
    const body = typeof input === 'object' && input !== null ? input : ({} as AnswerInput);
    const payload: Record<string, unknown> = {
      inReplyTo: id,
      outcome: body.outcome,
      ...(body.findings !== undefined && { findings: body.findings }),
      ...(body.remarks !== undefined && { remarks: body.remarks }),
      ...(body.attachments !== undefined && { attachments: body.attachments }),
    };
    const checked = validateAnswerPayload(payload);
    if (!checked.ok) throw new CaseError('VALIDATION', 'the answer does not validate', { issues: checked.errors });
    const envelope: Omit<AnswerEnvelope, 'payload'> = {
      v: 1,
      id: v7(),
      kind: 'answer',
      from: this.config.UNIT_ID,
      to: request.from_unit,
      createdAt: new Date().toISOString(),
      inReplyTo: id,
      outcome: checked.value.outcome.code,
    };
    const issues = checkAnswerConsistency({ ...envelope, payload: { jwe: '', digest: '' } } as AnswerEnvelope, checked.value, request.request_type as RequestType);
    if (issues.length > 0) throw new CaseError('VALIDATION', 'the answer does not fit the request', { issues });
    return { payload: checked.value, envelope };
  }

  private async row(id: string): Promise<IncomingRow> {
    // Not a UUID: no such request (PostgreSQL would refuse it as a uuid).
    const rows = isLowercaseUuid(id)
      ? ((await this.db.query(`${INCOMING_SELECT} WHERE m.message_id = $1 AND m.kind = 'request'`, [id])) as IncomingRow[])
      : [];
    if (rows[0] === undefined) throw new CaseError('NOT_FOUND', 'no such incoming request');
    return rows[0];
  }
}

function view(r: IncomingRow, full: boolean): Record<string, unknown> {
  const e = r.envelope;
  return {
    id: r.message_id,
    fromUnit: r.from_unit,
    requestType: r.request_type,
    area: e['area'],
    priority: e['priority'],
    legalBasisId: e['legalBasisId'],
    agreementId: e['agreementId'],
    dueAt: e['dueAt'],
    overdue: r.status !== 'answered' && typeof e['dueAt'] === 'string' && Date.parse(e['dueAt']) < Date.now(),
    receivedAt: new Date(r.received_at).toISOString(),
    status: r.status,
    answerMessageId: r.answer_message_id,
    answerStatus: r.answer_status ?? null,
    followsUp: r.follows_up ?? null,
    assignedTo: r.assigned_to,
    assignedToName: r.assigned_name ?? null,
    assignedAt: r.assigned_at === null ? null : new Date(r.assigned_at).toISOString(),
    ...(full && { payload: r.payload }),
  };
}
