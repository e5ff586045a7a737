import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { KeyringService } from '@cicu/shared';
import { NodeDirectoryService } from '../node-directory.service';
import { DIRECTORY_REFRESH_QUEUE } from './directory-refresh.jobs';

/**
 * Thin: one refresh per job; a failure is logged and waits for the next run. After each
 * attempt the copy's age is judged (a stale copy raises the alert once), and the keyring looks
 * for keys the rotate-keys command promoted meanwhile, so that a running node signs with its
 * new key within one refresh interval (docs/adr-key-lifecycle.md).
 */
@Processor(DIRECTORY_REFRESH_QUEUE)
export class DirectoryRefreshProcessor extends WorkerHost {
  private readonly logger = new Logger(DirectoryRefreshProcessor.name);

  constructor(
    private readonly directory: NodeDirectoryService,
    private readonly keyring: KeyringService,
  ) {
    super();
  }

  async process(): Promise<{ version: number; changed: boolean }> {
    try {
      return await this.directory.refresh();
    } catch (error) {
      this.logger.warn({ err: error }, 'directory refresh failed');
      throw error;
    } finally {
      this.directory.checkFreshness();
      await this.reloadKeys();
    }
  }

  private async reloadKeys(): Promise<void> {
    try {
      if (await this.keyring.reloadIfChanged()) this.logger.log(`keys reloaded: signing with ${this.keyring.signingKid}`);
    } catch (error) {
      this.logger.warn({ err: error }, 'keys not reloaded');
    }
  }
}
