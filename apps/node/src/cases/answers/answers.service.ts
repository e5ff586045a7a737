import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 } from 'uuid';
import { type AnswerEnvelope, checkAnswerConsistency, JWS_TYP, type RequestType, validateAnswerPayload } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { NodeDirectoryService } from '../../directory/node-directory.service';
import { type OfficerView } from '../../officers/officers.service';
import { CaseError } from '../cases.errors';
import { FOLLOWS_UP_SQL } from '../follow-up';
import { OutboxService } from '../outbox/outbox.service';
import { sealMessage } from '../sealing';

export interface AnswerInput {
  outcome: Record<string, unknown>;
  findings?: unknown[];
  remarks?: string;
  attachments?: unknown[];
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
}

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
  ) {}

  async list(): Promise<Record<string, unknown>[]> {
    const rows = (await this.db.query(
      `SELECT m.*, a.status AS answer_status, ${FOLLOWS_UP_SQL} AS follows_up FROM inbox_message m LEFT JOIN outgoing_answer a ON a.id = m.answer_message_id
        WHERE m.kind = 'request' ORDER BY m.received_at DESC LIMIT 500`,
    )) as IncomingRow[];
    return rows.map((r) => view(r, false));
  }

  async detail(id: string): Promise<Record<string, unknown>> {
    return view(await this.row(id), true);
  }

  async answer(id: string, input: AnswerInput, officer: OfficerView): Promise<Record<string, unknown>> {
    const request = await this.row(id);
    if (request.status === 'answered') throw new CaseError('WRONG_STATUS', 'the request was already answered');
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
    const answerId = v7();
    const envelope: Omit<AnswerEnvelope, 'payload'> = {
      v: 1,
      id: answerId,
      kind: 'answer',
      from: this.config.UNIT_ID,
      to: request.from_unit,
      createdAt: new Date().toISOString(),
      inReplyTo: id,
      outcome: checked.value.outcome.code,
    };
    const issues = checkAnswerConsistency({ ...envelope, payload: { jwe: '', digest: '' } } as AnswerEnvelope, checked.value, request.request_type as RequestType);
    if (issues.length > 0) throw new CaseError('VALIDATION', 'the answer does not fit the request', { issues });

    const jws = await sealMessage(this.directory, this.keyring, request.from_unit, payload, envelope, JWS_TYP.answer);
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
    });
    await this.outbox.enqueue('answer', answerId);
    this.logger.log({ requestId: id, answerId, officer: officer.id }, 'answer queued');
    return this.detail(id);
  }

  private async row(id: string): Promise<IncomingRow> {
    const rows = /^[0-9a-f-]{36}$/.test(id)
      ? ((await this.db.query(
          `SELECT m.*, a.status AS answer_status, ${FOLLOWS_UP_SQL} AS follows_up FROM inbox_message m LEFT JOIN outgoing_answer a ON a.id = m.answer_message_id
            WHERE m.message_id = $1 AND m.kind = 'request'`,
          [id],
        )) as IncomingRow[])
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
    ...(full && { payload: r.payload }),
  };
}
