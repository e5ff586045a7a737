import { Inject, Injectable, Logger } from '@nestjs/common';
import { type OfficerEntity } from '../officers/officer.entity';
import { USERNAME_PATTERN } from '../officers/officer.schemas';
import { OfficersRepository } from '../officers/officers.repository';
import { type OfficerView, viewOf } from '../officers/officers.service';
import { PasswordHasher } from '../officers/password-hasher';
import { AuthError } from './auth.errors';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

const USERNAME = new RegExp(USERNAME_PATTERN);

type Outcome = { ok: true; officer: OfficerEntity } | { ok: false; error: AuthError };

/**
 * Checks an officer's username and password, with lockout: LOGIN_MAX_FAILURES consecutive
 * failures lock the account for LOGIN_LOCKOUT_SECONDS; a success resets the count.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);

  constructor(
    private readonly officers: OfficersRepository,
    private readonly hasher: PasswordHasher,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** The officer, or AuthError INVALID_CREDENTIALS / ACCOUNT_LOCKED. Never logs the password or the name typed. */
  async authenticate(username: string, password: string, now: Date = new Date()): Promise<OfficerView> {
    // Usernames are stored lower case; "J.Martin" is the same officer as "j.martin".
    const name = username.toLowerCase();
    const found = USERNAME.test(name) ? await this.officers.findByUsername(name) : null;
    if (found === null) {
      // Same argon2 work as a wrong password: response time does not tell who exists.
      await this.hasher.verifyDummy(password);
      throw this.refuse(invalidCredentials(), undefined);
    }
    // While locked the password is not even checked: guessing during a lock learns nothing.
    if (isLocked(found, now)) throw this.refuse(locked(found), found.id);
    const passwordMatches = await this.hasher.verify(found.passwordHash, password);

    // Counted under the row lock, so concurrent attempts cannot slip past LOGIN_MAX_FAILURES.
    const outcome = await this.officers.transaction(async (tx): Promise<Outcome> => {
      const officer = await this.officers.lockById(tx, found.id);
      if (officer === null || officer.status === 'disabled') return { ok: false, error: invalidCredentials() };
      if (isLocked(officer, now)) return { ok: false, error: locked(officer) };
      if (passwordMatches) {
        if (officer.failedLogins !== 0 || officer.status !== 'active') {
          await this.officers.updateLoginState(tx, officer.id, { status: 'active', failedLogins: 0, lockedUntil: null });
        }
        return { ok: true, officer };
      }
      // A lock that has run out starts a fresh count.
      const failures = (officer.status === 'locked' ? 0 : officer.failedLogins) + 1;
      if (failures >= this.options.maxFailures) {
        const lockedUntil = new Date(now.getTime() + this.options.lockoutSeconds * 1000);
        await this.officers.updateLoginState(tx, officer.id, { status: 'locked', failedLogins: failures, lockedUntil });
        return { ok: false, error: locked({ lockedUntil }) };
      }
      await this.officers.updateLoginState(tx, officer.id, { status: 'active', failedLogins: failures, lockedUntil: null });
      return { ok: false, error: invalidCredentials() };
    });
    if (!outcome.ok) throw this.refuse(outcome.error, found.id);
    return viewOf(outcome.officer);
  }

  private refuse(error: AuthError, officerId: string | undefined): AuthError {
    this.logger.warn({ code: error.code, officerId }, `login refused: ${error.message}`);
    return error;
  }
}

function isLocked(officer: Pick<OfficerEntity, 'status' | 'lockedUntil'>, now: Date): boolean {
  return officer.status === 'locked' && officer.lockedUntil !== null && officer.lockedUntil > now;
}

function invalidCredentials(): AuthError {
  return new AuthError('INVALID_CREDENTIALS', 'unknown username or wrong password');
}

function locked(officer: Pick<OfficerEntity, 'lockedUntil'>): AuthError {
  return new AuthError('ACCOUNT_LOCKED', `too many failed logins: the account is locked until ${officer.lockedUntil?.toISOString() ?? 'later'}`);
}
