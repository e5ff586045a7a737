import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type LoginState } from '@cicu/shared';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { AdminAccountEntity, type NewAdminAccountRow } from './admin-account.entity';
import { type AdminRole } from './admin-roles';
import { AdminRefreshTokenEntity, AdminSessionEntity, type SessionRevocationReason } from './admin-session.entity';

/** A unit of work on accounts; services pass it along and never look inside. */
export type AccountsTx = EntityManager;

/** The only code that touches TypeORM for coordinators' and auditors' accounts and sessions. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: AccountsTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByUsername(username: string): Promise<AdminAccountEntity | null> {
    return this.dataSource.getRepository(AdminAccountEntity).findOneBy({ username });
  }

  findById(id: string, tx?: AccountsTx): Promise<AdminAccountEntity | null> {
    return (tx ?? this.dataSource.manager).getRepository(AdminAccountEntity).findOneBy({ id });
  }

  findAll(): Promise<AdminAccountEntity[]> {
    return this.dataSource.getRepository(AdminAccountEntity).find({ order: { username: 'ASC' } });
  }

  /** The row, locked until the transaction ends: concurrent logins count failures one at a time. */
  lockById(tx: AccountsTx, id: string): Promise<AdminAccountEntity | null> {
    return tx.getRepository(AdminAccountEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Takes the table lock every account creation holds while it checks what exists, so two
   * bootstraps (or replicas seeding the demo accounts) cannot both find "none".
   */
  async lockTable(tx: AccountsTx): Promise<void> {
    await tx.query('LOCK TABLE admin_account IN SHARE ROW EXCLUSIVE MODE');
  }

  count(tx: AccountsTx, role?: AdminRole): Promise<number> {
    return tx.getRepository(AdminAccountEntity).countBy(role === undefined ? {} : { role });
  }

  usernameExists(tx: AccountsTx, username: string): Promise<boolean> {
    return tx.getRepository(AdminAccountEntity).existsBy({ username });
  }

  async insert(tx: AccountsTx, account: NewAdminAccountRow): Promise<void> {
    await tx.getRepository(AdminAccountEntity).insert(account);
  }

  async updateLoginState(tx: AccountsTx, id: string, state: LoginState): Promise<void> {
    await tx.getRepository(AdminAccountEntity).update({ id }, state);
  }

  async updatePassword(tx: AccountsTx, id: string, passwordHash: string): Promise<void> {
    await tx.getRepository(AdminAccountEntity).update({ id }, { passwordHash, passwordChangeRequired: false });
  }

  async insertSession(tx: AccountsTx, session: AdminSessionEntity): Promise<void> {
    await tx.getRepository(AdminSessionEntity).insert(session);
  }

  /** The session and its account, as an access token's check reads them on every request. */
  async findSessionWithAccount(sessionId: string): Promise<{ session: AdminSessionEntity; account: AdminAccountEntity } | undefined> {
    const session = await this.dataSource.getRepository(AdminSessionEntity).findOneBy({ id: sessionId });
    if (session === null) return undefined;
    const account = await this.dataSource.getRepository(AdminAccountEntity).findOneBy({ id: session.accountId });
    return account === null ? undefined : { session, account };
  }

  lockSession(tx: AccountsTx, id: string): Promise<AdminSessionEntity | null> {
    return tx.getRepository(AdminSessionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Ends the session if it is still open; true when this call ended it. A session ended
   * meanwhile (a concurrent logout) is left as it is, so each end is audited once.
   */
  async revokeSession(tx: AccountsTx, id: string, reason: SessionRevocationReason, at: Date): Promise<boolean> {
    const result = await tx.getRepository(AdminSessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
    return result.affected === 1;
  }

  /** Ends the account's sessions still open, but `keep`; returns the ids of those this call ended. */
  async revokeOtherSessions(tx: AccountsTx, accountId: string, keep: string, reason: SessionRevocationReason, at: Date): Promise<string[]> {
    // One statement: RETURNING names exactly the sessions this call ended (not one ended meanwhile).
    const [rows] = (await tx.query(
      `UPDATE admin_session SET revoked_at = $4, revoked_reason = $3 WHERE account_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
      [accountId, keep, reason, at],
    )) as [{ id: string }[], number];
    return rows.map((row) => row.id);
  }

  async insertRefreshToken(tx: AccountsTx, token: AdminRefreshTokenEntity): Promise<void> {
    await tx.getRepository(AdminRefreshTokenEntity).insert(token);
  }

  lockRefreshToken(tx: AccountsTx, tokenHash: string): Promise<AdminRefreshTokenEntity | null> {
    return tx.getRepository(AdminRefreshTokenEntity).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markRefreshTokenUsed(tx: AccountsTx, tokenHash: string, at: Date): Promise<void> {
    await tx.getRepository(AdminRefreshTokenEntity).update({ tokenHash }, { usedAt: at });
  }
}
