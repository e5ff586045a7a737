import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type Static } from '@sinclair/typebox';
import { PasswordHasher, schemaChecker } from '@cicu/shared';
import { type AuditActor, type AdminAccountEvent } from '../audit/audit-event';
import { AuditService } from '../audit/audit.service';
import { AccessError } from '../auth/access.errors';
import { CreateAdminAccountRequest, ChangePasswordRequest, NewAdminAccount } from './account.schemas';
import { AccountError } from './accounts.errors';
import { AccountsRepository, type AccountsTx } from './accounts.repository';
import { type AdminAccountEntity, type NewAdminAccountRow } from './admin-account.entity';
import { actorOf, type AdminAccountView, type AuthenticatedAdmin } from './authenticated-admin';

const checkNewAccount = schemaChecker(NewAdminAccount);
const checkCreateRequest = schemaChecker(CreateAdminAccountRequest);
const checkChangePassword = schemaChecker(ChangePasswordRequest);

type Via = Extract<AdminAccountEvent, { type: 'admin.account-created' }>['via'];

/** An account just created with a one-time password, shown this once. */
export interface CreatedAccount {
  account: AdminAccountView;
  oneTimePassword: string;
}

/**
 * One-time passwords: 18 random bytes, base64url (24 characters, 144 bits), well above the
 * password policy's minimum length.
 */
