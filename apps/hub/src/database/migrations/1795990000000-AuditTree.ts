import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { appendToFrontier } from '@cicu/crypto';

/**
 * The audit log's Merkle tree: the hash of every perfect subtree, leaves (level 0) included,
 * kept on append, and the signed tree heads. Both append-only. The tree is complete without
 * audit_entry, so proofs still come out (and expose the damage) when entries are tampered
 * with. Entries recorded before this migration get their nodes here, in the same transaction.
 */
export class AuditTree1795990000000 implements MigrationInterface {
  name = 'AuditTree1795990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_node (
        level smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
        index bigint NOT NULL CHECK (index >= 0),
        hash bytea NOT NULL CHECK (octet_length(hash) = 32),
        PRIMARY KEY (level, index)
      )`);
    await q.query(`
      CREATE TABLE audit_tree_head (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
        root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
        issued_at timestamptz NOT NULL,
        kid varchar(64) NOT NULL,
        jws text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_tree_head_issued_at ON audit_tree_head (issued_at)`);
    await q.query(`CREATE INDEX audit_entry_recorded_at ON audit_entry (recorded_at)`);
    await q.query(`
      CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    for (const table of ['audit_node', 'audit_tree_head']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_is_append_only()`);
    }
    const rows: { leaf_hash: Buffer }[] = await q.query('SELECT leaf_hash FROM audit_entry ORDER BY index');
    const leaves = rows.map((row) => new Uint8Array(row.leaf_hash));
    const nodes = [...leaves.map((hash, index) => ({ level: 0, index, hash })), ...appendToFrontier(0, [], leaves).nodes];
    if (nodes.length > 0) {
      await q.query('INSERT INTO audit_node (level, index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])', [
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        nodes.map((n) => Buffer.from(n.hash)),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_tree_head');
    await q.query('DROP TABLE audit_node');
    await q.query('DROP FUNCTION audit_is_append_only()');
    await q.query('DROP INDEX audit_entry_recorded_at');
  }
}
