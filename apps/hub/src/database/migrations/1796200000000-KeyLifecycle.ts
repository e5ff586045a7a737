import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Node enrolment and key lifecycle (docs/adr-key-lifecycle.md): one-time enrolment tokens,
 * stored as SHA-256 hashes only, and the rotation of a node key (the key that replaced it and
 * the end of the overlap window during which both are valid).
 */
export class KeyLifecycle1796200000000 implements MigrationInterface {
  name = 'KeyLifecycle1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enrollment_token (
        id uuid PRIMARY KEY,
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        -- Never the token itself: a copy of the database must not let anyone enrol.
        token_sha256 char(64) NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        -- The node it enrolled (a node enrolled again after losing its keys has several tokens).
        node_id uuid REFERENCES node (id),
        CONSTRAINT enrollment_token_validity CHECK (expires_at > issued_at),
        -- Used means used by one node, at one time.
        CONSTRAINT enrollment_token_use CHECK ((used_at IS NULL) = (node_id IS NULL))
      )`);
    await q.query(`CREATE INDEX enrollment_token_unit_idx ON enrollment_token (unit_id)`);

    await q.query(`
      ALTER TABLE node_key
        ADD COLUMN superseded_by varchar(43) REFERENCES node_key (kid),
        ADD COLUMN retires_at timestamptz,
        ADD CONSTRAINT node_key_supersession CHECK ((superseded_by IS NULL) = (retires_at IS NULL) AND superseded_by IS DISTINCT FROM kid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE node_key DROP CONSTRAINT node_key_supersession, DROP COLUMN retires_at, DROP COLUMN superseded_by`);
    await q.query(`DROP TABLE enrollment_token`);
  }
}
