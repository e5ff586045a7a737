import { Inject, Injectable, Logger } from '@nestjs/common';
import { decideLogin, isLocked, PasswordHasher, USERNAME_PATTERN } from '@cicu/shared';
import { type AuditEvent } from '../audit/audit-event';
import { AuditService } from '../audit/audit.service';
import { AccessError } from '../auth/access.errors';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { AccountsRepository } from './accounts.repository';
import { viewOf } from './accounts.service';
import { type AdminAccountView, actorOf } from './authenticated-admin';
import { type AdminTokens, AdminTokensService } from './admin-tokens.service';

const USERNAME = new RegExp(USERNAME_PATTERN);

export interface AdminLogin {
  account: AdminAccountView;
  tokens: AdminTokens;
}

/**
 * Coordinators' and auditors' login, with lockout (decideLogin: ADMIN_LOGIN_MAX_FAILURES
 * consecutive failures lock the account for ADMIN_LOGIN_LOCKOUT_SECONDS). Each outcome is
 * audited in the transaction that records it: the login with its new session, the failure
 * with its count, the lock. Never logs or audits the password or the username typed.
 */
@Injectable()
export class AdminLoginService {
  private readonly logger = new Logger(AdminLoginService.name);

  constructor(
    private readonly repository: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AdminTokensService,
    private readonly audit: AuditService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** The account and its new session's tokens, or AccessError INVALID_CREDENTIALS / ACCOUNT_LOCKED. */
  async login(username: string, password: string, now: Date = new Date()): Promise<AdminLogin> {
    // Usernames are stored lower case; "J.Martin" is the same account as "j.martin".
    const name = username.toLowerCase();
    const found = USERNAME.test(name) ? await this.repository.findByUsername(name) : null;
    if (found === null) {
      // Same argon2 work as a wrong password: response time does not tell who exists.
      await this.hasher.verifyDummy(password);
      await this.repository.transaction((tx) => this.audit.record(tx, { type: 'admin.login-failed', actor: { kind: 'hub' }, reason: 'INVALID_CREDENTIALS' }, now));
      throw this.refuse(invalidCredentials(), undefined);
    }
    // While locked the password is not even checked: guessing during a lock learns nothing.
    const passwordMatches = isLocked(found, now) ? false : await this.hasher.verify(found.passwordHash, password);

    // Counted under the row lock, so concurrent attempts cannot slip past the limit.
    const outcome = await this.repository.transaction(async (tx): Promise<AdminLogin | AccessError> => {
      const account = await this.repository.lockById(tx, found.id);
      if (account === null) return invalidCredentials();
      const decision = decideLogin(account, passwordMatches, now, { maxFailures: this.config.ADMIN_LOGIN_MAX_FAILURES, lockoutSeconds: this.config.ADMIN_LOGIN_LOCKOUT_SECONDS });
      if (decision.outcome !== 'disabled' && decision.update !== undefined) await this.repository.updateLoginState(tx, account.id, decision.update);
      const failed = (reason: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED'): AuditEvent => ({ type: 'admin.login-failed', actor: { kind: 'hub' }, reason, accountId: account.id });
      switch (decision.outcome) {
        case 'success': {
          const { sessionId, tokens } = await this.tokens.openSession(tx, account, now);
          await this.audit.record(tx, { type: 'admin.login', actor: actorOf(account), sessionId }, now);
          return { account: viewOf({ ...account, ...decision.update }), tokens };
        }
        case 'locked': {
          const events: AuditEvent[] = [failed('ACCOUNT_LOCKED')];
          if (decision.lockedNow) {
            events.push({ type: 'admin.account-locked', actor: { kind: 'hub' }, accountId: account.id, lockedUntil: decision.lockedUntil.toISOString(), failedLogins: decision.update?.failedLogins ?? account.failedLogins });
          }
          await this.audit.recordMany(tx, events, now);
          return locked(decision.lockedUntil);
        }
        case 'invalid':
        case 'disabled':
          await this.audit.record(tx, failed('INVALID_CREDENTIALS'), now);
          return invalidCredentials();
        default: {
          const unhandled: never = decision;
          return unhandled;
        }
      }
    });
    if (outcome instanceof AccessError) throw this.refuse(outcome, found.id);
    return outcome;
  }

  private refuse(error: AccessError, accountId: string | undefined): AccessError {
    this.logger.warn({ code: error.code, accountId }, `admin login refused: ${error.message}`);
    return error;
  }
}

function invalidCredentials(): AccessError {
  return new AccessError('INVALID_CREDENTIALS', 'unknown username or wrong password');
}

function locked(until: Date): AccessError {
  return new AccessError('ACCOUNT_LOCKED', `too many failed logins: the account is locked until ${until.toISOString()}`);
}
