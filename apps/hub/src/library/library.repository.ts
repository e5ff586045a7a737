import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type PoolClient, type QueryResultRow } from 'pg';
import { type DataSource, type EntityManager } from 'typeorm';
import { LIBRARY_SEARCH_LIMITS } from '@cicu/protocol';
import { type GuardOverrideRow } from '../sharing/guard-override-rows';
import { QUERY_CONFIGS } from './search-config';

/** File bytes are stored in chunks of this size: a download streams them one query at a time. */
export const FILE_CHUNK_BYTES = 1024 * 1024;
/** Characters of extracted text that go into the search vector (a tsvector holds at most 1 MB). */
export const INDEXED_TEXT_CHARS = 200_000;
/**
 * Characters of summary and text ts_headline reads for the snippet of a result: it parses all
 * of them, about 0.2 ms per 1,000 characters on the development machine, for each of the page's
 * rows. Rows stored before this bound hold up to 10,000 characters of text; substr cuts them too.
 */
export const HEADLINE_TEXT_CHARS = 2_000;
/** Private-use characters that delimit ts_headline's highlights; removed from the stored text. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

export interface DocumentRow {
  id: string;
  author_unit: string;
  author_officer_id: string;
  author_name: string;
  title: string;
  summary: string;
  category: string;
  areas: string[];
  language: string;
  tags: string[];
  visibility: 'members' | 'units';
  visible_units: string[];
  current_version: number;
  created_at: Date;
  updated_at: Date;
  file_name: string;
  media_type: string;
  size: string;
  control_number: string;
}

export interface VersionRow {
  document_id: string;
  version: number;
  file_name: string;
  media_type: string;
  size: string;
  control_number: string;
  text_chars: number;
  unit_id: string;
  node_id: string;
  officer_id: string;
  officer_name: string;
  content: string;
  content_digest: string;
  action_jws: string;
  action_digest: string;
  audit_index: string;
  created_at: Date;
}

export interface NewDocument {
  id: string;
  authorUnit: string;
  authorOfficerId: string;
  authorName: string;
  title: string;
  summary: string;
  category: string;
  areas: string[];
  language: string;
  searchConfig: string;
  tags: string[];
  visibility: 'members' | 'units';
  visibleUnits: string[];
  now: Date;
}

export interface NewVersion {
  documentId: string;
  version: number;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  controlNumber: string;
  text: string;
  unitId: string;
  nodeId: string;
  officerId: string;
  officerName: string;
  content: string;
  contentDigest: string;
  actionJws: string;
  actionDigest: string;
  auditIndex: number;
  now: Date;
}

export interface OverrideRow extends GuardOverrideRow {
  document_id: string;
  title: string;
  version: number;
  total: string;
}

export interface SearchFilters {
  /** The caller's unit: only what it may read is ever matched, counted or returned. */
  readerUnit: string;
  q?: string;
  category?: string;
  area?: string;
  unit?: string;
  language?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface SearchRow extends DocumentRow {
  rank: number | null;
  snippet: string | null;
}

/** A page of matches and their count: exact, or, when `totalIsLowerBound`, the bound the count stopped at (more match). */
export interface SearchPageRows {
  rows: SearchRow[];
  total: number;
  totalIsLowerBound: boolean;
}

/**
 * A ranked search ranks at most this many matches (the first the index scan meets) and counts
 * no further: a word in more documents than this is no search, and ranking all of them would
 * cost in proportion (docs/adr-library.md, docs/benchmarks.md). Also the deepest offset a page may have.
 */
export const RANKED_MATCHES = LIBRARY_SEARCH_LIMITS.maxOffset;
/** Of those, how many (the best by their head vector) are ranked again over their whole search vector: the first 5 pages of 20. */
export const RERANKED = 100;
/** Browsing without words counts at most this many documents (or up to the page asked for, if deeper). */
export const COUNTED_MATCHES = 1_000;

function bounded(counted: number, bound: number): Omit<SearchPageRows, 'rows'> {
  return counted > bound ? { total: bound, totalIsLowerBound: true } : { total: counted, totalIsLowerBound: false };
}

