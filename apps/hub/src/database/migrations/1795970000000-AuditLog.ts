import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The append-only audit log: entries with gapless indices and their RFC 9162 leaf hashes. */
export class AuditLog1795970000000 implements MigrationInterface {
  name = 'AuditLog1795970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        size bigint NOT NULL CHECK (size >= 0)
      )`);
    await q.query(`INSERT INTO audit_head (id, size) VALUES (true, 0)`);
    await q.query(`
      CREATE TABLE audit_entry (
        index bigint PRIMARY KEY CHECK (index >= 0),
        type varchar(64) NOT NULL,
        canonical text NOT NULL,
        leaf_hash bytea NOT NULL CHECK (octet_length(leaf_hash) = 32),
        recorded_at timestamptz NOT NULL
      )`);
    // Append-only: the database itself refuses to change or remove an entry.
    await q.query(`
      CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP FUNCTION audit_entry_is_append_only()`);
    await q.query(`DROP TABLE audit_head`);
  }
}
