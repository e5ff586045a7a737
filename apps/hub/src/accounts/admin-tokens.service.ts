import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Static, Type } from '@sinclair/typebox';
import { KeyringService, schemaChecker, SelfIssuedTokenError, VerifiedTokens, verifySelfIssuedToken } from '@cicu/shared';
import { AuditService } from '../audit/audit.service';
import { AccessError } from '../auth/access.errors';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { RefreshRequest } from './account.schemas';
import { AccountsRepository, type AccountsTx } from './accounts.repository';
import { viewOf } from './accounts.service';
import { type AdminAccountEntity } from './admin-account.entity';
import { ADMIN_ROLES } from './admin-roles';
import { actorOf, type AuthenticatedAdmin } from './authenticated-admin';

export const ADMIN_TOKEN_TYP = 'cicu-admin-token+jwt';

const AdminTokenClaims = Type.Object(
  {
    sub: Type.String({ format: 'uuid' }),
    sid: Type.String({ format: 'uuid' }),
    aud: Type.String({ minLength: 1 }),
    role: Type.Union(ADMIN_ROLES.map((r) => Type.Literal(r))),
    iat: Type.Integer({ minimum: 0 }),
    exp: Type.Integer({ minimum: 0 }),
    jti: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
type AdminTokenClaims = Static<typeof AdminTokenClaims>;
const checkClaims = schemaChecker(AdminTokenClaims);
const checkRefresh = schemaChecker(RefreshRequest);

export interface AdminTokens {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  /** Seconds until the refresh token expires (unused). */
  refreshExpiresIn: number;
  /** When true, only POST /v1/admin/auth/password (and me, logout) is open until the password is changed. */
  passwordChangeRequired: boolean;
}

const sha256Hex = (value: string): string => createHash('sha256').update(value, 'ascii').digest('hex');

/**
 * Coordinators' and auditors' sessions: short-lived access tokens (JWS signed with the hub's
 * own key, typ cicu-admin-token+jwt, aud HUB_AUDIENCE, claim `sid`), and single-use refresh
 * tokens, rotated on each use, stored as SHA-256 hashes; a refresh token used twice ends its
 * session (it was copied). Logout ends the session, and with it every token of it, at once.
 */
@Injectable()
export class AdminTokensService {
  private readonly logger = new Logger(AdminTokensService.name);
  /** A session's calls carry the same access token until it is refreshed: its signature is checked once. */
  private readonly verified = new VerifiedTokens<AdminTokenClaims>();

  constructor(
    private readonly keyring: KeyringService,
    private readonly repository: AccountsRepository,
    private readonly audit: AuditService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Opens a session for `account` in the login's transaction, with its first tokens. */
  async openSession(tx: AccountsTx, account: AdminAccountEntity, now: Date): Promise<{ sessionId: string; tokens: AdminTokens }> {
    const sessionId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.ADMIN_SESSION_MAX_SECONDS * 1000);
    await this.repository.insertSession(tx, { id: sessionId, accountId: account.id, createdAt: now, expiresAt, revokedAt: null, revokedReason: null });
    return { sessionId, tokens: await this.issue(tx, account, sessionId, expiresAt, now) };
  }

  /**
   * The coordinator or auditor a token speaks for, re-read with its session on every request:
   * a logged-out session, a disabled account, a changed role take effect at once. Anything
   * else than a valid, current token of this hub is UNAUTHENTICATED.
   */
  async verify(token: string, now: Date = new Date()): Promise<AuthenticatedAdmin> {
    let claims;
    try {
      claims = await verifySelfIssuedToken(this.keyring, token, {
        typ: ADMIN_TOKEN_TYP,
        audience: this.config.HUB_AUDIENCE,
        maxTtlSeconds: this.config.ADMIN_ACCESS_TOKEN_TTL_SECONDS,
        check: checkClaims,
        now,
        verified: this.verified,
      });
    } catch (cause) {
      if (!(cause instanceof SelfIssuedTokenError)) throw cause;
      if (cause.code === 'expired') throw new AccessError('UNAUTHENTICATED', 'the access token has expired: refresh it or log in again', [], { cause });
      throw this.refuse(new AccessError('UNAUTHENTICATED', 'the access token is not valid', [], { cause }), cause.code);
    }
    const found = await this.repository.findSessionWithAccount(claims.sid);
    if (found === undefined || found.account.id !== claims.sub) throw this.refuse(new AccessError('UNAUTHENTICATED', 'the access token is not valid'), 'session');
    const { session, account } = found;
    if (session.revokedAt !== null || session.expiresAt <= now) throw new AccessError('UNAUTHENTICATED', 'the session has ended: log in again');
    if (account.status === 'disabled') throw this.refuse(new AccessError('UNAUTHENTICATED', 'this account may no longer log in'), 'account');
    return { kind: 'admin', ...viewOf(account), sessionId: session.id };
  }

  /**
   * Exchanges a refresh token for new tokens. Single use: the token is spent in the same
   * transaction that issues its successor; presenting a spent token again revokes the whole
   * session (RFC 9700 §4.14.2, refresh token rotation), audited.
   */
  async refresh(body: unknown, now: Date = new Date()): Promise<AdminTokens> {
    const checked = checkRefresh(body);
    if (!checked.ok) throw new AccessError('VALIDATION', 'the refresh request is invalid', checked.issues);
    const hash = sha256Hex(checked.value.refreshToken);
    const outcome = await this.repository.transaction(async (tx): Promise<AdminTokens | AccessError> => {
      const stored = await this.repository.lockRefreshToken(tx, hash);
      if (stored === null) return new AccessError('UNAUTHENTICATED', 'the refresh token is not valid: log in again');
      const session = await this.repository.lockSession(tx, stored.sessionId);
      if (session === null || session.revokedAt !== null || session.expiresAt <= now) return new AccessError('UNAUTHENTICATED', 'the session has ended: log in again');
      const account = await this.repository.findById(session.accountId, tx);
      if (account === null || account.status === 'disabled') return new AccessError('UNAUTHENTICATED', 'this account may no longer log in');
      if (stored.usedAt !== null) {
        await this.repository.revokeSession(tx, session.id, 'refresh-reuse', now);
        await this.audit.record(tx, { type: 'admin.session-revoked', actor: { kind: 'hub' }, accountId: account.id, sessionId: session.id, reason: 'refresh-reuse' }, now);
        this.logger.warn({ accountId: account.id, sessionId: session.id }, 'a spent refresh token was presented again: session revoked');
        return new AccessError('UNAUTHENTICATED', 'the refresh token was already used: the session is revoked, log in again');
      }
      if (stored.expiresAt <= now) return new AccessError('UNAUTHENTICATED', 'the refresh token has expired: log in again');
      await this.repository.markRefreshTokenUsed(tx, hash, now);
      return this.issue(tx, account, session.id, session.expiresAt, now);
    });
    if (outcome instanceof AccessError) throw outcome;
    return outcome;
  }

  /**
   * Ends the session of the request: its access and refresh tokens are refused from now on.
   * Idempotent: a logout that finds the session ended by a concurrent one (both authenticated
   * while it was open) succeeds too, but only the call that ended it is audited.
   */
  async logout(admin: AuthenticatedAdmin, now: Date = new Date()): Promise<void> {
    await this.repository.transaction(async (tx) => {
      if (!(await this.repository.revokeSession(tx, admin.sessionId, 'logout', now))) return;
      await this.audit.record(tx, { type: 'admin.logout', actor: actorOf(admin), sessionId: admin.sessionId }, now);
    });
  }

  private async issue(tx: AccountsTx, account: AdminAccountEntity, sessionId: string, sessionEnd: Date, now: Date): Promise<AdminTokens> {
    const iat = Math.floor(now.getTime() / 1000);
    const ttl = this.config.ADMIN_ACCESS_TOKEN_TTL_SECONDS;
    const claims = { sub: account.id, sid: sessionId, aud: this.config.HUB_AUDIENCE, role: account.role, iat, exp: iat + ttl, jti: randomUUID() };
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshEnd = Math.min(now.getTime() + this.config.ADMIN_REFRESH_TOKEN_TTL_SECONDS * 1000, sessionEnd.getTime());
    await this.repository.insertRefreshToken(tx, { tokenHash: sha256Hex(refreshToken), sessionId, issuedAt: now, expiresAt: new Date(refreshEnd), usedAt: null });
    return {
      accessToken: await this.keyring.sign(claims, ADMIN_TOKEN_TYP),
      tokenType: 'Bearer',
      expiresIn: ttl,
      refreshToken,
      refreshExpiresIn: Math.floor((refreshEnd - now.getTime()) / 1000),
      passwordChangeRequired: account.passwordChangeRequired,
    };
  }

  private refuse(error: AccessError, reason: string): AccessError {
    // The token itself is never logged.
    this.logger.warn({ code: error.code, reason }, `admin access token refused: ${error.message}`);
    return error;
  }
}
