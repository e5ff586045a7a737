import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The directory version each node last reported holding (header Cicu-Directory-Version on the
 * calls it signs), beside its last contact: a node that fell behind shows on the Deliveries
 * screen. NULL until the node reports one.
 */
export class NodeContactDirectoryVersion1796310000000 implements MigrationInterface {
  name = 'NodeContactDirectoryVersion1796310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE node_contact ADD COLUMN directory_version integer CHECK (directory_version > 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE node_contact DROP COLUMN directory_version');
  }
}