/**
 * The WHERE clause of a search over `alias` (library_search or library_document: both carry the
 * filtered columns) and its parameters: $1 the reader's unit, then $2 the query when `withQuery`.
 */
function searchWhere(f: Omit<SearchFilters, 'limit' | 'offset'>, alias: 's' | 'd', withQuery: boolean): { where: string; params: unknown[] } {
  const params: unknown[] = withQuery ? [f.readerUnit, f.q] : [f.readerUnit];
  const where = [readableBy$1(alias)];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (f.category !== undefined) add((p) => `${alias}.category = ${p}`, f.category);
  if (f.area !== undefined) add((p) => `${alias}.areas @> ARRAY[${p}]::text[]`, f.area);
  if (f.unit !== undefined) add((p) => `${alias}.author_unit = ${p}`, f.unit);
  if (f.language !== undefined) add((p) => `${alias}.language = ${p}`, f.language);
  if (f.from !== undefined) add((p) => `${alias}.updated_at >= ${p}`, f.from);
  if (f.to !== undefined) add((p) => `${alias}.updated_at <= ${p}`, f.to);
  return { where: where.join(' AND '), params };
}

const DOCUMENT_COLUMNS = `d.id, d.author_unit, d.author_officer_id, d.author_name, d.title, d.summary, d.category, d.areas, d.language, d.tags,
  d.visibility, d.visible_units, d.current_version, d.created_at, d.updated_at, v.file_name, v.media_type, v.size, v.control_number`;

/** A row (of library_document, or library_search, which copies the columns) is readable by unit $1: open to all members, or the unit is the author or listed. */
const readableBy$1 = (alias: 'd' | 's') => `(${alias}.visibility = 'members' OR ${alias}.author_unit = $1 OR ${alias}.visible_units @> ARRAY[$1]::text[])`;
const READABLE_BY_$1 = readableBy$1('d');

/**
 * The tsquery of `q` ($2): websearch syntax, parsed by every configuration (see search-config.ts)
 * and OR-ed, identical parses once (most words parse alike in most languages: the OR of 16 copies
 * would cost ts_rank 16 times the work). NULL when `q` has no word at all, which matches nothing.
 */
export const QUERY_OF_$2 = `SELECT string_agg(DISTINCT '(' || part::text || ')', ' | ')::tsquery
  FROM (SELECT websearch_to_tsquery(config::regconfig, $2) AS part FROM unnest(ARRAY[${QUERY_CONFIGS.map((c) => `'${c}'`).join(', ')}]) AS config) parts
  WHERE numnode(part) > 0`;

/** The same query for one document's snippet: its own language's parse and the plain words only (ts_headline's cost grows with the query). */
const HEADLINE_QUERY_OF_$2 = `websearch_to_tsquery(d.search_config::regconfig, $2) || websearch_to_tsquery('simple', $2)`;

/**
 * The SQL expression of a document's head vector, what ranking reads first: its title, tags and
 * summary in its language's stems and as written ('simple'), weighted title A, tags and summary
 * B (the summary's plain words C). Small enough to stay in the row, so ranking thousands of
 * matches by it reads no TOAST. Arguments are SQL expressions; `config` must be a regconfig.
 */
export function headVectorSql(config: string, title: string, tags: string, summary: string): string {
  return `setweight(to_tsvector(${config}, ${title}), 'A') || setweight(to_tsvector('simple', ${title}), 'A')
  || setweight(to_tsvector(${config}, ${tags}), 'B') || setweight(to_tsvector('simple', ${tags}), 'B')
  || setweight(to_tsvector(${config}, ${summary}), 'B') || setweight(to_tsvector('simple', ${summary}), 'C')`;
}

/** The SQL expression of a document's search vector, what the GIN index matches: the head vector and the text, weighted D. */
export function searchVectorSql(config: string, title: string, tags: string, summary: string, text: string): string {
  return `${headVectorSql(config, title, tags, summary)}
  || setweight(to_tsvector(${config}, ${text}), 'D') || setweight(to_tsvector('simple', ${text}), 'D')`;
}

