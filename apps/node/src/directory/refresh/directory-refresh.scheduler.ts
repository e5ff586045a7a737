import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { DIRECTORY_REFRESH_JOB_OPTIONS, DIRECTORY_REFRESH_QUEUE, DIRECTORY_REFRESH_SCHEDULER, type DirectoryRefreshJob } from './directory-refresh.jobs';

/** Registers (or updates) the repeatable refresh on the node's queue prefix at start. */
@Injectable()
export class DirectoryRefreshScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(DIRECTORY_REFRESH_QUEUE) private readonly queue: Queue<DirectoryRefreshJob['data'], unknown, DirectoryRefreshJob['name']>,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DIRECTORY_REFRESH_SCHEDULER,
      { every: this.config.DIRECTORY_REFRESH_SECONDS * 1000 },
      { name: 'refresh', data: {}, opts: DIRECTORY_REFRESH_JOB_OPTIONS },
    );
  }
}
