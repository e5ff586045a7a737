import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { readCheckedJsonFile, schemaChecker } from '@cicu/shared';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { DemoAdminsFile } from './account.schemas';
import { AccountsService } from './accounts.service';

const checkFile = schemaChecker(DemoAdminsFile);

/**
 * Demo only: when DEMO_ADMINS_FILE is set and the hub has no account yet, creates the
 * coordinators and auditors it lists (passwords from the file only; the code holds none).
 * A real hub gets its first coordinator from `npm run hub -- bootstrap-coordinator`.
 */
@Injectable()
export class DemoAdminsBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoAdminsBootstrap.name);

  constructor(
    private readonly accounts: AccountsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const path = this.config.DEMO_ADMINS_FILE;
    if (path === undefined) return;
    const created = await this.accounts.seedIfEmpty(await readCheckedJsonFile('DEMO_ADMINS_FILE', path, checkFile));
    if (created > 0) this.logger.log(`${created} coordinator/auditor account(s) created from DEMO_ADMINS_FILE`);
  }
}
