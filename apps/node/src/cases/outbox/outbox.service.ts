import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 } from 'uuid';
import { type AnswerPayload, attachmentsOfPayload, type DueTimes, defaultDueAt, JWS_TYP, isLowercaseUuid, PRIORITIES, type Priority, type RequestEnvelope, type RequestPayload, REQUEST_TYPES, type ValidationIssue, validateRequestPayload } from '@cicu/protocol';
import { KeyringService, requeue } from '@cicu/shared';
import { type AttachmentDownload, AttachmentsService } from '../../attachments/attachments.service';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { NodeDirectoryService } from '../../directory/node-directory.service';
import { type SnapshotAgreement } from '../../directory/snapshot';
import { type OfficerView } from '../../officers/officers.service';
import { isOverdue, type RequestStatus } from '../case-status';
import { CaseError } from '../cases.errors';
import { withFollowUpLine, withoutFollowUpLine } from '../follow-up';
import { type LeafCheckRow, requestProofs } from '../proofs';
import { type AttachmentSealer, type SealedMessage, sealMessage } from '../sealing';
import { SUBMIT_QUEUE, type SubmitJob } from './submit.jobs';

export interface DraftInput {
  partnerUnit: string;
  agreementId: string;
  legalBasisId: string;
  requestType: string;
  area: string;
  priority: string;
  handlingCode: string;
  handlingNote?: string;
  caseReference: string;
  summaryOfFacts: string;
  measureRequested: string;
  enquiriesMade: string;
  subject: Record<string, unknown>;
  attachments?: unknown[];
}

export interface PartnerView {
  unitId: string;
  agreements: { id: string; version: number; title: unknown; requestTypes: string[]; areas: string[]; legalBases: string[]; maxPriority: string; validTo: string | null }[];
}

interface Row {
  id: string;
  case_reference: string;
  partner_unit: string;
  request_type: string;
  legal_basis_id: string;
  agreement_id: string;
  area: string;
  priority: string;
  due_at: Date;
  handling_code: string;
  payload: Record<string, unknown>;
  status: RequestStatus;
  overdue: boolean;
  created_by: string;
  approved_by: string | null;
  approval_comment: string | null;
  jws: string | null;
  hub_receipt: string | null;
  hub_refusal: Record<string, unknown> | null;
  submitted_at: Date | null;
  delivered_at: Date | null;
  answered_at: Date | null;
  answer_message_id: string | null;
  follows_up: string | null;
  created_at: Date;
  updated_at: Date;
  /** Raised by each edit of a returned draft; sealing stores its JWS only for the version it read. */
  draft_version: number;
  delivery_receipt?: string | null;
  answer?: Record<string, unknown> | null;
}

const iso = (d: Date | null | undefined) => (d == null ? null : new Date(d).toISOString());
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const DURATION = /^P(?=\d|T\d)(?:(\d{1,4})D)?(?:T(?=\d)(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/;

/** The outcome of checking a draft without filing it (the compose form, as the officer types). */
export interface DraftCheck {
  valid: boolean;
  /** VALIDATION: the protocol's issues; NOT_COVERED: no agreement in force covers `part`. */
  code?: 'VALIDATION' | 'NOT_COVERED';
  issues: ValidationIssue[];
  part?: string;
}

/** What build() made of a draft: the fields it was built from, the priority, the due date and the payload. */
interface Built {
  input: DraftInput;
  priority: Priority;
  dueAt: string;
  payload: Record<string, unknown>;
}

/** Fields an edit may change (all of the compose form); a follow-up keeps the partner. */
const DRAFT_FIELDS: readonly (keyof DraftInput)[] = [
  'partnerUnit', 'agreementId', 'legalBasisId', 'requestType', 'area', 'priority', 'handlingCode', 'handlingNote',
  'caseReference', 'summaryOfFacts', 'measureRequested', 'enquiriesMade', 'subject', 'attachments',
];
const FOLLOW_UP_FIELDS = DRAFT_FIELDS.filter((f) => f !== 'partnerUnit');

const notAnObject = () => new CaseError('VALIDATION', 'the body must be an object', { issues: [{ path: '', code: 'type', message: 'must be an object' }] });

/**
 * The names of the fields `changes` sets; a field outside `allowed` is a VALIDATION error
 * (nothing is ignored silently: a `dueAt` sent with a new draft would seem to be taken).
 */
function changedFields(changes: unknown, allowed: readonly string[], refusal = { message: 'the body has fields that cannot be changed', issue: 'cannot be changed here' }): string[] {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) throw notAnObject();
  const names = Object.keys(changes);
  const unknown = names.filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    throw new CaseError('VALIDATION', refusal.message, {
      issues: unknown.slice(0, 20).map((name) => ({ path: `/${name.slice(0, 64)}`, code: 'additionalProperties', message: refusal.issue })),
    });
  }
  return names;
}

