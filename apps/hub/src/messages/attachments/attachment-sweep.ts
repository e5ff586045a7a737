import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { AttachmentsService } from './attachments.service';

/** One repeatable job, every ATTACHMENT_SWEEP_SECONDS, shared by the replicas through Redis. */
export const ATTACHMENT_SWEEP_QUEUE = 'attachment-sweep';
const SWEEP = 'sweep';
type SweepJob = { name: typeof SWEEP; data: Record<string, never> };

/** Registers (or updates) the sweep at start. */
@Injectable()
export class AttachmentSweepScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(ATTACHMENT_SWEEP_QUEUE) private readonly queue: Queue<SweepJob['data'], unknown, SweepJob['name']>,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // No retries: the next run comes soon and deletes the same rows.
    await this.queue.upsertJobScheduler(SWEEP, { every: this.config.ATTACHMENT_SWEEP_SECONDS * 1000 }, { name: SWEEP, data: {}, opts: { attempts: 1, removeOnComplete: 20, removeOnFail: 20 } });
  }
}

/** Thin: one sweep per job. */
@Processor(ATTACHMENT_SWEEP_QUEUE)
export class AttachmentSweepProcessor extends WorkerHost {
  constructor(private readonly attachments: AttachmentsService) {
    super();
  }

  async process(): Promise<{ deleted: number }> {
    return { deleted: await this.attachments.sweep() };
  }
}
