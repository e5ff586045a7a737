import { Injectable, Logger } from '@nestjs/common';
import { Batcher } from '@cicu/shared';
import { type AuditEvent } from '../../audit/audit-event';
import { type AuditFrontier, AuditService } from '../../audit/audit.service';
import { type MessageEntity } from '../message.entity';
import { type Acknowledgement, MessageWriteRepository } from './message-write.repository';

/**
 * What one change asks to have committed with its audit event: a submission's (for an
 * acceptance, the new message row; for a refusal, the event alone) or a delivery receipt's
 * (`acknowledge`: the receipt recorded on its message, the ciphertext deleted).
 */
export type MessageWrite = { event: AuditEvent; message?: MessageEntity; acknowledge?: undefined } | { event: AuditEvent; acknowledge: Acknowledgement; message?: undefined };

/**
 * `recorded`: committed, with the audit leaf index of the event. `replay`: the message id was
 * stored before; nothing was written for it. `unchanged`: the receipt's message was
 * acknowledged already; nothing was written for it.
 */
export type MessageWriteOutcome = { kind: 'recorded'; auditIndex: number } | { kind: 'replay' } | { kind: 'unchanged' };

/** Most writes committed by one transaction (bounds its statements' parameter arrays and its lock time). */
export const MAX_WRITES_PER_COMMIT = 256;

/**
 * Group commit of the message table and the audit log, for submissions and delivery receipts.
 * Every accepted message row, every submission's audit event and every recorded receipt must
 * be durable before the hub answers (or acknowledges), and the audit head row serialises those
 * commits across replicas: one transaction per change caps the hub at 1 / (commit latency),
 * about 100/s with fsync, and a receipt's own transaction would hold the head while the next
 * submissions wait. Here (Batcher) the writes that arrive while a commit is in flight go
 * together in the next one: one INSERT of the rows, one UPDATE of the receipts' messages, one
 * audit append of all events, one fsync.
 *
 * A message id stored before (REPLAY) is decided by the primary key, as before: its row is
 * not inserted, its write gets `replay`, and the others of the batch are unaffected; likewise
 * a receipt for a message acknowledged meanwhile gets `unchanged`. Any other failure of a
 * batch is retried write by write, so one bad write fails alone.
 */
@Injectable()
export class MessageWriter {
  private readonly logger = new Logger(MessageWriter.name);
  private readonly batcher = new Batcher<MessageWrite, MessageWriteOutcome>((writes) => this.commit(writes), {
    maxBatch: MAX_WRITES_PER_COMMIT,
    onBatchFailure: (size, error) =>
      this.logger.warn({ size, err: error }, 'a group commit of message writes failed, committing them one by one'),
  });

  /** The audit tree's right edge after this writer's last committed transaction (AuditService.append). */
  private committedFrontier: AuditFrontier | undefined;

  constructor(
    private readonly repository: MessageWriteRepository,
    private readonly audit: AuditService,
  ) {}

  write(write: MessageWrite): Promise<MessageWriteOutcome> {
    return this.batcher.submit(write);
  }

  private async commit(writes: readonly MessageWrite[]): Promise<MessageWriteOutcome[]> {
    const now = new Date();
    return (await this.commitInOneStatement(writes, now)) ?? this.commitInTransaction(writes, now);
  }

