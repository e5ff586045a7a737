import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { Batcher } from '@cicu/shared';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { DELIVERY_QUEUE, type DeliveryJobData, type DeliveryJobName, deliveryJobOptions, notifyJobId } from './delivery.jobs';

/**
 * Enqueues the push of an accepted message to its recipient's node. Called after the
 * submission's transaction has committed (Redis is not part of it); the job id is the
 * message id, so enqueuing twice (e.g. by the start-up sweep of accepted messages) is harmless.
 */
@Injectable()
export class DeliveryProducer {
  // Submissions accepted together are queued together: one addBulk (one Redis round trip,
  // one MULTI) for what arrived while the previous one was in flight.
  private readonly deliveries = new Batcher<string, void>(
    async (ids) => {
      await this.queue.addBulk(ids.map((messageId) => ({ name: 'deliver' as const, data: { messageId }, opts: deliveryJobOptions(this.config, messageId) })));
      return ids.map(() => undefined);
    },
    { maxBatch: 500 },
  );

  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJobData, unknown, DeliveryJobName>,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  enqueue(messageId: string): Promise<void> {
    return this.deliveries.submit(messageId);
  }

  /**
   * Sends held deliveries on now: a job waiting out its hold is promoted; a message whose
   * job is gone (completed and removed, lost Redis) is queued again.
   */
  async resume(messageIds: readonly string[]): Promise<void> {
    for (const messageId of messageIds) {
      const job = await this.queue.getJob(messageId);
      if (job === undefined) await this.enqueue(messageId);
      else if (await job.isDelayed()) await job.promote();
    }
  }

  /**
   * A new round of attempts for a message the hub gave up on: its finished job (failed after
   * the last attempt, or completed as undeliverable for a retired unit) runs again from zero
   * attempts; a job no longer in Redis is queued anew; a job still waiting runs anyway.
   */
  async retry(messageId: string): Promise<void> {
    const job = await this.queue.getJob(messageId);
    if (job === undefined) return this.enqueue(messageId);
    const state = await job.getState();
    if (state === 'failed' || state === 'completed') await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
  }

  /** How many delivery jobs wait, run, wait out a back-off or a hold, or failed for good. */
  async counts(): Promise<{ waiting: number; active: number; delayed: number; failed: number }> {
    const { waiting = 0, active = 0, delayed = 0, failed = 0 } = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    return { waiting, active, delayed, failed };
  }

  /** Enqueues the push of a message's delivery receipt to its sender's node (once per message). */
  async enqueueNotification(messageId: string): Promise<void> {
    await this.queue.add('notify', { messageId }, deliveryJobOptions(this.config, notifyJobId(messageId)));
  }
}
