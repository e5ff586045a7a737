/**
 * The document library: full-text search latency over 100,000 generated documents (through
 * LibraryReadService, i.e. the SQL the hub runs with visibility, ranking and snippets), against
 * a primary-key lookup of one document measured in the same run; and the time from uploading a
 * 10 MB PDF (signed action, type check, text extraction, guard, storage, indexing) until a
 * search finds it.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { canonicalJson, controlNumber, generateEncryptionKeyPair, generateSigningKeyPair, importPrivateJwk, signJws } from '../libs/crypto/src/index';
import { SHARING_ACTION_TYP, type LibraryDocumentContent, type SharingActionClaims } from '../libs/protocol/src/index';
import { createApp } from '../apps/shared/src/index';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { type AuthenticatedNode } from '../apps/hub/src/auth/authenticated-node';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { LibraryReadService } from '../apps/hub/src/library/library-read.service';
import { extractFile } from '../apps/hub/src/library/extraction/extract-text';
import { headVectorSql, QUERY_OF_$2, RANKED_MATCHES, searchVectorSql } from '../apps/hub/src/library/library.repository';
import { LibraryService } from '../apps/hub/src/library/library.service';
import { createTestDatabase } from '../test/support/databases';
import { makePdf } from '../test/support/library-fixtures';
import { testEnv } from '../test/support/test-env';
import type { BenchRow, Suite } from './report';

const DOCUMENTS = 100_000;
const BATCH = 10_000;
const BODY_WORDS = 150;
const VOCABULARY = 3_000;
const QUERIES = 300;
const WARMUP = 30;
const UPLOADS = 3;
const PDF_BYTES = 10 * 1024 * 1024;
const UNITS = ['FR-CYBERDOUANE', 'DE-ZIRE', 'PL-CICU', 'NL-CICU', 'AT-CICU'];
const CATEGORIES = ['tool', 'trend', 'risk-indicator', 'modus-operandi', 'best-practice', 'training', 'legal', 'procedure'];
const AREAS = ['drugs-precursors', 'cites', 'arms', 'medicines', 'excise', 'ipr-counterfeits', 'customs-value', 'gambling', 'other'];
const LANGUAGES: [string, string][] = [['en', 'english'], ['fr', 'french'], ['de', 'german']];

/** Pronounceable made-up words (i written in a base of syllables); word i is drawn with a Zipf-like skew (rank 1 most often). */
export function vocabulary(): string[] {
  const syllables = ['ba', 'de', 'fi', 'go', 'ku', 'la', 'me', 'ni', 'po', 'ru', 'sa', 'te', 'vi', 'zo', 'bra', 'tre', 'sti', 'plo', 'kan', 'dor'];
  return Array.from({ length: VOCABULARY }, (_, i) => {
    let word = '';
    for (let n = i + syllables.length; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
    return `${word}x`;
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function latencyRow(name: string, times: number[], baselineP50?: number): BenchRow {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const [p50, p95, p99] = [percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)];
  return { name: `${name} (p95 ${p95.toFixed(1)} ms)`, opsPerSec: 1000 / mean, meanMs: mean, p50Ms: p50, p99Ms: p99, samples: String(times.length), ratio: baselineP50 === undefined ? undefined : baselineP50 / p50 };
}

export async function generate(db: DataSource, nodeId: string, words: string[]): Promise<void> {
  // One statement per batch: documents with random titles, summaries and bodies drawn from the vocabulary.
  const draw = (n: string) => `array_to_string(ARRAY(SELECT ($1::text[])[1 + floor(power(random(), 2.5) * ${VOCABULARY})::int] FROM generate_series(1, ${n}) WHERE g.i > 0), ' ')`;
  await db.query(`CREATE UNLOGGED TABLE bench_text (id uuid PRIMARY KEY, body text NOT NULL)`);
  for (let from = 0; from < DOCUMENTS; from += BATCH) {
    const started = performance.now();
    await db.query(
      `WITH g AS (SELECT i, gen_random_uuid() AS id FROM generate_series($2::int, $3::int) AS i),
       t AS (INSERT INTO bench_text SELECT id, ${draw(String(BODY_WORDS))} FROM g RETURNING id)
       INSERT INTO library_document (id, author_unit, author_officer_id, author_name, title, summary, category, areas, language, search_config, tags,
         visibility, visible_units, current_version, created_at, updated_at)
       SELECT g.id, ($4::text[])[1 + g.i % 5], gen_random_uuid(), 'Bench officer', initcap(${draw('4')}), ${draw('25')},
         ($5::text[])[1 + g.i % 8], ARRAY[($6::text[])[1 + g.i % 9]], ($7::text[])[1 + g.i % 3], ($8::text[])[1 + g.i % 3], ARRAY[${draw('1')}],
         CASE WHEN g.i % 10 = 0 THEN 'units' ELSE 'members' END, CASE WHEN g.i % 10 = 0 THEN ARRAY['DE-ZIRE'] ELSE ARRAY[]::text[] END,
         1, now() - (g.i || ' minutes')::interval, now() - (g.i || ' minutes')::interval
       FROM g`,
      [words, from + 1, Math.min(DOCUMENTS, from + BATCH), UNITS, CATEGORIES, AREAS, LANGUAGES.map((l) => l[0]), LANGUAGES.map((l) => l[1])],
    );
    await db.query(
      `INSERT INTO library_search (id, author_unit, category, areas, language, visibility, visible_units, updated_at, head, search)
       SELECT d.id, d.author_unit, d.category, d.areas, d.language, d.visibility, d.visible_units, d.updated_at,
         ${headVectorSql('d.search_config::regconfig', 'd.title', "array_to_string(d.tags, ' ')", 'd.summary')},
         ${searchVectorSql('d.search_config::regconfig', 'd.title', "array_to_string(d.tags, ' ')", 'd.summary', 't.body')}
       FROM library_document d JOIN bench_text t ON t.id = d.id`,
    );
    await db.query(`INSERT INTO library_headline_text (id, headline_text) SELECT t.id, d.summary || E'\\n' || t.body FROM library_document d JOIN bench_text t ON t.id = d.id`);
    await db.query(
      `INSERT INTO library_version (document_id, version, file_name, media_type, size, control_number, text_chars, unit_id, node_id, officer_id, officer_name,
         content, content_digest, action_jws, action_digest, audit_index, created_at)
       SELECT d.id, 1, 'doc.txt', 'text/plain; charset=utf-8', length(t.body), 'sha256:' || encode(sha256(convert_to(t.body, 'UTF8')), 'hex'), length(t.body),
         'FR-CYBERDOUANE', $1, d.author_officer_id, d.author_name, '{}', 'sha256:' || repeat('0', 64), 'bench', 'sha256:' || repeat('0', 64), 0, d.created_at
       FROM library_document d JOIN bench_text t ON t.id = d.id`,
      [nodeId],
    );
    await db.query(`TRUNCATE bench_text`);
    console.log(`  generated ${Math.min(DOCUMENTS, from + BATCH).toLocaleString('en-US')} documents (${((performance.now() - started) / 1000).toFixed(1)} s for this batch)`);
  }
  await db.query(`DROP TABLE bench_text`);
  await db.query(`VACUUM ANALYZE library_document`);
  await db.query(`VACUUM ANALYZE library_version`);
  await db.query(`VACUUM ANALYZE library_search`);
  await db.query(`VACUUM ANALYZE library_headline_text`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The 10 MB PDF: 60 pages of prose and an incompressible attached file making up the rest. */
async function bigPdf(marker: string): Promise<Buffer> {
  const line = 'Vendors of counterfeit medicines moved from marketplaces to private channels; parcels are declared as samples.';
  const pages = Array.from({ length: 60 }, (_, p) => Array.from({ length: 50 }, (_, l) => (p === 0 && l === 1 ? `Operation ${marker} opens the report.` : line)));
  const text = await makePdf(pages);
  return makePdf(pages, { padding: randomBytes(Math.max(0, PDF_BYTES - text.length - 4096)) });
}

async function run(): Promise<BenchRow[]> {
  const database = await createTestDatabase('bench_library');
  let app: INestApplication | undefined;
  try {
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'bench-library-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      QUEUE_PREFIX: `cicu-bench-library-${randomBytes(4).toString('hex')}`,
      LIBRARY_MAX_FILE_BYTES: String(2 * PDF_BYTES),
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    const [sig, enc] = await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519')]);
    const registered = await app.get(DirectoryService).registerNode('FR-CYBERDOUANE', 'http://127.0.0.1:9/v1/inbox', { keys: [sig.publicJwk, enc.publicJwk] });
    const node: AuthenticatedNode = { nodeId: registered.id, unitId: 'FR-CYBERDOUANE', kid: sig.kid };
    const db = app.get<DataSource>(getDataSourceToken());
    const words = vocabulary();
    const t = performance.now();
    await generate(db, node.nodeId, words);
    console.log(`  ${DOCUMENTS.toLocaleString('en-US')} documents generated and indexed in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    const reads = app.get(LibraryReadService);
    const ids: string[] = (await db.query(`SELECT id FROM library_document ORDER BY random() LIMIT $1`, [QUERIES])).map((r: { id: string }) => r.id);
    // Queries as officers type them: one or two words of middling to rare frequency (ranks 300–3000: each word in ~1.5–6 % of documents).
    const word = (i: number) => words[300 + ((i * 7919) % (VOCABULARY - 300))]!;
    const queries = Array.from({ length: QUERIES }, (_, i) => (i % 3 === 0 ? `${word(i)} ${word(i + 1)}` : word(i)));
    const readers = ['PL-CICU', 'DE-ZIRE', 'FR-CYBERDOUANE'];
    const reader = (i: number): AuthenticatedNode => ({ ...node, unitId: readers[i % readers.length]! });

    for (let i = 0; i < WARMUP; i++) {
      await reads.search(reader(i), { q: queries[i] });
      await db.query(`SELECT id FROM library_document WHERE id = $1`, [ids[i]]);
    }
    const baseline: number[] = [];
    const plain: number[] = [];
    const filtered: number[] = [];
    const browse: number[] = [];
    const previous: number[] = [];
    let matches = 0;
    // For comparison in the same run, every other query: how the hub ranked before (ts_rank over every match's whole search vector, count(*) over the window), without snippets or views.
    const previousWay = (unit: string, q: string) =>
      db.query(
        `WITH q AS (SELECT (${QUERY_OF_$2}) AS query)
         SELECT s.id, ts_rank(s.search, q.query) AS rank, count(*) OVER () AS total FROM library_search s, q
         WHERE (s.visibility = 'members' OR s.author_unit = $1 OR s.visible_units @> ARRAY[$1]::text[]) AND s.search @@ q.query
         ORDER BY rank DESC, s.updated_at DESC, s.id LIMIT 20`,
        [unit, q],
      );
    // Interleaved so that drifting machine load hits every kind alike.
    for (let i = 0; i < QUERIES; i++) {
      baseline.push(await timed(() => db.query(`SELECT id, title FROM library_document WHERE id = $1`, [ids[i]])));
      plain.push(await timed(async () => (matches += (await reads.search(reader(i), { q: queries[i] })).total)));
      filtered.push(await timed(() => reads.search(reader(i), { q: queries[i], category: CATEGORIES[i % 8], area: AREAS[i % 9] })));
      browse.push(await timed(() => reads.search(reader(i), { category: CATEGORIES[i % 8], page: String(1 + (i % 5)) })));
      if (i % 2 === 0) previous.push(await timed(() => previousWay(reader(i).unitId, queries[i]!)));
    }
    const common: number[] = [];
    for (let i = 0; i < 20; i++) common.push(await timed(() => reads.search(reader(i), { q: words[i % 5]! })));
    const commonPage = await reads.search(reader(0), { q: words[0]! });
    const commonTotal = `${commonPage.totalIsLowerBound ? 'more than ' : ''}${commonPage.total.toLocaleString('en-US')}`;

    const base = latencyRow('baseline: primary-key lookup of one document (same connection pool)', baseline);
    const uploads: number[] = [];
    const extractions: number[] = [];
    const library = app.get(LibraryService);
    const privateKey = importPrivateJwk(sig.privateJwk);
    for (let i = 0; i < UPLOADS; i++) {
      const marker = `zqbench${i}${randomBytes(3).toString('hex')}`;
      const pdf = await bigPdf(marker);
      const content: LibraryDocumentContent = {
        document: { title: `Bench report ${i}`, summary: 'A long report.', category: 'trend', areas: ['medicines'], language: 'en', tags: [], visibility: { scope: 'members' } },
        file: { name: 'report.pdf', size: pdf.length, controlNumber: controlNumber(pdf) },
        overrides: [],
      };
      // The upload's own floor, measured on the same bytes in the same run: PDF.js reading the text out.
      extractions.push(await timed(() => extractFile(pdf, 'report.pdf')));
      const started = performance.now();
      const claims: SharingActionClaims = {
        v: 1,
        kind: 'sharing-action',
        action: 'library.document.create',
        officer: { id: '00000000-0000-4000-8000-000000000001', displayName: 'Bench officer' },
        unit: node.unitId,
        digest: controlNumber(new TextEncoder().encode(canonicalJson(content))),
        iat: Math.floor(Date.now() / 1000),
        jti: randomBytes(18).toString('base64url'),
      };
      const action = await signJws(canonicalJson(claims), privateKey, { alg: 'EdDSA', kid: sig.kid, typ: SHARING_ACTION_TYP });
      await library.createDocument(node, { action, content: canonicalJson(content), file: { buffer: pdf } });
      const found = await reads.search(node, { q: marker });
      if (found.total !== 1) throw new Error(`bench sanity check failed: the uploaded PDF is not found (${found.total})`);
      uploads.push(performance.now() - started);
      console.log(`  upload ${i + 1}: ${(pdf.length / 1e6).toFixed(1)} MB PDF searchable after ${(uploads[i]! / 1000).toFixed(2)} s`);
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[times.length >> 1]!;
    const extraction = median(extractions);
    return [
      latencyRow(`search, 1–2 words, ranked, snippets, page 1 of 20 (mean ${Math.round(matches / QUERIES).toLocaleString('en-US')} matches)`, plain, base.p50Ms),
      latencyRow('for comparison: the same 1–2 word queries ranked as before this change (every match\'s whole vector, count over the window; no snippets; today\'s narrower table)', previous, base.p50Ms),
      latencyRow('search, same words + category and area filters', filtered, base.p50Ms),
      latencyRow('browse a category without words, pages 1–5, newest first', browse, base.p50Ms),
      latencyRow(`search, one of the 5 most frequent words (worst case: ${commonTotal} matches, at most ${RANKED_MATCHES.toLocaleString('en-US')} ranked)`, common, base.p50Ms),
      base,
      {
        name: `upload a ${(PDF_BYTES / 1024 / 1024).toFixed(0)} MiB PDF (60 pages of text) until a search finds it`,
        opsPerSec: 1000 / median(uploads),
        meanMs: uploads.reduce((a, b) => a + b, 0) / UPLOADS,
        p50Ms: median(uploads),
        p99Ms: undefined,
        samples: `median of ${UPLOADS}`,
        ratio: extraction / median(uploads),
      },
      {
        name: 'baseline for the upload: text extraction alone of the same PDF (PDF.js)',
        opsPerSec: 1000 / extraction,
        meanMs: extractions.reduce((a, b) => a + b, 0) / UPLOADS,
        p50Ms: extraction,
        p99Ms: undefined,
        samples: `median of ${UPLOADS}`,
        ratio: undefined,
      },
    ];
  } finally {
    await app?.close();
    await database.drop();
  }
}

export const librarySuite: Suite = {
  id: 'library',
  title: 'Document library (hub)',
  notes: [
    `${DOCUMENTS.toLocaleString('en-US')} generated documents in PostgreSQL (English, French and German configurations in turn, ${BODY_WORDS}-word texts, ` +
      `a ${VOCABULARY.toLocaleString('en-US')}-word made-up vocabulary drawn with a Zipf-like skew, 5 author units, one in ten restricted to DE), ` +
      'searched through LibraryReadService.search: the SQL the hub runs for GET /v1/library/documents (visibility in the WHERE clause, the query parsed by every ' +
      'language configuration, GIN index on the search vector, every match (at most 10,000) ranked by ts_rank over its in-row head vector, the best 100 ranked again ' +
      'over the whole vector, the count exact up to 10,000 (1,000 when browsing without words) and a lower bound past it, ts_headline for the page\'s 20 rows) ' +
      `and the mapping to views; no HTTP. Readers alternate PL, DE and FR; ${QUERIES} queries per row after ${WARMUP} warm-up queries, the rows interleaved.`,
    'Baseline: a primary-key SELECT of one document on the same pool, the cheapest read the hub makes; the ratio is baseline p50 / row p50.',
    'Upload: LibraryService.createDocument in process (signed-action verification, type from the bytes, PDF.js text extraction, the guard over title, summary, ' +
      'file name and text, one transaction with the version, 1 MiB chunks, audit events and the search vectors) then a search for a made-up word of its first page; ' +
      'its baseline is extractFile alone (PDF.js) on the same PDF just before, so the ratio is the share of the upload spent reading the text.',
  ],
  run,
};
