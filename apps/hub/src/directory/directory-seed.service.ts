import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { DirectoryRepository, type NewDirectoryRows } from './directory.repository';
import { type DirectorySeed } from './seed/directory-seed.schema';
import { readDirectorySeed } from './seed/read-directory-seed';

/**
 * Fills the directory from the seed file at the hub's first start (empty unit table), in one
 * transaction, and never again: after that the directory changes only through the hub.
 */
@Injectable()
export class DirectorySeedService implements OnModuleInit {
  private readonly logger = new Logger(DirectorySeedService.name);

  constructor(
    private readonly repository: DirectoryRepository,
    private readonly audit: AuditService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.loadSeedIfEmpty(this.config.DIRECTORY_SEED_FILE);
  }

  /** 'loaded' when this call filled the directory, 'skipped' when it already had units. */
  async loadSeedIfEmpty(file: string): Promise<'loaded' | 'skipped'> {
    if ((await this.repository.countUnits()) > 0) return 'skipped';
    // Validated in full before the transaction opens: a bad seed inserts nothing.
    const seed = await readDirectorySeed(file);
    const outcome = await this.repository.transaction(async (tx) => {
      await this.repository.lockVersion(tx);
      // Another replica may have loaded it while this one read the file.
      if ((await this.repository.countUnits(tx)) > 0) return 'skipped' as const;
      await this.repository.insertAll(tx, toRows(seed));
      const version = await this.repository.bumpVersion(tx);
      await this.audit.record(tx, { type: 'directory.seeded', actor: { kind: 'hub' }, version, units: seed.units.length, agreements: seed.agreements.length });
      return 'loaded' as const;
    });
    if (outcome === 'loaded') {
      this.logger.log(`directory seeded from ${file}: ${seed.units.length} units, ${seed.legalBases.length} legal bases, ${seed.agreements.length} agreements`);
    }
    return outcome;
  }
}

function toRows(seed: DirectorySeed): NewDirectoryRows {
  return {
    memberStates: seed.memberStates.map(({ code, name }) => ({ code, name })),
    units: seed.units.map((u) => ({
      id: u.id,
      memberStateCode: u.memberState,
      name: u.name,
      shortName: u.shortName,
      administration: u.administration,
      status: u.status ?? 'active',
      areas: u.areas,
    })),
    legalBases: seed.legalBases.map((b) => ({
      id: b.id,
      instrument: b.instrument,
      article: b.article,
      title: b.title,
      officialReference: b.officialReference,
      requestTypes: b.requestTypes,
      validFrom: b.validFrom,
      validTo: b.validTo ?? null,
    })),
    agreements: seed.agreements.map((a) => ({
      agreement: {
        id: a.id,
        version: a.version ?? 1,
        title: a.title,
        requestTypes: a.requestTypes,
        areas: a.areas,
        validFrom: a.validFrom,
        validTo: a.validTo ?? null,
        maxPriority: a.maxPriority,
        dueTimes: { ...a.dueTimes },
        contactPoints: a.contactPoints.map((c) => ({ ...c })),
      },
      parties: a.parties,
      legalBases: a.legalBases,
    })),
  };
}
