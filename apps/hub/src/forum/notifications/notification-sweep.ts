import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/**
 * At start, queues the fan-out of every post whose notifications were never written: Redis is
 * not part of the post's transaction, so a crash or a lost Redis between the commit and the
 * job would otherwise leave its subscribers unaware. Job ids are post ids: no post twice.
 */
@Injectable()
export class NotificationSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationSweep.name);

  constructor(private readonly notifications: NotificationsService) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const count = await this.notifications.enqueueUnnotified();
      if (count > 0) this.logger.log({ count }, 'posts (re-)queued for notification');
    } catch (error) {
      // Not fatal: the posts are stored; the next start sweeps again.
      this.logger.error({ err: error }, 'start-up sweep of unnotified posts failed');
    }
  }
}
