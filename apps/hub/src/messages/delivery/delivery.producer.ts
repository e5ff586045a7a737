import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF, DELIVERY_QUEUE, type DeliveryJob } from './delivery.jobs';

/**
 * Enqueues the push of an accepted message to its recipient's node. Called after the
 * submission's transaction has committed (Redis is not part of it); the job id is the
 * message id, so enqueuing twice (e.g. by the start-up sweep of accepted messages) is harmless.
 */
@Injectable()
export class DeliveryProducer {
  constructor(@InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJob['data'], unknown, DeliveryJob['name']>) {}

  async enqueue(messageId: string): Promise<void> {
    await this.queue.add(
      'deliver',
      { messageId },
      { jobId: messageId, attempts: DELIVERY_ATTEMPTS, backoff: DELIVERY_BACKOFF, removeOnComplete: 1000, removeOnFail: 5000 },
    );
  }
}
