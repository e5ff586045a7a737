import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** At start (with the submit worker): every message approved but not yet taken by the hub is queued again. */
@Injectable()
export class OutboxSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxSweep.name);

  constructor(private readonly outbox: OutboxService) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = await this.outbox.resubmitUnsent();
    if (count > 0) this.logger.log({ count }, 'unsent messages queued again at start');
  }
}