const NOT_A_DRAFT_FIELD = { message: 'the body has fields a draft does not have', issue: 'is not a field of a draft' };

/** The compose form's fields of a stored request (what an edit or a follow-up starts from). */
function draftInputOf(r: Row): DraftInput {
  const p = r.payload as Record<string, unknown> & { subject: Record<string, unknown> };
  const { type: _type, ...subject } = p.subject;
  return {
    partnerUnit: r.partner_unit,
    agreementId: r.agreement_id,
    legalBasisId: r.legal_basis_id,
    requestType: r.request_type,
    area: r.area,
    priority: r.priority,
    handlingCode: r.handling_code,
    handlingNote: p['handlingNote'] as string | undefined,
    caseReference: r.case_reference,
    summaryOfFacts: p['summaryOfFacts'] as string,
    measureRequested: p['measureRequested'] as string,
    enquiriesMade: typeof p['enquiriesMade'] === 'string' ? withoutFollowUpLine(p['enquiriesMade']) : '',
    subject,
    attachments: p['attachments'] as unknown[] | undefined,
  };
}

/** What sealing reads of a request. */
type SealFields = Pick<Row, 'id' | 'partner_unit' | 'request_type' | 'legal_basis_id' | 'agreement_id' | 'area' | 'priority' | 'handling_code' | 'payload'>;

function sealFieldsOf({ input, priority, payload }: Built): Omit<SealFields, 'id'> {
  return {
    partner_unit: input.partnerUnit,
    request_type: input.requestType,
    legal_basis_id: input.legalBasisId,
    agreement_id: input.agreementId,
    area: input.area,
    priority,
    handling_code: input.handlingCode,
    payload,
  };
}

/** The draft as stored once sealed (if it was): with the due date and payload its sealing set. */
function asSealed(built: Built, sealed: { dueAt: string; payload: Record<string, unknown> } | null): Built {
  return sealed === null ? built : { ...built, dueAt: sealed.dueAt, payload: sealed.payload };
}

/** The table columns of a built draft, in the order of the INSERT and UPDATE statements. */
function columnsOf({ input, priority, dueAt, payload }: Built): unknown[] {
  return [input.caseReference, input.partnerUnit, input.requestType, input.legalBasisId, input.agreementId, input.area, priority, dueAt, input.handlingCode, JSON.stringify(payload)];
}

/** Milliseconds per priority of the agreement's `dueTimes` (ISO 8601 durations), or undefined. */
export function agreementDueTimes(agreement: SnapshotAgreement): DueTimes | undefined {
  const durations = agreement['dueTimes'] as Record<string, unknown> | undefined;
  if (durations === undefined) return undefined;
  const out: Partial<Record<Priority, number>> = {};
  for (const priority of PRIORITIES) {
    const match = typeof durations[priority] === 'string' ? DURATION.exec(durations[priority]) : null;
    if (match === null) return undefined;
    const [d, h, m, s] = match.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
    out[priority] = (((d * 24 + h) * 60 + m) * 60 + s) * 1000;
  }
  return out as DueTimes;
}

/** When a request sent at `sentAt` is due: the agreement's due time for its priority (the protocol's default without one). */
function dueAtOf(sentAt: Date, priority: Priority, agreement: SnapshotAgreement | undefined): string {
  return defaultDueAt(sentAt.toISOString(), priority, agreement === undefined ? undefined : agreementDueTimes(agreement));
}

