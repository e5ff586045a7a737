import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job } from 'bullmq';
import { SUBMIT_QUEUE, type SubmitJob } from './submit.jobs';
import { SubmitService } from './submit.service';

/** Thin: one submission per job; a throw is a retry (attempts and back-off set when queued). */
@Processor(SUBMIT_QUEUE)
export class SubmitProcessor extends WorkerHost {
  private readonly logger = new Logger(SubmitProcessor.name);

  constructor(private readonly submissions: SubmitService) {
    super();
  }

  async process(job: Job<SubmitJob['data']>): Promise<string> {
    try {
      return await this.submissions.submit(job.data);
    } catch (error) {
      this.logger.warn({ messageId: job.data.id, attempt: job.attemptsMade + 1 }, `submission failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
}
