import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The node's watch on the hub's audit log: every signed tree head it has seen, the alerts it
 * raised (kept until an operator has dealt with them), and which of its own events it has
 * found included.
 */
export class AuditMonitor1795967000000 implements MigrationInterface {
  name = 'AuditMonitor1795967000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_tree_head (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
        root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
        timestamp timestamptz NOT NULL,
        jws text NOT NULL,
        seen_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit_alert (
        id bigserial PRIMARY KEY,
        kind varchar(32) NOT NULL,
        leaf_index bigint,
        tree_size bigint,
        message text NOT NULL,
        raised_at timestamptz NOT NULL
      )`);
    // One alert per finding: a forged head seen at every run is raised once.
    await q.query('CREATE UNIQUE INDEX audit_alert_once ON audit_alert (kind, coalesce(leaf_index, -1), coalesce(tree_size, -1))');
    await q.query(`
      CREATE TABLE audit_leaf_check (
        leaf_index bigint PRIMARY KEY,
        message_id uuid NOT NULL,
        tree_size bigint NOT NULL,
        ok boolean NOT NULL,
        checked_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_leaf_check');
    await q.query('DROP TABLE audit_alert');
    await q.query('DROP TABLE audit_tree_head');
  }
}
