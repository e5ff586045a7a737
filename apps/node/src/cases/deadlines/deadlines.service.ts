import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Batcher, requeue } from '@cicu/shared';
import { type Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { NOTHING_OWED_STATUSES } from '../case-status';
import { DEADLINE_QUEUE, type DeadlineJob, type DeadlineKind } from './deadline.jobs';

/**
 * Deadlines of submitted requests: a reminder at REMINDER_FRACTION of the time between
 * submission and due date, and the overdue mark at the due date. Both are BullMQ delayed jobs
 * with fixed job ids (scheduling twice is a no-op) and both checks are idempotent: one
 * notification row per request and kind, nothing for a request the partner owes nothing
 * (answered, refused, or asking us for more information).
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue<DeadlineJob['data'], unknown, DeadlineJob['name']>,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly db: DataSource,
  ) {}

  /**
   * The submit worker schedules every request it submits, up to SUBMIT_CONCURRENCY at once:
   * the schedules that arrive while an add is in flight go together in one addBulk (one MULTI,
   * one round trip for all their jobs) instead of two round trips each.
   */
  private readonly schedules = new Batcher<{ requestId: string; submittedAt: Date; dueAt: Date }, void>(
    async (items) => {
      const jobs = items.flatMap((item) => this.jobsOf(item.requestId, item.submittedAt, item.dueAt));
      // Alone, two scripts sent together cost less than addBulk's MULTI around them.
      if (items.length === 1) await Promise.all(jobs.map((job) => this.queue.add(job.name, job.data, job.opts)));
      else await this.queue.addBulk(jobs);
      return items.map(() => undefined);
    },
    { maxBatch: 64 },
  );

  async schedule(requestId: string, submittedAt: Date, dueAt: Date): Promise<void> {
    await this.schedules.submit({ requestId, submittedAt, dueAt });
  }

  /** The reminder and the overdue job of one request, with fixed ids (scheduling twice is a no-op). */
  private jobsOf(requestId: string, submittedAt: Date, dueAt: Date) {
    const left = Math.max(0, dueAt.getTime() - submittedAt.getTime());
    const reminderDelay = Math.max(0, submittedAt.getTime() + Math.floor(left * this.config.REMINDER_FRACTION) - Date.now());
    const overdueDelay = Math.max(0, dueAt.getTime() - Date.now());
    const opts = { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 100 } as const;
    return [
      { name: 'reminder' as const, data: { kind: 'reminder' as const, requestId }, opts: { ...opts, jobId: `reminder-${requestId}`, delay: reminderDelay } },
      { name: 'overdue' as const, data: { kind: 'overdue' as const, requestId }, opts: { ...opts, jobId: `overdue-${requestId}`, delay: overdueDelay } },
    ];
  }

  /**
   * Schedules again the deadline jobs that a request still owed by the partner should have and
   * Redis no longer holds (it keeps nothing on disk here, or an add failed after the submission
   * was recorded), or that failed for good; jobs already recorded (a notification of that kind)
   * are not. Run at start with the outbox sweep. Returns how many jobs it asked for.
   */
  async rescheduleOpen(): Promise<number> {
    const rows = (await this.db.query(
      `SELECT r.id, r.submitted_at, r.due_at, array_remove(array_agg(n.kind), NULL) AS recorded
         FROM outgoing_request r LEFT JOIN notification n ON n.request_id = r.id
        WHERE r.submitted_at IS NOT NULL AND r.status <> ALL ($1::text[]) GROUP BY r.id`,
      [NOTHING_OWED_STATUSES],
    )) as { id: string; submitted_at: Date; due_at: Date; recorded: DeadlineKind[] }[];
    const jobs = rows.flatMap((row) => this.jobsOf(row.id, new Date(row.submitted_at), new Date(row.due_at)).filter((job) => !row.recorded.includes(job.name)));
    await requeue(this.queue, jobs);
    return jobs.length;
  }

  /** Runs one deadline check; true when it recorded a notification. */
  async check(kind: DeadlineKind, requestId: string, now: Date = new Date()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = (await tx.query(`SELECT status, due_at FROM outgoing_request WHERE id = $1 FOR UPDATE`, [requestId])) as { status: string; due_at: Date }[];
      const row = rows[0];
      if (row === undefined || (NOTHING_OWED_STATUSES as readonly string[]).includes(row.status)) return false;
      if (kind === 'overdue') {
        if (new Date(row.due_at).getTime() > now.getTime()) return false;
        await tx.query(`UPDATE outgoing_request SET overdue = true, updated_at = $2 WHERE id = $1 AND NOT overdue`, [requestId, now]);
      }
      const inserted = (await tx.query(
        `INSERT INTO notification (request_id, kind, created_at) VALUES ($1, $2, $3) ON CONFLICT (request_id, kind) DO NOTHING RETURNING id`,
        [requestId, kind, now],
      )) as unknown[];
      if (inserted.length > 0) this.logger.log({ requestId, kind }, kind === 'overdue' ? 'request overdue' : 'request due soon');
      return inserted.length > 0;
    });
  }
}
