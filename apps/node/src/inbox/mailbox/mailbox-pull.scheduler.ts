import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { MAILBOX_PULL_JOB_OPTIONS, MAILBOX_PULL_QUEUE, MAILBOX_PULL_SCHEDULER, type MailboxPullJob } from './mailbox-pull.jobs';

/** Registers (or updates) the repeatable mailbox pull on the node's queue prefix at start. */
@Injectable()
export class MailboxPullScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(MAILBOX_PULL_QUEUE) private readonly queue: Queue<MailboxPullJob['data'], unknown, MailboxPullJob['name']>,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      MAILBOX_PULL_SCHEDULER,
      { every: this.config.MAILBOX_POLL_SECONDS * 1000 },
      { name: 'pull', data: {}, opts: MAILBOX_PULL_JOB_OPTIONS },
    );
  }
}
