import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { LIBRARY_CATEGORIES, PERSONAL_DATA_KINDS } from '@cicu/protocol';
import { QUERY_CONFIGS } from '../../library/search-config';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The document library (docs/adr-library.md): documents and their search vectors, versions
 * with the signed action that made each, the file bytes in 1 MiB chunks, and the guard
 * overrides for coordinator review.
 */
export class Library1796000000000 implements MigrationInterface {
  name = 'Library1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE library_document (
        id uuid PRIMARY KEY,
        author_unit varchar(35) NOT NULL REFERENCES unit (id),
        author_officer_id uuid NOT NULL,
        author_name varchar(200) NOT NULL,
        title varchar(200) NOT NULL,
        summary varchar(4000) NOT NULL,
        category varchar(32) NOT NULL CHECK (category IN (${list(LIBRARY_CATEGORIES)})),
        areas text[] NOT NULL CHECK (cardinality(areas) >= 1),
        language varchar(2) NOT NULL,
        search_config varchar(32) NOT NULL CHECK (search_config IN (${list(QUERY_CONFIGS)})),
        tags text[] NOT NULL,
        visibility varchar(8) NOT NULL CHECK (visibility IN ('members', 'units')),
        visible_units text[] NOT NULL,
        current_version int NOT NULL CHECK (current_version >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((visibility = 'members') = (cardinality(visible_units) = 0))
      )`);
    await q.query(`CREATE INDEX library_document_areas ON library_document USING gin (areas)`);
    await q.query(`CREATE INDEX library_document_updated ON library_document (updated_at DESC, id)`);
    await q.query(`CREATE INDEX library_document_category ON library_document (category, updated_at DESC)`);
    // The search vector and the snippet text, kilobytes per document, apart from the metadata: a
    // search without words (browsing, counting) then reads narrow rows only.
    await q.query(`
      CREATE TABLE library_search (
        document_id uuid PRIMARY KEY REFERENCES library_document (id),
        search tsvector NOT NULL,
        headline_text text NOT NULL
      )`);
    await q.query(`CREATE INDEX library_search_search ON library_search USING gin (search)`);
    await q.query(`CREATE INDEX library_document_author_unit ON library_document (author_unit, updated_at DESC)`);
    await q.query(`
      CREATE TABLE library_version (
        document_id uuid NOT NULL REFERENCES library_document (id),
        version int NOT NULL CHECK (version >= 1),
        file_name varchar(255) NOT NULL,
        media_type varchar(100) NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        control_number varchar(71) NOT NULL CHECK (control_number ~ '^sha256:[0-9a-f]{64}$'),
        text_chars int NOT NULL CHECK (text_chars >= 0),
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        node_id uuid NOT NULL REFERENCES node (id),
        officer_id uuid NOT NULL,
        officer_name varchar(200) NOT NULL,
        content text NOT NULL,
        content_digest varchar(71) NOT NULL CHECK (content_digest ~ '^sha256:[0-9a-f]{64}$'),
        action_jws text NOT NULL,
        action_digest varchar(71) NOT NULL CHECK (action_digest ~ '^sha256:[0-9a-f]{64}$'),
        audit_index bigint NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (document_id, version)
      )`);
    await q.query(`
      CREATE TABLE library_file_chunk (
        document_id uuid NOT NULL,
        version int NOT NULL,
        seq int NOT NULL CHECK (seq >= 0),
        bytes bytea NOT NULL,
        PRIMARY KEY (document_id, version, seq),
        FOREIGN KEY (document_id, version) REFERENCES library_version (document_id, version)
      )`);
    await q.query(`
      CREATE TABLE library_override (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL,
        version int NOT NULL,
        location varchar(36) NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN (${list(PERSONAL_DATA_KINDS)})),
        start_offset int NOT NULL,
        end_offset int NOT NULL CHECK (end_offset > start_offset),
        excerpt varchar(200) NOT NULL,
        justification varchar(2000) NOT NULL,
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        officer_id uuid NOT NULL,
        officer_name varchar(200) NOT NULL,
        audit_index bigint NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (document_id, version) REFERENCES library_version (document_id, version)
      )`);
    await q.query(`CREATE INDEX library_override_created ON library_override (created_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE library_override`);
    await q.query(`DROP TABLE library_file_chunk`);
    await q.query(`DROP TABLE library_version`);
    await q.query(`DROP TABLE library_search`);
    await q.query(`DROP TABLE library_document`);
  }
}