  /**
   * The usual case, in one statement (AuditService.appendInOneStatement): this writer committed
   * the last append, so it knows the tree's right edge. The statement records the receipts on
   * their messages, writes the new rows with their audit indices, the entries and their tree
   * nodes, or nothing. Each write's event is prepared as if its change happens; when one does
   * not, the batch goes to the transaction, which sorts the case out and audits only the
   * changes that happened: the head moved (another replica), a new row is refused (an id
   * stored meanwhile: REPLAY; a foreign key), or a receipt's message was acknowledged meanwhile.
   */
  private async commitInOneStatement(writes: readonly MessageWrite[], now: Date): Promise<MessageWriteOutcome[] | undefined> {
    const committed = this.committedFrontier;
    if (committed === undefined) return undefined;
    const ids = writes.flatMap((w) => (w.message === undefined ? [] : [w.message.id]));
    const acks = writes.flatMap((w) => (w.acknowledge === undefined ? [] : [w.acknowledge]));
    // Two writes of one id: the second is a replay (or unchanged), which only the transaction tells apart.
    if (new Set(ids).size !== ids.length || new Set(acks.map((a) => a.id)).size !== acks.length) return undefined;
    let appended;
    try {
      appended = await this.audit.appendInOneStatement(
        this.repository.manager,
        writes.map((w) => w.event),
        now,
        committed,
        (recorded) => {
          const withMessage = writes.flatMap((w, j) => (w.message === undefined ? [] : [{ message: w.message, auditIndex: recorded[j]!.index }]));
          return { table: 'message', json: this.repository.rowsJson(withMessage.map((m) => m.message), withMessage.map((m) => m.auditIndex)) };
        },
        acks.length === 0 ? undefined : this.repository.acknowledgementChanges(acks),
      );
    } catch (error) {
      this.logger.debug({ size: writes.length, err: error }, 'a one-statement group commit of message writes failed, committing them in a transaction');
      return undefined;
    }
    if (appended === undefined) return undefined;
    this.committedFrontier = appended.frontier;
    return appended.recorded.map(({ index }) => ({ kind: 'recorded', auditIndex: index }));
  }

  /**
   * One transaction. Lock order (docs/adr-routing.md): message rows first (new ones, then the
   * receipts'), the audit head row last, so the head is held for the audit append, the rows'
   * audit indices and the COMMIT.
   */
  private async commitInTransaction(writes: readonly MessageWrite[], now: Date): Promise<MessageWriteOutcome[]> {
    let frontier: AuditFrontier | undefined;
    const outcomes = await this.repository.transaction(async (tx) => {
      // Two writes of one id in one batch: the first is the submission (or the receipt), the second a replay (or unchanged).
      const inserts = firstOfEachId(writes, (w) => w.message?.id);
      const acks = firstOfEachId(writes, (w) => w.acknowledge?.id);
      const inserted = await this.repository.insertNew(tx, [...inserts.values()].map((w) => w.message!));
      const acknowledged = await this.repository.acknowledge(tx, [...acks.values()].map((w) => w.acknowledge!));
      // Audited: the writes whose row changed, and the refusals' events (they have no row).
      const changed = new Set([...inserted.map((id) => inserts.get(id)!), ...acknowledged.map((id) => acks.get(id)!)]);
      const stored = writes.filter((w) => changed.has(w) || (w.message === undefined && w.acknowledge === undefined));
      const appended = await this.audit.append(tx, stored.map((w) => w.event), now, this.committedFrontier);
      frontier = appended.frontier;
      const recorded = appended.recorded;
      const auditIndexOf = new Map(stored.map((w, j) => [w, recorded[j]!.index]));
      await this.repository.setAuditIndices(tx, stored.flatMap((w) => (w.message === undefined ? [] : [{ id: w.message.id, auditIndex: auditIndexOf.get(w)! }])));
      return writes.map((w): MessageWriteOutcome => {
        const auditIndex = auditIndexOf.get(w);
        if (auditIndex !== undefined) return { kind: 'recorded', auditIndex };
        return w.acknowledge !== undefined ? { kind: 'unchanged' } : { kind: 'replay' };
      });
    });
    // Only now, after the COMMIT: a frontier of a rolled-back transaction must never be reused.
    if (frontier !== undefined) this.committedFrontier = frontier;
    return outcomes;
  }
}

/** The first write of each id that `idOf` names, by id (writes it names none for are left out). */
function firstOfEachId(writes: readonly MessageWrite[], idOf: (write: MessageWrite) => string | undefined): Map<string, MessageWrite> {
  const first = new Map<string, MessageWrite>();
  for (const w of writes) {
    const id = idOf(w);
    if (id !== undefined && !first.has(id)) first.set(id, w);
  }
  return first;
}
