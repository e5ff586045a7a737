import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { NodeDirectoryService } from '../node-directory.service';
import { DIRECTORY_REFRESH_QUEUE } from './directory-refresh.jobs';

/** Thin: one refresh per job; a failure is logged and waits for the next run. */
@Processor(DIRECTORY_REFRESH_QUEUE)
export class DirectoryRefreshProcessor extends WorkerHost {
  private readonly logger = new Logger(DirectoryRefreshProcessor.name);

  constructor(private readonly directory: NodeDirectoryService) {
    super();
  }

  async process(): Promise<{ version: number; changed: boolean }> {
    try {
      return await this.directory.refresh();
    } catch (error) {
      this.logger.warn(`directory refresh failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
}
