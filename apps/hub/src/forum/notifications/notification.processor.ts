import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job } from 'bullmq';
import { FORUM_NOTIFICATION_QUEUE, type NotificationJobData, type NotificationJobName } from './notification.jobs';
import { NotificationsService } from './notifications.service';

type NotificationQueueJob = Job<NotificationJobData, unknown, NotificationJobName>;

/** Runs the notification queue's jobs; thin: each job is one NotificationsService call. */
@Processor(FORUM_NOTIFICATION_QUEUE, { concurrency: 4 })
export class NotificationProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationProcessor.name);

  constructor(private readonly notifications: NotificationsService) {
    super();
  }

  async process(job: NotificationQueueJob): Promise<number> {
    switch (job.name) {
      case 'fan-out':
        return this.notifications.fanOut(job.data.postId);
      default: {
        const unknown: never = job.name;
        throw new Error(`unknown notification job ${String(unknown)}`);
      }
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: NotificationQueueJob | undefined, error: Error): void {
    if (job === undefined) return;
    this.logger.warn({ job: job.name, postId: job.data.postId, attempt: job.attemptsMade, of: job.opts.attempts ?? 1, err: error }, 'notification fan-out failed');
  }
}
