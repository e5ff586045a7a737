import { Inject, Injectable, Logger } from '@nestjs/common';
import { decideLogin, isLocked, PasswordHasher, USERNAME_PATTERN } from '@cicu/shared';
import { type OfficerEntity } from '../officers/officer.entity';
import { OfficersRepository } from '../officers/officers.repository';
import { type OfficerView, viewOf } from '../officers/officers.service';
import { AuthError } from './auth.errors';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

const USERNAME = new RegExp(USERNAME_PATTERN);

type Outcome = { ok: true; officer: OfficerEntity } | { ok: false; error: AuthError };

/**
 * Checks an officer's username and password, with lockout (decideLogin): LOGIN_MAX_FAILURES
 * consecutive failures lock the account for LOGIN_LOCKOUT_SECONDS; a success resets the count.
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
      if (officer === null) return { ok: false, error: invalidCredentials() };
      const decision = decideLogin(officer, passwordMatches, now, this.options);
      if (decision.outcome !== 'disabled' && decision.update !== undefined) await this.officers.updateLoginState(tx, officer.id, decision.update);
      switch (decision.outcome) {
        case 'success':
          return { ok: true, officer };
        case 'locked':
          return { ok: false, error: locked(decision) };
        case 'invalid':
        case 'disabled':
          return { ok: false, error: invalidCredentials() };
        default: {
          const unhandled: never = decision;
          return unhandled;
        }
      }
    });
    if (!outcome.ok) throw this.refuse(outcome.error, found.id);
    return viewOf(outcome.officer);
  }

  private refuse(error: AuthError, officerId: string | undefined): AuthError {
    this.logger.warn({ code: error.code, officerId }, `login refused: ${error.message}`);
    return error;
  }
}

function invalidCredentials(): AuthError {
  return new AuthError('INVALID_CREDENTIALS', 'unknown username or wrong password');
}

function locked(officer: Pick<OfficerEntity, 'lockedUntil'>): AuthError {
  return new AuthError('ACCOUNT_LOCKED', `too many failed logins: the account is locked until ${officer.lockedUntil?.toISOString() ?? 'later'}`);
}
