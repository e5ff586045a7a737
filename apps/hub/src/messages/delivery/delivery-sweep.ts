import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliveryService } from './delivery.service';

/**
 * At start, enqueues every message still 'accepted'. Redis is not part of the submission's
 * transaction: a crash between commit and enqueue, or a lost Redis, would otherwise strand
 * messages. Job ids are message ids, so messages already queued are not queued twice.
 */
@Injectable()
export class DeliverySweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliverySweep.name);

  constructor(private readonly delivery: DeliveryService) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const count = await this.delivery.enqueueAccepted();
      if (count > 0) this.logger.log({ count }, 'accepted messages (re-)enqueued for delivery');
    } catch (error) {
      // Not fatal: the mailbox still serves them and the next start sweeps again.
      this.logger.error({ err: error }, 'start-up sweep of accepted messages failed');
    }
  }
}
