import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The node's officers: who may log in, with which roles. The CHECKs repeat the rules of
 * OfficersService so that no other writer (a psql session, a future import) can store an
 * officer the login code would misread.
 */
export class Officers1795966000000 implements MigrationInterface {
  name = 'Officers1795966000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE officer (
        id uuid PRIMARY KEY,
        username varchar(64) NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        display_name varchar(200) NOT NULL CHECK (length(btrim(display_name)) > 0),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['officer', 'supervisor']::text[]),
        password_hash varchar(512) NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'disabled')),
        failed_logins int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- a lock always says until when; nothing else carries a lock time
        CHECK ((status = 'locked') = (locked_until IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE officer`);
  }
}
