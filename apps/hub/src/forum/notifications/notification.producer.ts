import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { requeue } from '@cicu/shared';
import { FORUM_NOTIFICATION_QUEUE, fanOutJobOptions, type NotificationJobData, type NotificationJobName } from './notification.jobs';

/** Queues the fan-out of a new post's notifications, after the post's transaction has committed. */
@Injectable()
export class NotificationProducer {
  private readonly logger = new Logger(NotificationProducer.name);

  constructor(@InjectQueue(FORUM_NOTIFICATION_QUEUE) private readonly queue: Queue<NotificationJobData, unknown, NotificationJobName>) {}

  /**
   * Never throws: the post is stored and its author answered either way. A post whose job
   * could not be queued keeps `notified_at` null and is queued again by the next start-up sweep.
   */
  async enqueue(postId: string): Promise<void> {
    try {
      await this.queue.add('fan-out', { postId }, fanOutJobOptions(postId));
    } catch (error) {
      this.logger.error({ postId, err: error }, 'could not queue the notifications of a post; the start-up sweep will');
    }
  }

  /** The sweep's: queued again, or retried when their job failed for good (requeue). */
  async enqueueMany(postIds: readonly string[]): Promise<void> {
    await requeue(this.queue, postIds.map((postId) => ({ name: 'fan-out' as const, data: { postId }, opts: fanOutJobOptions(postId) })));
  }
}
