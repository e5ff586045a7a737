import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Library search in two steps (docs/adr-library.md, "Full-text search"): each library_search row
 * gets its head vector (title, tags and summary, small enough to stay in the row), which ranks
 * every match without reading the big search vectors from TOAST; the snippet text moves to its
 * own table so that the rows a search scans are narrow. Existing rows are filled from the
 * documents, as LibraryRepository.insertVersion writes new ones (the SQL is spelled out here so
 * that this migration does not change with that code).
 */
export class LibrarySearchRanking1796300000000 implements MigrationInterface {
  name = 'LibrarySearchRanking1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE library_headline_text (
        id uuid PRIMARY KEY REFERENCES library_document (id),
        headline_text text NOT NULL
      )`);
    await q.query(`INSERT INTO library_headline_text (id, headline_text) SELECT id, headline_text FROM library_search`);
    // Dropped first: the UPDATE below then writes every row anew without the snippet text.
    await q.query(`ALTER TABLE library_search DROP COLUMN headline_text`);
    await q.query(`ALTER TABLE library_search ADD COLUMN head tsvector`);
    await q.query(`
      UPDATE library_search s SET head =
        setweight(to_tsvector(d.search_config::regconfig, d.title), 'A') || setweight(to_tsvector('simple', d.title), 'A')
        || setweight(to_tsvector(d.search_config::regconfig, array_to_string(d.tags, ' ')), 'B') || setweight(to_tsvector('simple', array_to_string(d.tags, ' ')), 'B')
        || setweight(to_tsvector(d.search_config::regconfig, d.summary), 'B') || setweight(to_tsvector('simple', d.summary), 'C')
      FROM library_document d WHERE d.id = s.id`);
    await q.query(`ALTER TABLE library_search ALTER COLUMN head SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE library_search DROP COLUMN head`);
    await q.query(`ALTER TABLE library_search ADD COLUMN headline_text text`);
    await q.query(`UPDATE library_search s SET headline_text = h.headline_text FROM library_headline_text h WHERE h.id = s.id`);
    await q.query(`ALTER TABLE library_search ALTER COLUMN headline_text SET NOT NULL`);
    await q.query(`DROP TABLE library_headline_text`);
  }
}
