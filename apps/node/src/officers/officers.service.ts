import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type Static } from '@sinclair/typebox';
import { PasswordHasher, schemaChecker } from '@cicu/shared';
import { type OfficerEntity } from './officer.entity';
import { type OfficerRole, type OfficerStatus } from './officer-roles';
import { NewOfficer } from './officer.schemas';
import { OfficerError } from './officers.errors';
import { OfficersRepository, type OfficersTx } from './officers.repository';

export type NewOfficerInput = Static<typeof NewOfficer>;

/** What may be shown of an officer: never the hash, never the lockout counters. */
export interface OfficerView {
  id: string;
  username: string;
  displayName: string;
  roles: OfficerRole[];
  status: OfficerStatus;
}

const checkNewOfficer = schemaChecker(NewOfficer);

/** Creates and lists officers; the password policy and uniqueness rules live here. */
@Injectable()
export class OfficersService {
  private readonly logger = new Logger(OfficersService.name);

  constructor(
    private readonly repository: OfficersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Creates one officer; OfficerError INVALID_OFFICER or USERNAME_TAKEN. */
  async create(input: unknown): Promise<OfficerView> {
    const officer = await this.prepare(input);
    return this.repository.transaction(async (tx) => {
      await this.insert(tx, officer);
      return viewOf(officer);
    });
  }

  /**
   * Creates `officers` if, and only if, the node has no officer yet (the demo bootstrap):
   * all or none, in one transaction holding the table lock. Returns how many were created.
   */
  async seedIfEmpty(inputs: readonly unknown[]): Promise<number> {
    const officers = await Promise.all(inputs.map((input, i) => this.prepare(input, `/${i}`)));
    return this.repository.transaction(async (tx) => {
      if ((await this.repository.lockTableForSeeding(tx)) > 0) return 0;
      for (const officer of officers) await this.insert(tx, officer);
      return officers.length;
    });
  }

  async list(): Promise<OfficerView[]> {
    return (await this.repository.findAll()).map(viewOf);
  }

  async get(id: string): Promise<OfficerView | undefined> {
    const officer = await this.repository.findById(id);
    return officer === null ? undefined : viewOf(officer);
  }

  private async prepare(input: unknown, at = ''): Promise<Omit<OfficerEntity, 'createdAt' | 'updatedAt'>> {
    const checked = checkNewOfficer(input);
    if (!checked.ok) {
      const issues = checked.issues.map((issue) => ({ ...issue, path: `${at}${issue.path}` }));
      throw new OfficerError('INVALID_OFFICER', `invalid officer: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`, issues);
    }
    const { username, displayName, roles, password } = checked.value;
    return {
      id: randomUUID(),
      username,
      displayName: displayName.trim(),
      roles: [...roles],
      passwordHash: await this.hasher.hash(password),
      status: 'active',
      failedLogins: 0,
      lockedUntil: null,
    };
  }

  private async insert(tx: OfficersTx, officer: Omit<OfficerEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    if (await this.repository.usernameExists(tx, officer.username)) {
      throw new OfficerError('USERNAME_TAKEN', `an officer named ${officer.username} already exists`);
    }
    try {
      await this.repository.insert(tx, officer);
    } catch (cause) {
      // A concurrent create of the same name got there between the check and the insert.
      if ((cause as { code?: unknown }).code === '23505') throw new OfficerError('USERNAME_TAKEN', `an officer named ${officer.username} already exists`, [], { cause });
      throw cause;
    }
    this.logger.log(`officer ${officer.id} (${officer.roles.join(', ')}) created`);
  }
}

export function viewOf(officer: OfficerEntity | Omit<OfficerEntity, 'createdAt' | 'updatedAt'>): OfficerView {
  return { id: officer.id, username: officer.username, displayName: officer.displayName, roles: [...officer.roles], status: officer.status };
}
