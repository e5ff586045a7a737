import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { CLOSED_STATUSES } from '../case-status';
import { DEADLINE_QUEUE, type DeadlineJob, type DeadlineKind } from './deadline.jobs';

/**
 * Deadlines of submitted requests: a reminder at REMINDER_FRACTION of the time between
 * submission and due date, and the overdue mark at the due date. Both are BullMQ delayed jobs
 * with fixed job ids (scheduling twice is a no-op) and both checks are idempotent: one
 * notification row per request and kind, nothing for a request already closed.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue<DeadlineJob['data'], unknown, DeadlineJob['name']>,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly db: DataSource,
  ) {}

  async schedule(requestId: string, submittedAt: Date, dueAt: Date): Promise<void> {
    const left = Math.max(0, dueAt.getTime() - submittedAt.getTime());
    const reminderDelay = Math.max(0, submittedAt.getTime() + Math.floor(left * this.config.REMINDER_FRACTION) - Date.now());
    const overdueDelay = Math.max(0, dueAt.getTime() - Date.now());
    const opts = { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 100 } as const;
    // Sent together, not one after the other: one round trip of waiting on every submission
    // (addBulk's MULTI would cost more CPU than the two scripts it saves).
    await Promise.all([
      this.queue.add('reminder', { kind: 'reminder', requestId }, { ...opts, jobId: `reminder-${requestId}`, delay: reminderDelay }),
      this.queue.add('overdue', { kind: 'overdue', requestId }, { ...opts, jobId: `overdue-${requestId}`, delay: overdueDelay }),
    ]);
  }

  /** Runs one deadline check; true when it recorded a notification. */
  async check(kind: DeadlineKind, requestId: string, now: Date = new Date()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = (await tx.query(`SELECT status, due_at FROM outgoing_request WHERE id = $1 FOR UPDATE`, [requestId])) as { status: string; due_at: Date }[];
      const row = rows[0];
      if (row === undefined || (CLOSED_STATUSES as readonly string[]).includes(row.status)) return false;
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
