import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job } from 'bullmq';
import { type DeadlineJob, DEADLINE_QUEUE } from './deadline.jobs';
import { DeadlinesService } from './deadlines.service';

@Processor(DEADLINE_QUEUE)
export class DeadlinesProcessor extends WorkerHost {
  constructor(private readonly deadlines: DeadlinesService) {
    super();
  }

  async process(job: Job<DeadlineJob['data']>): Promise<boolean> {
    return this.deadlines.check(job.data.kind, job.data.requestId);
  }
}
