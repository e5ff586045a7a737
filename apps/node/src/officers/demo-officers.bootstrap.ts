import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DemoOfficersFile } from './officer.schemas';
import { OFFICERS_OPTIONS, type OfficersOptions } from './officers.options';
import { OfficersService } from './officers.service';
import { schemaChecker } from './schema-issues';

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
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch (cause) {
      throw new Error(`DEMO_OFFICERS_FILE ${path} is not a readable JSON file`, { cause });
    }
    const checked = checkFile(parsed);
    if (!checked.ok) {
      throw new Error(`DEMO_OFFICERS_FILE ${path}: ${checked.issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`);
    }
    const created = await this.officers.seedIfEmpty(checked.value);
    if (created > 0) this.logger.log(`${created} officer(s) created from DEMO_OFFICERS_FILE`);
  }
}