const withoutHighlightMarks = (text: string) => text.replace(/[\uE000\uE001]/g, '');

/** The only code of the library that touches the database. */
@Injectable()
export class LibraryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertDocument(tx: EntityManager, d: NewDocument): Promise<void> {
    await tx.query(
      `INSERT INTO library_document (id, author_unit, author_officer_id, author_name, title, summary, category, areas, language, search_config, tags,
         visibility, visible_units, current_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)`,
      [d.id, d.authorUnit, d.authorOfficerId, d.authorName, d.title, d.summary, d.category, d.areas, d.language, d.searchConfig, d.tags, d.visibility, d.visibleUnits, d.now],
    );
  }

  /** The document row locked for a new version, if it exists. */
  async lockDocument(tx: EntityManager, id: string): Promise<Pick<DocumentRow, 'id' | 'author_unit' | 'current_version' | 'visibility' | 'visible_units'> | undefined> {
    const rows: DocumentRow[] = await tx.query(`SELECT id, author_unit, current_version, visibility, visible_units FROM library_document WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  /** Stores a version and its bytes, then makes it the document's current one and re-indexes the document with its text. */
  async insertVersion(tx: EntityManager, v: NewVersion): Promise<void> {
    await tx.query(
      `INSERT INTO library_version (document_id, version, file_name, media_type, size, control_number, text_chars, unit_id, node_id, officer_id, officer_name,
         content, content_digest, action_jws, action_digest, audit_index, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [v.documentId, v.version, v.fileName, v.mediaType, v.bytes.length, v.controlNumber, v.text.length, v.unitId, v.nodeId, v.officerId, v.officerName,
        v.content, v.contentDigest, v.actionJws, v.actionDigest, v.auditIndex, v.now],
    );
    for (let seq = 0, offset = 0; offset < v.bytes.length; seq++, offset += FILE_CHUNK_BYTES) {
      const chunk = v.bytes.subarray(offset, offset + FILE_CHUNK_BYTES);
      await tx.query(`INSERT INTO library_file_chunk (document_id, version, seq, bytes) VALUES ($1, $2, $3, $4)`, [v.documentId, v.version, seq, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]);
    }
    const text = withoutHighlightMarks(v.text);
    await tx.query(`UPDATE library_document SET current_version = $1, updated_at = $2 WHERE id = $3`, [v.version, v.now, v.documentId]);
    await tx.query(`DELETE FROM library_search WHERE id = $1`, [v.documentId]);
    await tx.query(`DELETE FROM library_headline_text WHERE id = $1`, [v.documentId]);
    await tx.query(
      `INSERT INTO library_search (id, author_unit, category, areas, language, visibility, visible_units, updated_at, head, search)
       SELECT d.id, d.author_unit, d.category, d.areas, d.language, d.visibility, d.visible_units, d.updated_at,
         ${headVectorSql('d.search_config::regconfig', 'd.title', "array_to_string(d.tags, ' ')", 'd.summary')},
         ${searchVectorSql('d.search_config::regconfig', 'd.title', "array_to_string(d.tags, ' ')", 'd.summary', '$2')}
       FROM library_document d WHERE d.id = $1`,
      [v.documentId, text.slice(0, INDEXED_TEXT_CHARS)],
    );
    await tx.query(
      `INSERT INTO library_headline_text (id, headline_text) SELECT d.id, translate(d.summary, $3, '') || E'\\n' || $2 FROM library_document d WHERE d.id = $1`,
      [v.documentId, text.slice(0, HEADLINE_TEXT_CHARS), HIGHLIGHT_START + HIGHLIGHT_END],
    );
  }

  /**
   * Titles of those of `ids` that exist and `readerUnit` may read (every one for 'all': the
   * coordinators), in the caller's transaction: how the forum checks and shows its links.
   */
  async readableTitles(tx: EntityManager, readerUnit: string | 'all', ids: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; title: string }[] =
      readerUnit === 'all'
        ? await tx.query(`SELECT d.id, d.title FROM library_document d WHERE d.id = ANY($1::uuid[])`, [ids])
        : await tx.query(`SELECT d.id, d.title FROM library_document d WHERE ${READABLE_BY_$1} AND d.id = ANY($2::uuid[])`, [readerUnit, ids]);
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** The document with its current version's file, when `readerUnit` may read it; `within` a transaction, as that transaction left it. */
  async findReadable(readerUnit: string, id: string, within: EntityManager = this.dataSource.manager): Promise<DocumentRow | undefined> {
    const rows: DocumentRow[] = await within.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM library_document d JOIN library_version v ON v.document_id = d.id AND v.version = d.current_version
       WHERE ${READABLE_BY_$1} AND d.id = $2`,
      [readerUnit, id],
    );
    return rows[0];
  }

  async versions(documentId: string): Promise<VersionRow[]> {
    return this.dataSource.query(`SELECT * FROM library_version WHERE document_id = $1 ORDER BY version`, [documentId]);
  }

  async version(documentId: string, version: number): Promise<VersionRow | undefined> {
    const rows: VersionRow[] = await this.dataSource.query(`SELECT * FROM library_version WHERE document_id = $1 AND version = $2`, [documentId, version]);
    return rows[0];
  }

  /** The file's bytes, chunk after chunk, each read when the consumer asks for it. */
  async *fileChunks(documentId: string, version: number): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const rows: { bytes: Buffer }[] = await this.dataSource.query(`SELECT bytes FROM library_file_chunk WHERE document_id = $1 AND version = $2 AND seq = $3`, [documentId, version, seq]);
      if (rows.length === 0) return;
      yield rows[0]!.bytes;
    }
  }

  /**
   * One page of the documents `readerUnit` may read that match the filters, and how many match
   * (the same filtered rows: a document the reader may not read is never counted), exact up to
   * a bound and a lower bound past it (see the constants above). With `q`: matched by the GIN
   * index of library_search, ranked in two steps (below), snippets (ts_headline) for the page's
   * rows only. Without: newest first from library_document.
   */
  async search(f: SearchFilters): Promise<SearchPageRows> {
    return f.q === undefined ? this.browse(f) : this.ranked({ ...f, q: f.q });
  }

  /**
   * Ranked search. Every match (at most RANKED_MATCHES, a bitmap scan in storage order) is ranked
   * by ts_rank over its head vector, stored in the row, so no match's TOAST is read; the best
   * RERANKED of those are ranked again over the whole search vector (title, tags, summary and
   * text), and come first in that order; the rest follow in head-rank order. The page's rows
   * show their ts_rank over the whole vector.
   */
  private async ranked(f: SearchFilters & { q: string }): Promise<SearchPageRows> {
    const { where, params } = searchWhere(f, 's', true);
    params.push(f.limit, f.offset);
    const [limit, offset] = [`$${params.length - 1}`, `$${params.length}`];
    const rows = await this.preparedQuery<SearchRow & { matched: string }>(
      `WITH q AS MATERIALIZED (SELECT (${QUERY_OF_$2}) AS query),
       matches AS MATERIALIZED (
         SELECT s.id, s.updated_at, ts_rank(s.head, q.query) AS head_rank FROM library_search s, q
         WHERE s.search @@ q.query AND ${where} LIMIT ${RANKED_MATCHES + 1}),
       best AS (
         SELECT m.*, row_number() OVER (ORDER BY m.head_rank DESC, m.updated_at DESC, m.id) AS n
         FROM (SELECT * FROM matches ORDER BY head_rank DESC, updated_at DESC, id LIMIT greatest(${RERANKED}, ${limit}::int + ${offset}::int)) m),
       ordered AS (
         SELECT b.id, b.n, ts_rank(s.search, q.query) AS rank FROM best b JOIN library_search s ON s.id = b.id, q WHERE b.n <= ${RERANKED}
         UNION ALL SELECT b.id, b.n, NULL FROM best b WHERE b.n > ${RERANKED}),
       page AS (SELECT id, row_number() OVER (ORDER BY rank DESC NULLS LAST, n) AS place FROM (SELECT * FROM ordered ORDER BY rank DESC NULLS LAST, n LIMIT ${limit} OFFSET ${offset}) o)
       SELECT ${DOCUMENT_COLUMNS}, ts_rank(s.search, q.query) AS rank, (SELECT count(*) FROM matches) AS matched,
         ts_headline(d.search_config::regconfig, substr(h.headline_text, 1, ${HEADLINE_TEXT_CHARS}), ${HEADLINE_QUERY_OF_$2}, 'StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
       FROM page JOIN library_document d ON d.id = page.id
         JOIN library_version v ON v.document_id = d.id AND v.version = d.current_version
         JOIN library_search s ON s.id = d.id
         JOIN library_headline_text h ON h.id = d.id, q
       ORDER BY page.place`,
      params,
    );
    const matched = rows.length > 0 ? Number(rows[0]!.matched) : await this.countRanked(f);
    return { rows, ...bounded(matched, RANKED_MATCHES) };
  }

  /**
   * `text` as a named prepared statement of the pooled connection (named after its text, which
   * varies with the filters given only): after five runs PostgreSQL keeps a generic plan, and
   * planning this statement took 3–5 ms of a 15 ms search (docs/adr-library.md). TypeORM's
   * query() cannot name a statement, so this asks its query runner for the pg client.
   */
  private async preparedQuery<T>(text: string, values: unknown[]): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client: PoolClient = await runner.connect();
      const name = `library-${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
      return (await client.query<T & QueryResultRow>({ name, text, values })).rows;
    } finally {
      await runner.release();
    }
  }

  private async countRanked(f: SearchFilters & { q: string }): Promise<number> {
    const { where, params } = searchWhere(f, 's', true);
    const rows: { n: number }[] = await this.dataSource.query(
      `WITH q AS MATERIALIZED (SELECT (${QUERY_OF_$2}) AS query)
       SELECT count(*)::int AS n FROM (SELECT 1 FROM library_search s, q WHERE s.search @@ q.query AND ${where} LIMIT ${RANKED_MATCHES + 1}) m`,
      params,
    );
    return rows[0]!.n;
  }

  /** Browsing without words: the page newest first by the (updated_at, id) index, and a count that stops past the bound. */
  private async browse(f: SearchFilters): Promise<SearchPageRows> {
    const { where, params } = searchWhere(f, 'd', false);
    const bound = Math.max(COUNTED_MATCHES, f.offset + f.limit);
    params.push(f.limit, f.offset);
    const [limit, offset] = [`$${params.length - 1}`, `$${params.length}`];
    const rows: SearchRow[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS}, NULL::real AS rank, NULL AS snippet
       FROM library_document d JOIN library_version v ON v.document_id = d.id AND v.version = d.current_version
       WHERE ${where} ORDER BY d.updated_at DESC, d.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const counted: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM library_document d WHERE ${where} LIMIT ${bound + 1}) m`,
      params.slice(0, -2),
    );
    return { rows, ...bounded(counted[0]!.n, bound) };
  }

  /** Guard overrides for coordinator review, newest first, with the count of all (optionally of one unit). */
  async overrides(f: { unit?: string; limit: number; offset: number }): Promise<OverrideRow[]> {
    return this.dataSource.query(
      `SELECT o.*, d.title, count(*) OVER () AS total FROM library_override o JOIN library_document d ON d.id = o.document_id
       WHERE $1::text IS NULL OR o.unit_id = $1 ORDER BY o.created_at DESC, o.id LIMIT $2 OFFSET $3`,
      [f.unit ?? null, f.limit, f.offset],
    );
  }

  async countOverrides(unit: string | undefined): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM library_override WHERE $1::text IS NULL OR unit_id = $1`, [unit ?? null]);
    return rows[0]!.n;
  }

}
