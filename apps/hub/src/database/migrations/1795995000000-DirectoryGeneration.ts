import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The directory tables whose every change bumps the generation. */
const DIRECTORY_TABLES = ['member_state', 'unit', 'node', 'node_key', 'legal_basis', 'agreement', 'agreement_party', 'agreement_legal_basis'] as const;

/**
 * A generation counter of the directory, bumped by the database itself on any change to a
 * directory table, whoever makes it (the hub's services, another replica, an operator with
 * psql). Hub replicas keep the directory in memory and reload it when the generation they
 * read differs from the one they hold (docs/adr-directory.md), so no change can be missed.
 * It is not the published `directory_version`, which services bump once per logical change.
 */
export class DirectoryGeneration1795995000000 implements MigrationInterface {
  name = 'DirectoryGeneration1795995000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_generation (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        generation bigint NOT NULL CHECK (generation >= 0)
      )`);
    await q.query(`INSERT INTO directory_generation (id, generation) VALUES (true, 0)`);
    await q.query(`
      CREATE FUNCTION directory_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE directory_generation SET generation = generation + 1 WHERE id;
        RETURN NULL;
      END $$`);
    for (const table of DIRECTORY_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_bumps_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of DIRECTORY_TABLES) await q.query(`DROP TRIGGER ${table}_bumps_generation ON ${table}`);
    await q.query(`DROP FUNCTION directory_generation_bump()`);
    await q.query(`DROP TABLE directory_generation`);
  }
}
