import { type MigrationInterface, type QueryRunner } from 'typeorm';

const DIGEST = `~ '^sha256:[0-9a-f]{64}$'`;

/**
 * The unit directory (docs/adr-forum.md): each unit's profile (areas of competence, languages,
 * functional contact points), replaced as a whole by an officer through the unit's node, with
 * the signed action that made the current version.
 */
export class UnitDirectory1796210000000 implements MigrationInterface {
  name = 'UnitDirectory1796210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_profile (
        unit_id varchar(35) PRIMARY KEY REFERENCES unit (id),
        version int NOT NULL CHECK (version >= 1),
        description varchar(2000) NOT NULL,
        competences text[] NOT NULL CHECK (cardinality(competences) >= 1),
        languages text[] NOT NULL CHECK (cardinality(languages) >= 1),
        contact_points jsonb NOT NULL CHECK (jsonb_typeof(contact_points) = 'array'),
        node_id uuid NOT NULL REFERENCES node (id),
        officer_id uuid NOT NULL,
        content text NOT NULL,
        content_digest varchar(71) NOT NULL CHECK (content_digest ${DIGEST}),
        action_jws text NOT NULL,
        action_digest varchar(71) NOT NULL CHECK (action_digest ${DIGEST}),
        audit_index bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unit_profile`);
  }
}