/**
 * The outbox: requests this node files. Draft → (four eyes) approval → sealed once (encrypted,
 * enveloped, signed) and queued for submission; statuses then follow the hub's receipt, the
 * recipient's delivery receipt and the answer (docs/adr-cases.md).
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @InjectQueue(SUBMIT_QUEUE) private readonly queue: Queue<SubmitJob['data'], unknown, SubmitJob['name']>,
    private readonly db: DataSource,
    private readonly directory: NodeDirectoryService,
    private readonly keyring: KeyringService,
    private readonly attachments: AttachmentsService,
  ) {}

  partners(): PartnerView[] {
    return this.directory.partnerUnits().map((unitId) => ({
      unitId,
      agreements: this.directory.agreementsWith(unitId).map((a) => ({
        id: a.id,
        version: a.version,
        title: a['title'],
        requestTypes: strings(a['requestTypes']),
        areas: strings(a['areas']),
        legalBases: strings(a['legalBases']),
        maxPriority: typeof a['maxPriority'] === 'string' ? a['maxPriority'] : 'immediate',
        validTo: a.validTo,
      })),
    }));
  }

  async draft(input: DraftInput, officer: OfficerView, now: Date = new Date()): Promise<Record<string, unknown>> {
    changedFields(input, DRAFT_FIELDS, NOT_A_DRAFT_FIELD);
    return this.create(input, officer, now, null);
  }

  /**
   * Runs the checks of a new draft (the protocol's validation, then the agreement's cover)
   * without storing anything: the compose form shows the protocol's own messages as the
   * officer types, and the browser needs no JSON Schema compiler (docs/adr-web-ui.md).
   */
  check(input: DraftInput, now: Date = new Date()): DraftCheck {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw notAnObject();
    try {
      changedFields(input, DRAFT_FIELDS, NOT_A_DRAFT_FIELD);
      this.build(input, now, null);
      return { valid: true, issues: [] };
    } catch (error) {
      if (!(error instanceof CaseError) || (error.code !== 'VALIDATION' && error.code !== 'NOT_COVERED')) throw error;
      const { issues, part } = error.getResponse() as { issues?: ValidationIssue[]; part?: string };
      return { valid: false, code: error.code, issues: issues ?? [], ...(part !== undefined && { part }) };
    }
  }

  /**
   * The author edits a draft a supervisor returned (status drafted) and resubmits it: the
   * changed fields over the stored draft, validated exactly as at creation, then awaiting
   * approval again (or sealed at once without four eyes). Logged with the names of the changed
   * fields, never their values.
   */
  async edit(id: string, changes: Partial<DraftInput>, officer: OfficerView, now: Date = new Date()): Promise<Record<string, unknown>> {
    const fields = changedFields(changes, DRAFT_FIELDS);
    const row = await this.row(id);
    if (row.created_by !== officer.id) throw new CaseError('NOT_AUTHOR', 'only the author of a request can edit it');
    if (row.status !== 'drafted') throw new CaseError('WRONG_STATUS', `the request is ${row.status}: only a returned draft can be edited`);
    const built = this.build({ ...draftInputOf(row), ...changes }, new Date(row.created_at), row.follows_up);
    await this.requireFiles(built);
    // Without four eyes the edit is sealed before it is stored, as a new draft is: when sealing
    // fails (NO_ENCRYPTION_KEY) the refusal stores nothing of the edit.
    const sealed = this.config.FOUR_EYES ? null : await this.sealed({ id, ...sealFieldsOf(built) });
    await this.db.transaction(async (tx) => {
      const updated = (await tx.query(
        `UPDATE outgoing_request SET case_reference = $3, partner_unit = $4, request_type = $5, legal_basis_id = $6, agreement_id = $7, area = $8, priority = $9,
           due_at = $10, handling_code = $11, payload = $12, status = $13, updated_at = $14, jws = $15, draft_version = draft_version + 1
          WHERE id = $1 AND created_by = $2 AND status = 'drafted'`,
        [id, officer.id, ...columnsOf(asSealed(built, sealed)), sealed === null ? 'awaiting_approval' : 'approved', now, sealed?.jws ?? null],
      )) as [unknown[], number];
      if (updated[1] !== 1) throw new CaseError('WRONG_STATUS', 'the request changed meanwhile: read it again');
      // Exactly the copies this envelope lists: none left of another sealing (more files, other keys).
      if (sealed !== null) await this.attachments.storeSealed(tx, id, sealed.attachments);
    });
    this.logger.log({ requestId: id, officer: officer.id, fields }, 'returned draft edited and resubmitted');
    if (sealed !== null) await this.enqueue('request', id);
    return this.detail(id);
  }

  /**
   * A new request that follows up one answered "more information needed": same partner, the
   * earlier request's fields unless given, linked to it here (follows_up) and, for the
   * partner, by the first line of enquiriesMade (the protocol has no request-to-request link:
   * docs/adr-cases.md).
   */
  async followUp(id: string, changes: Partial<DraftInput>, officer: OfficerView, now: Date = new Date()): Promise<Record<string, unknown>> {
    changedFields(changes, FOLLOW_UP_FIELDS);
    const earlier = await this.row(id);
    if (earlier.status !== 'more_information_needed') throw new CaseError('WRONG_STATUS', `the request is ${earlier.status}: only an answer asking for more information is followed up`);
    return this.create({ ...draftInputOf(earlier), ...changes }, officer, now, earlier.id);
  }

  private async create(input: DraftInput, officer: OfficerView, now: Date, followsUp: string | null): Promise<Record<string, unknown>> {
    const built = this.build(input, now, followsUp);
    await this.requireFiles(built);
    const id = v7();
    // Without four eyes the draft is sealed before it is stored: one INSERT, already approved,
    // and nothing stored when sealing fails (NO_ENCRYPTION_KEY). The sealed copies of its files
    // are stored with the row, in one transaction (most drafts have none: then the INSERT alone).
    const sealed = this.config.FOUR_EYES ? null : await this.sealed({ id, ...sealFieldsOf(built) });
    const jws = sealed?.jws ?? null;
    const insert = async (q: EntityManager) =>
      (await q.query(
        `INSERT INTO outgoing_request (case_reference, partner_unit, request_type, legal_basis_id, agreement_id, area, priority, due_at, handling_code,
           payload, id, status, jws, created_by, follows_up, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         RETURNING *`,
        [...columnsOf(asSealed(built, sealed)), id, jws === null ? 'awaiting_approval' : 'approved', jws, officer.id, followsUp, now],
      )) as Row[];
    const [row] = sealed === null || sealed.attachments.length === 0
      ? await insert(this.db.manager)
      : await this.db.transaction(async (tx) => {
          const rows = await insert(tx);
          await this.attachments.storeSealed(tx, id, sealed.attachments);
          return rows;
        });
    this.logger.log({ requestId: id, officer: officer.id, ...(followsUp !== null && { followsUp }) }, followsUp === null ? 'request drafted' : 'follow-up request drafted');
    if (jws !== null) await this.enqueue('request', id);
    // Just created: no receipt, no audit check and no answer yet; the same view as detail().
    return { ...this.view({ ...(row as Row), delivery_receipt: null, answer: null }, true), proofs: requestProofs(null, null, null, undefined) };
  }

  /**
   * The request payload from the compose form's fields, validated by libs/protocol, and the
   * agreement's cover checked: the same rules for a new draft, an edit and a follow-up. The
   * due date of a draft counts from its creation; sealing sets the one the partner gets.
   */
  private build(input: DraftInput, createdAt: Date, followsUp: string | null): Built {
    // Not yet validated: anything but a string (an object whose toString is no function) names no partner.
    const agreement = typeof input.partnerUnit === 'string' ? this.agreement(input.partnerUnit, input.agreementId) : undefined;
    const priority = (PRIORITIES as readonly string[]).includes(input.priority) ? (input.priority as Priority) : 'routine';
    const dueAt = dueAtOf(createdAt, priority, agreement);
    const subject = typeof input.subject === 'object' && input.subject !== null ? input.subject : {};
    const payload: Record<string, unknown> = {
      nationalReference: input.caseReference,
      area: input.area,
      legalBasisId: input.legalBasisId,
      agreementId: input.agreementId,
      priority: input.priority,
      dueAt,
      handlingCode: input.handlingCode,
      // null (from an edit) removes an optional field.
      ...(input.handlingNote != null && { handlingNote: input.handlingNote }),
      summaryOfFacts: input.summaryOfFacts,
      measureRequested: input.measureRequested,
      enquiriesMade: followsUp === null ? input.enquiriesMade : withFollowUpLine(followsUp, input.enquiriesMade),
      subject: { type: input.requestType, ...subject },
      ...(input.attachments != null && { attachments: input.attachments }),
    };
    const checked = validateRequestPayload(payload);
    const issues = checked.ok ? [] : [...checked.errors];
    if (!(REQUEST_TYPES as readonly string[]).includes(input.requestType)) issues.push({ path: '/requestType', code: 'enum', message: `must be one of ${REQUEST_TYPES.join(', ')}` });
    else if (subject['type'] !== undefined && subject['type'] !== input.requestType) issues.push({ path: '/subject/type', code: 'mismatch', message: 'must equal requestType' });
    if (typeof input.partnerUnit !== 'string' || !/^[A-Z]{2}-[A-Z0-9-]{2,32}$/.test(input.partnerUnit)) issues.push({ path: '/partnerUnit', code: 'pattern', message: 'must be a unit id' });
    if (issues.length > 0) throw new CaseError('VALIDATION', 'the request does not validate', { issues });

    const uncovered = this.uncovered(agreement, input, priority);
    if (uncovered !== undefined) throw new CaseError('NOT_COVERED', `no agreement in force with ${input.partnerUnit} covers this ${uncovered}`, { part: uncovered });
    return { input, priority, dueAt, payload };
  }

  private agreement(partnerUnit: string, agreementId: unknown): SnapshotAgreement | undefined {
    return this.directory.agreementsWith(partnerUnit).find((a) => a.id === agreementId);
  }

  /** The files the draft names are held by this node (ATTACHMENT_NOT_UPLOADED otherwise): they travel at sealing. */
  private requireFiles({ payload }: Built): Promise<void> {
    return this.attachments.requireUploaded(attachmentsOfPayload(payload as RequestPayload));
  }

  async approve(id: string, supervisor: OfficerView, comment: string | undefined): Promise<Record<string, unknown>> {
    const row = await this.row(id);
    if (row.status !== 'awaiting_approval') throw new CaseError('WRONG_STATUS', `the request is ${row.status}, not awaiting_approval`);
    if (row.created_by === supervisor.id) throw new CaseError('FOUR_EYES', 'the author of a request cannot approve it');
    await this.seal(row, supervisor.id, comment ?? null);
    return this.detail(id);
  }

  async returnToAuthor(id: string, supervisor: OfficerView, comment: string): Promise<Record<string, unknown>> {
    if (typeof comment !== 'string' || comment.trim() === '' || comment.length > 2000) {
      throw new CaseError('VALIDATION', 'a comment (1 to 2000 characters) is required', { issues: [{ path: '/comment', code: 'required', message: 'must be 1 to 2000 characters' }] });
    }
    const row = await this.row(id);
    if (row.status !== 'awaiting_approval') throw new CaseError('WRONG_STATUS', `the request is ${row.status}, not awaiting_approval`);
    const updated = (await this.db.query(`UPDATE outgoing_request SET status = 'drafted', approval_comment = $2, updated_at = now() WHERE id = $1 AND status = 'awaiting_approval'`, [
      id,
      comment,
    ])) as [unknown[], number];
    // Approved (or returned) by another supervisor since it was read.
    if (updated[1] !== 1) throw new CaseError('WRONG_STATUS', 'the request changed meanwhile: read it again');
    this.logger.log({ requestId: id, supervisor: supervisor.id }, 'request returned to its author');
    return this.detail(id);
  }

  /**
   * A supervisor's approval: encrypts, envelopes and signs the stored request once, stores the
   * JWS and the due date it got, status approved, queues the submission; only while the request
   * still awaits approval, in the draft version it sealed (WRONG_STATUS otherwise, nothing stored
   * or queued): a supervisor who returned it, or approved it, while it was being sealed decided first. The sealed copies of its files replace
   * any earlier ones in the same transaction as the update, and only if the update wins.
   */
  private async seal(row: Row, approvedBy: string, comment: string | null): Promise<void> {
    const { id } = row;
    // Outside the transaction: sealing reads the files through the pool.
    const { jws, attachments, dueAt, payload } = await this.sealed(row);
    await this.db.transaction(async (tx) => {
      // The draft version too: returned, edited and put back while this sealed, the status
      // alone would match, and the JWS of the earlier content would be stored.
      const updated = (await tx.query(
        `UPDATE outgoing_request SET status = 'approved', jws = $2, approved_by = $3, approval_comment = COALESCE($4, approval_comment), due_at = $6, payload = $7, updated_at = now()
          WHERE id = $1 AND status = 'awaiting_approval' AND draft_version = $5`,
        [id, jws, approvedBy, comment, row.draft_version, dueAt, JSON.stringify(payload)],
      )) as [unknown[], number];
      if (updated[1] !== 1) throw new CaseError('WRONG_STATUS', 'the request changed meanwhile: read it again');
      // Exactly the copies this envelope lists: none left of another sealing (more files, other keys).
      await this.attachments.storeSealed(tx, id, attachments);
    });
    await this.enqueue('request', id);
  }

  /**
   * The request's JWS (payload encrypted to the partner, envelope with a fresh createdAt, signed)
   * and its files' sealed copies, not stored yet. The partner's time runs from now, when the
   * request is sent: the due date is the agreement's due time from here, in the envelope and the
   * payload alike. Counted from the draft, a request approved late would be due before it was
   * sent, which the protocol refuses (createdAt < dueAt), and could never be sent at all.
   */
  private async sealed(row: SealFields): Promise<SealedMessage & { dueAt: string; payload: Record<string, unknown> }> {
    const sentAt = new Date();
    const dueAt = dueAtOf(sentAt, row.priority as Priority, this.agreement(row.partner_unit, row.agreement_id));
    const payload = { ...(row.payload as Record<string, unknown>), dueAt };
    const envelope: Omit<RequestEnvelope, 'payload'> = {
      v: 1,
      id: row.id,
      kind: 'request',
      from: this.config.UNIT_ID,
      to: row.partner_unit,
      createdAt: sentAt.toISOString(),
      requestType: row.request_type as RequestEnvelope['requestType'],
      legalBasisId: row.legal_basis_id,
      agreementId: row.agreement_id,
      area: row.area as RequestEnvelope['area'],
      priority: row.priority as Priority,
      dueAt,
      handlingCode: row.handling_code as RequestEnvelope['handlingCode'],
    };
    const files = attachmentsOfPayload(payload as RequestPayload);
    const sealFiles: AttachmentSealer | undefined = files.length === 0 ? undefined : (key) => this.attachments.seal(files, key);
    return { ...(await sealMessage(this.directory, this.keyring, row.partner_unit, payload, envelope, JWS_TYP.request, sealFiles)), dueAt, payload };
  }

  async enqueue(table: 'request' | 'answer', id: string): Promise<void> {
    const { name, data, opts } = this.submitJob(table, id);
    await this.queue.add(name, data, opts);
  }

  /** The submission job of one message: its id is the message id (queueing twice is a no-op). */
  private submitJob(table: 'request' | 'answer', id: string) {
    const opts = { jobId: id, attempts: this.config.SUBMIT_ATTEMPTS, backoff: { type: 'exponential', delay: this.config.SUBMIT_BACKOFF_MS }, removeOnComplete: 1000, removeOnFail: 1000 };
    return { name: 'submit' as const, data: { table, id }, opts };
  }

  /**
   * Queues again every signed message the hub has not acknowledged yet (requests and answers
   * approved or being submitted). Redis keeps no data on disk here, and a job whose attempts
   * ran out stays failed: without this, a lost or spent job would leave a message unsent
   * for good. A job still waiting or retrying is left alone (the job id is the message id).
   */
  async resubmitUnsent(): Promise<number> {
    const rows = (await this.db.query(
      `SELECT 'request' AS kind, id FROM outgoing_request WHERE status IN ('approved', 'submitting') AND jws IS NOT NULL
       UNION ALL SELECT 'answer', id FROM outgoing_answer WHERE status IN ('approved', 'submitting') AND jws IS NOT NULL`,
    )) as { kind: 'request' | 'answer'; id: string }[];
    await requeue(this.queue, rows.map(({ kind, id }) => this.submitJob(kind, id)));
    return rows.length;
  }

  /** Newest first, at most 500; `createdBy` keeps an officer's own. */
  async list(status: RequestStatus | undefined, createdBy?: string): Promise<Record<string, unknown>[]> {
    const rows = (await this.db.query(
      `SELECT * FROM outgoing_request WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR created_by = $2) ORDER BY created_at DESC LIMIT 500`,
      [status ?? null, createdBy ?? null],
    )) as Row[];
    return rows.map((r) => this.view(r, false));
  }

  async detail(id: string): Promise<Record<string, unknown>> {
    const row = await this.row(id);
    const [receipt] = (await this.db.query(`SELECT jws FROM sent_receipt WHERE message_id = $1`, [id])) as { jws: string }[];
    const [answer] = row.answer_message_id === null
      ? []
      : ((await this.db.query(`SELECT payload FROM inbox_message WHERE message_id = $1`, [row.answer_message_id])) as { payload: Record<string, unknown> }[]);
    const [check] = (await this.db.query(`SELECT leaf_index, tree_size, ok, checked_at FROM audit_leaf_check WHERE message_id = $1`, [id])) as LeafCheckRow[];
    const deliveryReceipt = receipt?.jws ?? null;
    return {
      ...this.view({ ...row, delivery_receipt: deliveryReceipt, answer: answer?.payload ?? null }, true),
      proofs: requestProofs(row.hub_receipt, iso(row.submitted_at), deliveryReceipt, check),
    };
  }

  /** Attachment `n` of one of our requests, for anyone who may read it. */
  async attachment(id: string, n: string): Promise<AttachmentDownload> {
    const row = await this.row(id);
    return this.attachments.download(attachmentsOfPayload(row.payload as RequestPayload), n);
  }

  /** Attachment `n` of the answer to one of our requests (the answer's own files, then each finding's). */
  async answerAttachment(id: string, n: string): Promise<AttachmentDownload> {
    const row = await this.row(id);
    const [answer] = row.answer_message_id === null
      ? []
      : ((await this.db.query(`SELECT payload FROM inbox_message WHERE message_id = $1`, [row.answer_message_id])) as { payload: AnswerPayload }[]);
    if (answer === undefined) throw new CaseError('NOT_FOUND', 'the request has no answer');
    return this.attachments.download(attachmentsOfPayload(answer.payload), n);
  }

  private async row(id: string): Promise<Row> {
    // Not a UUID: no such request (PostgreSQL would refuse it as a uuid).
    const rows = isLowercaseUuid(id) ? ((await this.db.query(`SELECT * FROM outgoing_request WHERE id = $1`, [id])) as Row[]) : [];
    if (rows[0] === undefined) throw new CaseError('NOT_FOUND', 'no such request');
    return rows[0];
  }

  private uncovered(agreement: SnapshotAgreement | undefined, input: DraftInput, priority: Priority): string | undefined {
    if (agreement === undefined) return 'agreement';
    if (!strings(agreement['requestTypes']).includes(input.requestType)) return 'requestType';
    if (!strings(agreement['areas']).includes(input.area)) return 'area';
    if (!strings(agreement['legalBases']).includes(input.legalBasisId)) return 'legalBasis';
    const max = agreement['maxPriority'];
    if (typeof max === 'string' && PRIORITIES.indexOf(priority) > PRIORITIES.indexOf(max as Priority)) return 'priority';
    return undefined;
  }

  private view(r: Row, full: boolean): Record<string, unknown> {
    const overdue = isOverdue(r, new Date());
    return {
      id: r.id,
      caseReference: r.case_reference,
      partnerUnit: r.partner_unit,
      requestType: r.request_type,
      legalBasisId: r.legal_basis_id,
      agreementId: r.agreement_id,
      area: r.area,
      priority: r.priority,
      handlingCode: r.handling_code,
      status: r.status,
      dueAt: iso(r.due_at),
      overdue,
      createdBy: r.created_by,
      approvedBy: r.approved_by,
      approvalComment: r.approval_comment,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      submittedAt: iso(r.submitted_at),
      deliveredAt: iso(r.delivered_at),
      answeredAt: iso(r.answered_at),
      answerMessageId: r.answer_message_id,
      followsUp: r.follows_up,
      hubRefusal: r.hub_refusal,
      ...(full && { payload: r.payload, hubReceipt: r.hub_receipt, deliveryReceipt: r.delivery_receipt ?? null, answer: r.answer ?? null }),
    };
  }
}
