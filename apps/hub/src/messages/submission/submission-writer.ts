import { Injectable, Logger } from '@nestjs/common';
import { Batcher } from '@cicu/shared';
import { type AuditEvent } from '../../audit/audit-event';
import { type AuditFrontier, AuditService } from '../../audit/audit.service';
import { type MessageEntity } from '../message.entity';
import { SubmissionRepository } from './submission.repository';

/** What one submission asks to have committed: its audit event, and for an acceptance the message row. */
export interface SubmissionWrite {
  event: AuditEvent;
  message?: MessageEntity;
}

/** `recorded`: committed, with the audit leaf index of the event. `replay`: the message id was stored before; nothing was written for it. */
export type SubmissionWriteOutcome = { kind: 'recorded'; auditIndex: number } | { kind: 'replay' };

/** Most writes committed by one transaction (bounds its statements' parameter arrays and its lock time). */
export const MAX_WRITES_PER_COMMIT = 256;

/**
 * Group commit for submissions. Every accepted message row and every submission's audit event
 * must be durable before the hub answers, and the audit head row serialises those commits
 * across replicas: one transaction per submission caps the hub at 1 / (commit latency), about
 * 100/s with fsync. Here (Batcher) the writes that arrive while a transaction is in flight go
 * together in the next one: one INSERT of the rows, one audit append of all events, one fsync.
 *
 * A message id stored before (REPLAY) is decided by the primary key, as before: its row is
 * not inserted, its write gets `replay`, and the others of the batch are unaffected. Any other
 * failure of a batch is retried write by write, so one bad write fails alone.
 */
@Injectable()
export class SubmissionWriter {
  private readonly logger = new Logger(SubmissionWriter.name);
  private readonly batcher = new Batcher<SubmissionWrite, SubmissionWriteOutcome>((writes) => this.commit(writes), {
    maxBatch: MAX_WRITES_PER_COMMIT,
    onBatchFailure: (size, error) =>
      this.logger.warn(`a group commit of ${size} submissions failed, committing them one by one: ${error instanceof Error ? error.message : String(error)}`),
  });

  /** The audit tree's right edge after this writer's last committed transaction (AuditService.append). */
  private committedFrontier: AuditFrontier | undefined;

  constructor(
    private readonly repository: SubmissionRepository,
    private readonly audit: AuditService,
  ) {}

  write(write: SubmissionWrite): Promise<SubmissionWriteOutcome> {
    return this.batcher.submit(write);
  }

  private async commit(writes: readonly SubmissionWrite[]): Promise<SubmissionWriteOutcome[]> {
    const now = new Date();
    return (await this.commitInOneStatement(writes, now)) ?? this.commitInTransaction(writes, now);
  }

  /**
   * The usual case, in one statement (AuditService.appendInOneStatement): this writer committed
   * the last append, so it knows the tree's right edge, and every write is a new message (or a
   * refusal's event). The statement writes the rows with their audit indices, the entries and
   * their tree nodes, or nothing: when the head moved (another replica) or a row is refused
   * (an id stored meanwhile: REPLAY; a foreign key), undefined sends the batch to the
   * transaction, which sorts those cases out.
   */
  private async commitInOneStatement(writes: readonly SubmissionWrite[], now: Date): Promise<SubmissionWriteOutcome[] | undefined> {
    const committed = this.committedFrontier;
    if (committed === undefined) return undefined;
    const ids = writes.flatMap((w) => (w.message === undefined ? [] : [w.message.id]));
    if (new Set(ids).size !== ids.length) return undefined;
    let appended;
    try {
      appended = await this.audit.appendInOneStatement(this.repository.manager, writes.map((w) => w.event), now, committed, (recorded) => {
        const withMessage = writes.flatMap((w, j) => (w.message === undefined ? [] : [{ message: w.message, auditIndex: recorded[j]!.index }]));
        return { table: 'message', json: this.repository.rowsJson(withMessage.map((m) => m.message), withMessage.map((m) => m.auditIndex)) };
      });
    } catch (error) {
      this.logger.debug(`a one-statement group commit of ${writes.length} submissions failed, committing them in a transaction: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (appended === undefined) return undefined;
    this.committedFrontier = appended.frontier;
    return appended.recorded.map(({ index }) => ({ kind: 'recorded', auditIndex: index }));
  }

  /**
   * One transaction. Lock order (docs/adr-routing.md): message rows first, the audit head row
   * last, so the head is held for the audit append, the rows' audit indices and the COMMIT.
   */
  private async commitInTransaction(writes: readonly SubmissionWrite[], now: Date): Promise<SubmissionWriteOutcome[]> {
    let frontier: AuditFrontier | undefined;
    const outcomes = await this.repository.transaction(async (tx) => {
      // Two writes of one id in one batch: the first is the submission, the second a replay.
      const firstOfId = new Map<string, SubmissionWrite>();
      for (const w of writes) if (w.message !== undefined && !firstOfId.has(w.message.id)) firstOfId.set(w.message.id, w);
      const inserted = new Set(await this.repository.insertNew(tx, [...firstOfId.values()].map((w) => w.message!)));
      const stored = writes.filter((w) => w.message === undefined || (firstOfId.get(w.message.id) === w && inserted.has(w.message.id)));
      const appended = await this.audit.append(tx, stored.map((w) => w.event), now, this.committedFrontier);
      frontier = appended.frontier;
      const recorded = appended.recorded;
      const auditIndexOf = new Map(stored.map((w, j) => [w, recorded[j]!.index]));
      await this.repository.setAuditIndices(tx, stored.flatMap((w) => (w.message === undefined ? [] : [{ id: w.message.id, auditIndex: auditIndexOf.get(w)! }])));
      return writes.map((w): SubmissionWriteOutcome => {
        const auditIndex = auditIndexOf.get(w);
        return auditIndex === undefined ? { kind: 'replay' } : { kind: 'recorded', auditIndex };
      });
    });
    // Only now, after the COMMIT: a frontier of a rolled-back transaction must never be reused.
    if (frontier !== undefined) this.committedFrontier = frontier;
    return outcomes;
  }
}