export function generateOneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Coordinators' and auditors' accounts: creation (bootstrap, demo file, API), listing, password change. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly repository: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /**
   * The first coordinator (`npm run hub -- bootstrap-coordinator`): refused with
   * COORDINATOR_EXISTS once any coordinator exists, checked under the table lock. Without a
   * password one is generated. Either way it is a one-time password: every route but the
   * password change stays closed until it is changed.
   */
  async bootstrapCoordinator(username: string, password: string | undefined): Promise<CreatedAccount> {
    const oneTimePassword = password ?? generateOneTimePassword();
    const row = await this.prepare({ username, displayName: username, role: 'coordinator', password: oneTimePassword }, { passwordChangeRequired: true });
    return this.repository.transaction(async (tx) => {
      await this.repository.lockTable(tx);
      if ((await this.repository.count(tx, 'coordinator')) > 0) throw new AccountError('COORDINATOR_EXISTS', 'a coordinator already exists: the bootstrap is done (coordinators create further accounts)');
      await this.insert(tx, row, { kind: 'hub' }, 'bootstrap');
      return { account: viewOf(row), oneTimePassword };
    });
  }

  /**
   * Creates `inputs` if, and only if, the hub has no account yet (DEMO_ADMINS_FILE): all or
   * none, in one transaction holding the table lock. Returns how many were created.
   */
  async seedIfEmpty(inputs: readonly unknown[]): Promise<number> {
    const rows = await Promise.all(inputs.map((input, i) => this.prepare(input, { passwordChangeRequired: false, at: `/${i}` })));
    return this.repository.transaction(async (tx) => {
      await this.repository.lockTable(tx);
      if ((await this.repository.count(tx)) > 0) return 0;
      for (const row of rows) await this.insert(tx, row, { kind: 'hub' }, 'demo-file');
      return rows.length;
    });
  }

  /** A coordinator creates a coordinator or auditor; the hub makes the one-time password, returned once. */
  async create(by: AuthenticatedAdmin, input: unknown): Promise<CreatedAccount> {
    const checked = checkCreateRequest(input);
    if (!checked.ok) throw invalid(checked.issues);
    const oneTimePassword = generateOneTimePassword();
    const row = await this.prepare({ ...checked.value, password: oneTimePassword }, { passwordChangeRequired: true });
    return this.repository.transaction(async (tx) => {
      await this.insert(tx, row, actorOf(by), 'api');
      return { account: viewOf(row), oneTimePassword };
    });
  }

  async list(): Promise<AdminAccountView[]> {
    return (await this.repository.findAll()).map(viewOf);
  }

  /**
   * Changes the caller's own password (and clears a one-time password's restriction). The
   * current password must match; the account's other sessions end (a stolen session does not
   * survive the change); the one making the change continues.
   *
   * The password is verified outside the transaction (argon2 is slow), then the account row is
   * locked and the change made only if the stored hash is still the one verified and the
   * caller's session is still open: of two changes from the same current password (two
   * sessions), the second is refused, INVALID_CREDENTIALS, and the first one's session goes on.
   */
  async changePassword(admin: AuthenticatedAdmin, input: unknown, now: Date = new Date()): Promise<void> {
    const checked = checkChangePassword(input);
    if (!checked.ok) throw new AccessError('VALIDATION', 'the password change is invalid', checked.issues);
    const account = await this.repository.findById(admin.id);
    if (account === null || !(await this.hasher.verify(account.passwordHash, checked.value.currentPassword))) {
      throw new AccessError('INVALID_CREDENTIALS', 'the current password is wrong');
    }
    if (checked.value.newPassword === checked.value.currentPassword) {
      throw new AccessError('VALIDATION', 'the password change is invalid', [{ path: '/newPassword', code: 'unchanged', message: 'must differ from the current password' }]);
    }
    const hash = await this.hasher.hash(checked.value.newPassword);
    await this.repository.transaction(async (tx) => {
      const locked = await this.repository.lockById(tx, admin.id);
      if (locked?.passwordHash !== account.passwordHash) throw new AccessError('INVALID_CREDENTIALS', 'the current password is wrong: it was changed meanwhile');
      const session = await this.repository.lockSession(tx, admin.sessionId);
      if (session === null || session.revokedAt !== null) throw new AccessError('UNAUTHENTICATED', 'the session has ended: log in again');
      await this.repository.updatePassword(tx, admin.id, hash);
      const ended = await this.repository.revokeOtherSessions(tx, admin.id, admin.sessionId, 'password-changed', now);
      const actor = actorOf(admin);
      await this.audit.recordMany(tx, [
        { type: 'admin.password-changed', actor, accountId: admin.id },
        ...ended.map((sessionId) => ({ type: 'admin.session-revoked' as const, actor, accountId: admin.id, sessionId, reason: 'password-changed' as const })),
      ], now);
    });
  }

  private async prepare(input: unknown, { passwordChangeRequired, at = '' }: { passwordChangeRequired: boolean; at?: string }): Promise<NewAdminAccountRow> {
    const checked = checkNewAccount(input);
    if (!checked.ok) throw invalid(checked.issues.map((issue) => ({ ...issue, path: `${at}${issue.path}` })));
    const { username, displayName, role, password } = checked.value satisfies Static<typeof NewAdminAccount>;
    return {
      id: randomUUID(),
      username,
      displayName: displayName.trim(),
      role,
      passwordHash: await this.hasher.hash(password),
      passwordChangeRequired,
      status: 'active',
      failedLogins: 0,
      lockedUntil: null,
    };
  }

  private async insert(tx: AccountsTx, row: NewAdminAccountRow, actor: AuditActor, via: Via): Promise<void> {
    const taken = () => new AccountError('USERNAME_TAKEN', `an account named ${row.username} already exists`);
    if (await this.repository.usernameExists(tx, row.username)) throw taken();
    try {
      await this.repository.insert(tx, row);
    } catch (cause) {
      // A concurrent create of the same name got there between the check and the insert.
      if ((cause as { code?: unknown }).code === '23505') throw taken();
      throw cause;
    }
    await this.audit.record(tx, { type: 'admin.account-created', actor, accountId: row.id, role: row.role, via });
    this.logger.log(`${row.role} account ${row.id} created (${via})`);
  }
}

export function viewOf(account: AdminAccountEntity | NewAdminAccountRow): AdminAccountView {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    status: account.status,
    passwordChangeRequired: account.passwordChangeRequired,
  };
}

function invalid(issues: { path: string; code: string; message: string }[]): AccountError {
  return new AccountError('INVALID_ACCOUNT', `invalid account: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`, issues);
}
