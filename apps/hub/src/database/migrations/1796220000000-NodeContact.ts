import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When each node last authenticated to the hub (its health on the coordinators' Deliveries
 * screen). Not part of the directory: a contact changes no directory version.
 */
export class NodeContact1796220000000 implements MigrationInterface {
  name = 'NodeContact1796220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE node_contact (
        node_id uuid PRIMARY KEY REFERENCES node (id),
        last_seen_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE node_contact');
  }
}
