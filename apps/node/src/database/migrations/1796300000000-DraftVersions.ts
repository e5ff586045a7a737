import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A request's draft version, raised by every edit of a returned draft. Sealing stores its JWS
 * only while the draft is still the version it sealed, so an approval never stores the content
 * of an earlier draft (docs/adr-cases.md, "One decision per request").
 */
export class DraftVersions1796300000000 implements MigrationInterface {
  name = 'DraftVersions1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outgoing_request ADD COLUMN draft_version integer NOT NULL DEFAULT 1 CHECK (draft_version >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outgoing_request DROP COLUMN draft_version`);
  }
}
