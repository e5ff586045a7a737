import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { DELIVERY_CONCURRENCY, DELIVERY_QUEUE, type DeliveryJobData, type DeliveryJobName } from './delivery.jobs';
import { DeliveryService } from './delivery.service';

type DeliveryQueueJob = Job<DeliveryJobData, unknown, DeliveryJobName>;

/** Runs the delivery queue's jobs; thin: each job is one DeliveryService call. */
@Processor(DELIVERY_QUEUE, { concurrency: DELIVERY_CONCURRENCY })
export class DeliveryProcessor extends WorkerHost {
  private readonly logger = new Logger(DeliveryProcessor.name);

  constructor(
    private readonly delivery: DeliveryService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    super();
  }

  async process(job: DeliveryQueueJob, token?: string): Promise<string> {
    const outcome = await this.run(job);
    if (outcome !== 'held') return outcome;
    // Held (suspended unit): back to the delayed set without spending an attempt; the
    // unit's reinstatement promotes it (DeliveryService.resumeHeld).
    await job.moveToDelayed(Date.now() + this.config.DELIVERY_HOLD_RECHECK_MS, token);
    throw new DelayedError();
  }

  private run(job: DeliveryQueueJob): Promise<string> {
    switch (job.name) {
      case 'deliver':
        return this.delivery.deliver(job.data.messageId);
      case 'notify':
        return this.delivery.notify(job.data.messageId);
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown delivery job ${String(unknown)}`);
      }
    }
  }

  /**
   * The worker's own errors (Redis unreachable, a job's keys removed under it): logged as JSON
   * like the rest, not left to BullMQ's unhandled-error fallback on the console. Jobs retry, and
   * the start-up sweep enqueues what is still 'accepted'.
   */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'delivery worker error');
  }

  /** A failed attempt; after the last one a message becomes undeliverable, a notification is given up. */
  @OnWorkerEvent('failed')
  async onFailed(job: DeliveryQueueJob | undefined, error: Error): Promise<void> {
    if (job === undefined) return;
    const { messageId } = job.data;
    const attempts = job.opts.attempts ?? 1;
    const last = job.attemptsMade >= attempts;
    this.logger.warn({ job: job.name, messageId, attempt: job.attemptsMade, of: attempts, err: error }, `${job.name} failed`);
    if (!last || job.name !== 'deliver') return;
    try {
      if (await this.delivery.markUndeliverable(messageId, job.attemptsMade)) this.logger.warn({ messageId }, 'message undeliverable; it stays in the mailbox');
    } catch (cause) {
      this.logger.error({ messageId, err: cause }, 'could not mark the message undeliverable');
    }
  }
}
