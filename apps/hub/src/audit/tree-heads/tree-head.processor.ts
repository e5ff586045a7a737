import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { TREE_HEAD_QUEUE } from './tree-head.jobs';
import { TreeHeadService } from './tree-head.service';

/** Thin: one issue per job (a no-op when the log did not grow); a failure waits for the next run. */
@Processor(TREE_HEAD_QUEUE)
export class TreeHeadProcessor extends WorkerHost {
  private readonly logger = new Logger(TreeHeadProcessor.name);

  constructor(private readonly treeHeads: TreeHeadService) {
    super();
  }

  async process(): Promise<{ treeSize: number } | null> {
    try {
      const head = await this.treeHeads.issue();
      return head === undefined ? null : { treeSize: head.treeSize };
    } catch (error) {
      this.logger.warn({ err: error }, 'tree head not issued');
      throw error;
    }
  }
}
