import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job } from 'bullmq';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { SUBMIT_QUEUE, type SubmitJob } from './submit.jobs';
import { SubmitService } from './submit.service';

/**
 * Thin: one submission per job; a throw is a retry (attempts and back-off set when queued).
 * SUBMIT_CONCURRENCY jobs run at once: messages are independent, and BullMQ never runs one
 * job twice at the same time.
 */
@Processor(SUBMIT_QUEUE)
export class SubmitProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubmitProcessor.name);

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly submissions: SubmitService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.SUBMIT_CONCURRENCY;
  }

  async process(job: Job<SubmitJob['data']>): Promise<string> {
    try {
      return await this.submissions.submit(job.data);
    } catch (error) {
      this.logger.warn({ messageId: job.data.id, attempt: job.attemptsMade + 1, err: error }, 'submission failed, will retry');
      throw error;
    }
  }
}
