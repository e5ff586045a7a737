import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { TREE_HEAD_JOB_OPTIONS, TREE_HEAD_QUEUE, TREE_HEAD_SCHEDULER, type TreeHeadJob } from './tree-head.jobs';

/** Registers (or updates) the repeatable tree-head job at start; replicas share it through Redis. */
@Injectable()
export class TreeHeadScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(TREE_HEAD_QUEUE) private readonly queue: Queue<TreeHeadJob['data'], unknown, TreeHeadJob['name']>,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(TREE_HEAD_SCHEDULER, { every: this.config.AUDIT_TREE_HEAD_SECONDS * 1000 }, { name: 'issue', data: {}, opts: TREE_HEAD_JOB_OPTIONS });
  }
}
