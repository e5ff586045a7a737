import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SESSION_REVOCATION_REASONS = ['logout', 'refresh-reuse', 'password-changed'] as const;
export type SessionRevocationReason = (typeof SESSION_REVOCATION_REASONS)[number];

/**
 * One login of a coordinator or auditor: what its access tokens (claim `sid`) and its chain
 * of refresh tokens belong to. Revoking it ends both at once.
 */
@Entity('admin_session')
export class AdminSessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The absolute end of the session: refreshing does not extend it (ADMIN_SESSION_MAX_SECONDS). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason!: SessionRevocationReason | null;
}

/** A refresh token of a session, by the SHA-256 of its value (the value itself is never stored). */
@Entity('admin_refresh_token')
export class AdminRefreshTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when it was exchanged: it is single-use, and a second use revokes the session. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
