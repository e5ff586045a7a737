import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A request may follow up an earlier one answered "more information needed" (docs/adr-cases.md). */
export class FollowUps1795966200000 implements MigrationInterface {
  name = 'FollowUps1795966200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outgoing_request ADD COLUMN follows_up uuid REFERENCES outgoing_request (id)`);
    await q.query(`CREATE INDEX outgoing_request_follows_up ON outgoing_request (follows_up) WHERE follows_up IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outgoing_request DROP COLUMN follows_up`);
  }
}
