import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { OutboxService } from './outbox.service';

/**
 * At start (with the submit worker): every message approved but not yet taken by the hub is
 * queued again, and every submitted request still owed by the partner gets back the deadline
 * jobs Redis lost.
 */
@Injectable()
export class OutboxSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxSweep.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly deadlines: DeadlinesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = await this.outbox.resubmitUnsent();
    if (count > 0) this.logger.log({ count }, 'unsent messages queued again at start');
    const jobs = await this.deadlines.rescheduleOpen();
    if (jobs > 0) this.logger.log({ jobs }, 'deadline jobs of open requests queued again at start (those Redis still held left as they were)');
  }
}
