import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Pending keys (docs/adr-key-lifecycle.md): a node makes its next keys, sealed and stored
 * before the hub hears of them, so that a rotation interrupted at any point loses no private
 * key; they become current only once the hub has registered them. At most one current and one
 * pending key per purpose. Listed by both apps, like Keyring1795963596100.
 */
export class KeyringPending1796200000100 implements MigrationInterface {
  name = 'KeyringPending1796200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE local_key ADD COLUMN pending boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE local_key ADD CONSTRAINT local_key_pending_not_retired CHECK (NOT (pending AND retired_at IS NOT NULL))`);
    await q.query(`DROP INDEX local_key_one_current`);
    await q.query(`CREATE UNIQUE INDEX local_key_one_current ON local_key (purpose) WHERE retired_at IS NULL AND NOT pending`);
    await q.query(`CREATE UNIQUE INDEX local_key_one_pending ON local_key (purpose) WHERE pending`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM local_key WHERE pending`);
    await q.query(`DROP INDEX local_key_one_pending`);
    await q.query(`DROP INDEX local_key_one_current`);
    await q.query(`CREATE UNIQUE INDEX local_key_one_current ON local_key (purpose) WHERE retired_at IS NULL`);
    await q.query(`ALTER TABLE local_key DROP CONSTRAINT local_key_pending_not_retired`);
    await q.query(`ALTER TABLE local_key DROP COLUMN pending`);
  }
}
