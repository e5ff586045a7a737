import { type JobsOptions } from 'bullmq';

/** A job with a fixed id (the id of what it works on), as the start-up sweeps queue them. */
interface IdentifiedJob {
  name: string;
  data: unknown;
  opts: JobsOptions & { jobId: string };
}

/** What of a BullMQ Queue requeue uses (any queue's, whatever its job types). */
interface RequeueTarget<J> {
  addBulk(jobs: J[]): Promise<unknown>;
  getFailed(): Promise<{ id?: string; retry(state: 'failed'): Promise<void> }[]>;
}

/**
 * Queues again, after a loss, jobs that have fixed ids: one addBulk for all of them, which leaves
 * any job Redis still holds under its id as it is (waiting, delayed, running), then a retry of
 * those that failed for good, since an add under a failed job's id is ignored too and would
 * leave the work undone until BullMQ drops the failed job. For the start-up sweeps (Redis keeps
 * nothing on disk here). Returns how many failed jobs it retried.
 */
export async function requeue<J extends IdentifiedJob>(queue: RequeueTarget<NoInfer<J>>, jobs: readonly J[]): Promise<number> {
  if (jobs.length === 0) return 0;
  await queue.addBulk([...jobs]);
  const ids = new Set(jobs.map((job) => job.opts.jobId));
  // Failed jobs are few (each queue keeps a bounded number): one read of them, not one per id.
  const failed = (await queue.getFailed()).filter((job) => job.id !== undefined && ids.has(job.id));
  for (const job of failed) await job.retry('failed');
  return failed.length;
}
