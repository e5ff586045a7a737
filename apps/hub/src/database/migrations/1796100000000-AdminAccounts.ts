import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The hub's own people: coordinators and auditors (admin_account), their login sessions and
 * the rotating refresh tokens of each session, stored as SHA-256 hashes only
 * (docs/adr-admin-accounts.md). The CHECKs repeat the services' rules, so no other writer can
 * store what login would misread.
 */
export class AdminAccounts1796100000000 implements MigrationInterface {
  name = 'AdminAccounts1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_account (
        id uuid PRIMARY KEY,
        username varchar(64) NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        display_name varchar(200) NOT NULL CHECK (length(display_name) > 0),
        role varchar(16) NOT NULL CHECK (role IN ('coordinator', 'auditor')),
        password_hash varchar(512) NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        password_change_required boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'disabled')),
        failed_logins int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT admin_account_username_unique UNIQUE (username),
        CONSTRAINT admin_account_lock CHECK ((status = 'locked') = (locked_until IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE admin_session (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES admin_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(32) CHECK (revoked_reason IN ('logout', 'refresh-reuse', 'password-changed')),
        CONSTRAINT admin_session_revocation CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
        CONSTRAINT admin_session_lifetime CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX admin_session_account_idx ON admin_session (account_id)`);
    await q.query(`
      CREATE TABLE admin_refresh_token (
        token_hash char(64) PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        session_id uuid NOT NULL REFERENCES admin_session (id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT admin_refresh_token_lifetime CHECK (expires_at > issued_at)
      )`);
    await q.query(`CREATE INDEX admin_refresh_token_session_idx ON admin_refresh_token (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admin_refresh_token`);
    await q.query(`DROP TABLE admin_session`);
    await q.query(`DROP TABLE admin_account`);
  }
}
