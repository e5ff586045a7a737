import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A received request is assigned to the officer who answers it (docs/adr-web-ui.md). */
export class Assignments1795968000000 implements MigrationInterface {
  name = 'Assignments1795968000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_message ADD COLUMN assigned_to uuid REFERENCES officer (id), ADD COLUMN assigned_at timestamptz`);
    await q.query(`ALTER TABLE inbox_message ADD CONSTRAINT inbox_message_assigned_together CHECK ((assigned_to IS NULL) = (assigned_at IS NULL))`);
    await q.query(`CREATE INDEX inbox_message_assigned_to ON inbox_message (assigned_to) WHERE assigned_to IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_message DROP COLUMN assigned_to, DROP COLUMN assigned_at`);
  }
}
