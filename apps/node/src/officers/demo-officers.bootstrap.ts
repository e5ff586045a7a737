import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { readCheckedJsonFile, schemaChecker } from '@cicu/shared';
import { DemoOfficersFile } from './officer.schemas';
import { OFFICERS_OPTIONS, type OfficersOptions } from './officers.options';
import { OfficersService } from './officers.service';

const checkFile = schemaChecker(DemoOfficersFile);

/**
 * One-time bootstrap of a demo or fresh node: when DEMO_OFFICERS_FILE is set and the node has
 * no officer yet, creates the officers the file lists. Passwords come from that file only;
 * the code holds none. A bad file stops the start (an operator error, said once, clearly).
 */
@Injectable()
export class DemoOfficersBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoOfficersBootstrap.name);

  constructor(
    private readonly officers: OfficersService,
    @Inject(OFFICERS_OPTIONS) private readonly options: OfficersOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const path = this.options.demoOfficersFile;
    if (path === undefined) return;
    const created = await this.officers.seedIfEmpty(await readCheckedJsonFile('DEMO_OFFICERS_FILE', path, checkFile));
    if (created > 0) this.logger.log(`${created} officer(s) created from DEMO_OFFICERS_FILE`);
  }
}
