import { controlNumber } from '@cicu/crypto';
import request from 'supertest';
import { adminToken, demoAdminsFile } from './support/admins';
import { DE, Exchange, FR, PL, type Unit } from './support/exchange';
import { makeDocx, makeExe, makeOdt, makePdf } from './support/library-fixtures';
import { headVectorSql, searchVectorSql } from '../apps/hub/src/library/library.repository';
import { LibraryReadService } from '../apps/hub/src/library/library-read.service';
import { LibraryRepository } from '../apps/hub/src/library/library.repository';
import { holding } from './support/holding';
import { HubAsNode } from './support/sharing-actions';
import { sql } from './support/sql';

jest.setTimeout(60_000);

const HUB_LIMIT = 1024 * 1024;
const FR_LIMIT = 2 * 1024 * 1024;

const doc = (overrides: Record<string, unknown> = {}) => ({
  title: 'Darknet marketplaces',
  summary: 'How vendors of counterfeit medicines move between marketplaces.',
  category: 'trend',
  areas: ['medicines'],
  language: 'en',
  tags: ['darknet'],
  visibility: { scope: 'members' },
  ...overrides,
});

describe('library: officers publish, version, search and download through their node, via a real hub', () => {
  let x: Exchange;
  const admins = demoAdminsFile();

  beforeAll(async () => {
    x = await Exchange.start({
      label: 'library',
      units: [FR, DE, PL],
      hub: { LIBRARY_MAX_FILE_BYTES: String(HUB_LIMIT), DEMO_ADMINS_FILE: admins.file },
      nodes: { [FR]: { LIBRARY_MAX_FILE_BYTES: String(FR_LIMIT) } },
    });
  }, 180_000);

  afterAll(async () => {
    await x?.close();
  });

  const officerOf: Record<Unit, string> = { [FR]: 'fr.author', [DE]: 'de.officer', [PL]: 'pl.officer' };

  function publish(unit: Unit, document: Record<string, unknown>, file: Buffer, name: string, overrides?: unknown[]) {
    const req = x.http(unit).post('/v1/library/documents').set(x.as(officerOf[unit])).field('document', JSON.stringify(document));
    if (overrides !== undefined) req.field('overrides', JSON.stringify(overrides));
    return req.attach('file', file, name);
  }

  const search = (unit: Unit, query: Record<string, string>) => x.http(unit).get('/v1/library/documents').query(query).set(x.as(officerOf[unit]));
  const hubCount = async (table: string) => (await sql<{ n: number }>(x.dbs.hub.url, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const stored = async () => ({ documents: await hubCount('library_document'), versions: await hubCount('library_version'), chunks: await hubCount('library_file_chunk') });

  it('publishes a PDF (English), a DOCX (French) and an ODT (German) and finds each by a stemmed form of a word it holds', async () => {
    const en = await publish(FR, doc({ title: 'Tracking vendors', language: 'en' }), await makePdf([['Customs officers tracked counterfeit sellers on hidden services.']]), 'vendors.pdf').expect(201);
    expect(en.body).toMatchObject({ authorUnit: FR, authorName: 'FR author', currentVersion: 1, file: { version: 1, name: 'vendors.pdf', mediaType: 'application/pdf' } });
    const fr = await publish(DE, doc({ title: 'Surveillance des marchés', summary: 'Méthodes de veille.', language: 'fr', tags: [] }), await makeDocx(['Les douaniers surveillent les boutiques clandestines.']), 'veille.docx').expect(201);
    const de = await publish(DE, doc({ title: 'Marktbeobachtung', summary: 'Methoden der Beobachtung.', language: 'de', tags: [] }), await makeOdt(['Die Zollbehörden überwachen verdächtige Verkäufer.']), 'markt.odt').expect(201);

    // Each query word differs from the document's: only the language's stemmer makes them meet.
    for (const [q, id, word] of [['tracking', en.body.id, 'tracked'], ['douanier', fr.body.id, 'douaniers'], ['Zollbehörde', de.body.id, 'Zollbehörden']] as const) {
      const res = await search(PL, { q }).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      expect(res.body.total).toBe(1);
      const { snippet } = res.body.items[0];
      expect(snippet.highlights.map((h: { start: number; end: number }) => snippet.text.slice(h.start, h.end))).toContain(word);
      expect(res.body.items[0].rank).toBeGreaterThan(0);
    }

    // Filters and ranking: a match in the title ranks above one in the text only.
    await publish(FR, doc({ title: 'Parcel tool', category: 'tool', areas: ['excise'] }), Buffer.from('A tool for tracking parcels.'), 'tool.txt').expect(201);
    const ranked = await search(DE, { q: 'tracking' }).expect(200);
    expect(ranked.body.items.map((i: { title: string }) => i.title)).toEqual(['Tracking vendors', 'Parcel tool']);
    expect((await search(DE, { q: 'tracking', category: 'tool' }).expect(200)).body.items.map((i: { title: string }) => i.title)).toEqual(['Parcel tool']);
    expect((await search(DE, { q: 'tracking', area: 'medicines', unit: FR, language: 'en' }).expect(200)).body.total).toBe(1);
    expect((await search(DE, { q: 'tracking', from: '2999-01-01' }).expect(200)).body.total).toBe(0);
    const paged = await search(DE, { q: 'tracking', pageSize: '1', page: '2' }).expect(200);
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ title: 'Parcel tool' }] });
    expect((await search(DE, { q: 'tracking', pageSize: '1', page: '9' }).expect(200)).body).toMatchObject({ total: 2, items: [] });
    const bad = await search(DE, { category: 'gossip', pageSize: '500' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION');
  });

  it('keeps every version downloadable, each checked against its control number; only the author unit adds versions', async () => {
    const v1 = Buffer.from('Version one of the checklist.\n');
    const created = await publish(FR, doc({ title: 'Checklist' }), v1, 'checklist.md').expect(201);
    const id: string = created.body.id;
    const v2 = await makePdf([['Version two of the checklist.']]);
    const added = await x.http(FR).post(`/v1/library/documents/${id}/versions`).set(x.as('fr.other')).attach('file', v2, 'checklist.pdf').expect(201);
    expect(added.body).toMatchObject({ currentVersion: 2, file: { version: 2, name: 'checklist.pdf', controlNumber: controlNumber(v2) } });

    const detail = await x.http(DE).get(`/v1/library/documents/${id}`).set(x.as('de.officer')).expect(200);
    expect(detail.body.versions.map((v: Record<string, unknown>) => [v.version, v.fileName, v.mediaType, v.controlNumber, v.officerName, v.unit])).toEqual([
      [1, 'checklist.md', 'text/markdown; charset=utf-8', controlNumber(v1), 'FR author', FR],
      [2, 'checklist.pdf', 'application/pdf', controlNumber(v2), 'FR other officer', FR],
    ]);
    expect(detail.body.versions[0].action).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    for (const [version, bytes] of [[1, v1], [2, v2]] as const) {
      const res = await x.http(DE).get(`/v1/library/documents/${id}/versions/${version}/file`).set(x.as('de.officer')).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers['cicu-control-number']).toBe(controlNumber(bytes));
      expect(res.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(controlNumber(bytes).slice(7), 'hex').toString('base64')}:`);
      expect(res.headers['cicu-verified']).toBe('control-number, signed-action');
    }

    const other = await x.http(DE).post(`/v1/library/documents/${id}/versions`).set(x.as('de.officer')).attach('file', Buffer.from('mine now'), 'x.txt').expect(403);
    expect(other.body.code).toBe('NOT_AUTHOR_UNIT');
    expect((await x.http(DE).get(`/v1/library/documents/${id}/versions/3/file`).set(x.as('de.officer')).expect(404)).body.code).toBe('VERSION_NOT_FOUND');
    // An id that is not a UUID never becomes a path on the hub ('.' would be its search page).
    for (const path of ['%2E', '%2E%2E', `${id.toUpperCase()}`, '%2E/versions/1/file']) {
      expect((await x.http(DE).get(`/v1/library/documents/${path}`).set(x.as('de.officer')).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
    }
  });

  it('answers each upload of a new version with the version it made, even when another one commits before it answers', async () => {
    const created = await publish(FR, doc({ title: 'Raced versions' }), Buffer.from('Version one.\n'), 'raced.txt').expect(201);
    const id: string = created.body.id;
    const addVersion = (bytes: Buffer, name: string) => x.http(FR).post(`/v1/library/documents/${id}/versions`).set(x.as('fr.author')).attach('file', bytes, name);
    const [first, second] = [Buffer.from('The first upload.\n'), Buffer.from('The second upload.\n')];
    let during: { status: number; body: Record<string, unknown> } | undefined;
    // The first upload's transaction has committed (v2) and is held before its answer; the second one runs to its end (v3).
    const answered = await holding(x.apps.hub!.get(LibraryRepository), 'transaction', 'return', () => addVersion(first, 'first.txt'), async () => {
      during = await addVersion(second, 'second.txt');
    });
    expect(during).toMatchObject({ status: 201, body: { currentVersion: 3, file: { version: 3, name: 'second.txt', controlNumber: controlNumber(second) } } });
    // (It read the document after its COMMIT, and so answered with the second upload's v3.)
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ currentVersion: 2, file: { version: 2, name: 'first.txt', controlNumber: controlNumber(first) } });
    const versions = await sql<{ version: number; file_name: string }>(x.dbs.hub.url, 'SELECT version, file_name FROM library_version WHERE document_id = $1 ORDER BY version', [id]);
    expect(versions).toEqual([{ version: 1, file_name: 'raced.txt' }, { version: 2, file_name: 'first.txt' }, { version: 3, file_name: 'second.txt' }]);
  });

  it('stores an office file whose XML decodes to U+0000 or a lone surrogate, its text searchable (it answered 500)', async () => {
    const odt = await makeOdt([], `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:p>Quarzuhrenschmuggel&#0;über &#xD800;Häfen</text:p></office:text></office:body></office:document-content>`);
    const created = await publish(DE, doc({ title: 'Uhren', summary: 'Schmuggelwege.', language: 'de', tags: [] }), odt, 'uhren.odt').expect(201);
    expect((await search(FR, { q: 'Quarzuhrenschmuggel' }).expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
  });

  it('refuses a file name with a lone surrogate sent straight to the hub as 400 VALIDATION, storing nothing (it answered 500)', async () => {
    const before = await stored();
    const bytes = Buffer.from('plain text\n');
    const fileName = (name: string) => ({ name, size: bytes.length, controlNumber: controlNumber(bytes) });
    const node = new HubAsNode(x, FR);
    const officer = { id: '0190a0a0-0000-7000-8000-000000000001', displayName: 'FR author' };
    // No signature can cover content no canonical JSON holds: the action is over a stand-in digest; the schema refuses first.
    const action = await node.action(officer, 'library.document.create', {}, { digest: `sha256:${'0'.repeat(64)}` });
    const content = JSON.stringify({ document: doc(), file: fileName('ab\ud800.txt'), overrides: [] });
    const res = await request(x.url('hub')).post('/v1/library/documents').set('Authorization', await node.authorization()).field('action', action).field('content', content).attach('file', bytes, 'ab.txt');
    expect([res.status, res.body.code, res.body.issues?.map((i: { path: string }) => i.path)]).toEqual([400, 'VALIDATION', ['/file/name']]);
    expect(await stored()).toEqual(before);
  });

  it('passes a hub failure on as 502 HUB_UNAVAILABLE saying the hub answered with an error, not that it cannot be reached', async () => {
    const reads = x.apps.hub!.get(LibraryReadService);
    const search = reads.search.bind(reads);
    reads.search = () => Promise.reject(new Error('a bug in the hub'));
    try {
      const res = await x.http(DE).get('/v1/library/documents').query({ q: 'checklist' }).set(x.as('de.officer')).expect(502);
      expect(res.body).toEqual({ code: 'HUB_UNAVAILABLE', message: 'the hub answered with an error (HUB_BAD_RESPONSE)' });
    } finally {
      reads.search = search;
    }
  });

  it('refuses a download whose bytes were changed at the hub (502 CONTROL_NUMBER_MISMATCH, nothing delivered)', async () => {
    const created = await publish(FR, doc({ title: 'Evidence handling' }), Buffer.from('Original procedure text.'), 'procedure.txt').expect(201);
    await sql(x.dbs.hub.url, `UPDATE library_file_chunk SET bytes = convert_to('Altered procedure text!!', 'UTF8') WHERE document_id = $1`, [created.body.id]);
    const res = await x.http(DE).get(`/v1/library/documents/${created.body.id}/versions/1/file`).set(x.as('de.officer')).expect(502);
    expect(res.body.code).toBe('CONTROL_NUMBER_MISMATCH');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('decides the type from the bytes: an executable or a zip named .pdf is refused and nothing is stored', async () => {
    const before = await stored();
    const exe = await publish(FR, doc(), makeExe(), 'report.pdf').expect(415);
    expect(exe.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    const mismatch = await publish(FR, doc(), await makeDocx(['text']), 'report.pdf').expect(415);
    expect(mismatch.body.code).toBe('FILE_TYPE_MISMATCH');
    expect(await stored()).toEqual(before);
  });

  it('refuses a file over the size limit: the node its own (413), the hub its own, passed on', async () => {
    const before = await stored();
    const atNode = await publish(FR, doc(), Buffer.alloc(FR_LIMIT + 1, 0x61), 'big.txt').expect(413);
    expect(atNode.body.code).toBe('FILE_TOO_LARGE');
    const atHub = await publish(FR, doc(), Buffer.alloc(HUB_LIMIT + 1, 0x61), 'big.txt').expect(413);
    expect(atHub.body.code).toBe('FILE_TOO_LARGE');
    expect(await stored()).toEqual(before);
  });

  it('refuses personal data with its findings and stores nothing; an override of exactly those findings is accepted and audited', async () => {
    const before = await stored();
    const text = 'Vendor contact found on the shop page: jan.kowalski@onet.pl (see screenshot).';
    const pdf = await makePdf([[text]]);
    const refused = await publish(FR, doc({ title: 'Shop contact patterns' }), pdf, 'contact.pdf').expect(422);
    expect(refused.body).toMatchObject({ code: 'PERSONAL_DATA_SUSPECTED' });
    expect(refused.body.findings).toEqual([{ location: 'file', kind: 'EMAIL', start: expect.any(Number), end: expect.any(Number), excerpt: expect.stringMatching(/^j\*+@\*+\.pl$/) }]);
    expect(JSON.stringify(refused.body)).not.toContain('kowalski');
    expect(await stored()).toEqual(before);

    // An override naming no finding, or a justification that is itself personal data, is refused too.
    const [finding] = refused.body.findings;
    const { excerpt: _excerpt, ...named } = finding;
    const wrong = await publish(FR, doc({ title: 'Shop contact patterns' }), pdf, 'contact.pdf', [{ ...named, start: finding.start + 1, justification: 'A role address of the shop.' }]).expect(422);
    expect(wrong.body.code).toBe('OVERRIDE_NOT_MATCHED');
    const leaky = await publish(FR, doc({ title: 'Shop contact patterns' }), pdf, 'contact.pdf', [{ location: 'file', kind: 'EMAIL', start: finding.start, end: finding.end, justification: 'Ask anna.nowak@wp.pl about it.' }]).expect(422);
    expect(leaky.body.findings).toEqual([expect.objectContaining({ location: 'overrides/0', kind: 'EMAIL' })]);
    expect(await stored()).toEqual(before);

    const justification = 'Published role address of the shop itself, not of a person.';
    const accepted = await publish(FR, doc({ title: 'Shop contact patterns' }), pdf, 'contact.pdf', [{ location: 'file', kind: 'EMAIL', start: finding.start, end: finding.end, justification }]).expect(201);
    const overrides = await sql(x.dbs.hub.url, 'SELECT location, kind, excerpt, justification, officer_name, unit_id FROM library_override WHERE document_id = $1', [accepted.body.id]);
    expect(overrides).toEqual([{ location: 'file', kind: 'EMAIL', excerpt: finding.excerpt, justification, officer_name: 'FR author', unit_id: FR }]);

    const events = (await sql<{ type: string; canonical: string }>(x.dbs.hub.url, `SELECT type, canonical FROM audit_entry WHERE canonical LIKE $1 ORDER BY index`, [`%${accepted.body.id}%`])).map((e) => ({ type: e.type, event: JSON.parse(e.canonical) }));
    expect(events.map((e) => e.type)).toEqual(['library.document-created', 'library.guard-overridden']);
    expect(events[0]!.event).toMatchObject({ documentId: accepted.body.id, version: 1, controlNumber: controlNumber(pdf), overrides: 1, actor: { kind: 'node', unitId: FR } });
    expect(events[1]!.event).toMatchObject({ findings: [{ location: 'file', kind: 'EMAIL', start: finding.start, end: finding.end }], justificationDigests: [controlNumber(Buffer.from(justification))] });
    // Ids and digests only: no title, no justification, no officer name, no value.
    for (const e of events) for (const secret of ['Shop contact', justification, 'FR author', 'kowalski']) expect(JSON.stringify(e.event)).not.toContain(secret);

    // Coordinators review it; auditors and nodes cannot list overrides.
    const hub = () => request(x.apps.hub!.getHttpServer());
    const coordinator = await adminToken(x.apps.hub!, admins.coordinator);
    const review = await hub().get('/v1/admin/library/overrides').query({ unit: FR }).set('Authorization', `Bearer ${coordinator}`).expect(200);
    expect(review.body).toMatchObject({ total: 1, page: 1, items: [{ documentId: accepted.body.id, documentTitle: 'Shop contact patterns', version: 1, location: 'file', kind: 'EMAIL', excerpt: finding.excerpt, justification, unit: FR, officerName: 'FR author', auditIndex: expect.any(Number) }] });
    expect((await hub().get('/v1/admin/library/overrides').query({ unit: DE }).set('Authorization', `Bearer ${coordinator}`).expect(200)).body.total).toBe(0);
    expect((await hub().get('/v1/admin/library/overrides').query({ pageSize: 'all' }).set('Authorization', `Bearer ${coordinator}`).expect(400)).body.code).toBe('VALIDATION');
    const auditor = await adminToken(x.apps.hub!, admins.auditor);
    await hub().get('/v1/admin/library/overrides').set('Authorization', `Bearer ${auditor}`).expect(403);
    await hub().get('/v1/admin/library/overrides').expect(401);
  });

  it('keeps a document restricted to FR and DE out of PL\'s results, counts, detail and downloads', async () => {
    const word = 'quokkaphrase';
    const restricted = await publish(FR, doc({ title: `Joint action ${word}`, visibility: { scope: 'units', units: [DE] } }), Buffer.from(`Internal ${word} notes.`), 'joint.txt').expect(201);
    for (const unit of [FR, DE] as const) {
      const res = await search(unit, { q: word }).expect(200);
      expect({ total: res.body.total, ids: res.body.items.map((i: { id: string }) => i.id) }).toEqual({ total: 1, ids: [restricted.body.id] });
    }
    const pl = await search(PL, { q: word }).expect(200);
    expect(pl.body).toEqual({ items: [], total: 0, totalIsLowerBound: false, page: 1, pageSize: 20 });
    const plAll = await search(PL, { unit: FR, pageSize: '100' }).expect(200);
    expect(plAll.body.items.map((i: { id: string }) => i.id)).not.toContain(restricted.body.id);
    const deAll = await search(DE, { unit: FR, pageSize: '100' }).expect(200);
    expect(deAll.body.total).toBe(plAll.body.total + 1);
    expect((await x.http(PL).get(`/v1/library/documents/${restricted.body.id}`).set(x.as('pl.officer')).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await x.http(PL).get(`/v1/library/documents/${restricted.body.id}/versions/1/file`).set(x.as('pl.officer')).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
    const unknownUnit = await publish(FR, doc({ visibility: { scope: 'units', units: ['XX-NOWHERE'] } }), Buffer.from('x'), 'x.txt').expect(400);
    expect(unknownUnit.body.issues).toEqual([expect.objectContaining({ path: '/document/visibility/units/0' })]);
  });

  it("validates at the node before anything is signed or sent", async () => {
    const res = await publish(FR, doc({ category: 'rumour', tags: ['<script>'] }), Buffer.from('x'), 'x.txt').expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/document/category', '/document/tags/0']);
    const noFile = await x.http(FR).post('/v1/library/documents').set(x.as('fr.author')).field('document', JSON.stringify(doc())).expect(400);
    expect(noFile.body.issues).toEqual([expect.objectContaining({ path: '/file' })]);
    await x.http(FR).post('/v1/library/documents').set(x.as('fr.super')).field('document', JSON.stringify(doc())).attach('file', Buffer.from('x'), 'x.txt').expect(403);
    await x.http(FR).get('/v1/library/documents').expect(401);
    // A body of another type than multipart/form-data: 415 with the code of any other route's 415.
    const mixed = await x.http(FR).post('/v1/library/documents').set(x.as('fr.author')).set('Content-Type', 'multipart/mixed; boundary=x').send('--x--\r\n');
    expect([mixed.status, mixed.body]).toEqual([415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the body must be multipart/form-data' }]);
  });

  it('counts exactly up to a bound, says when the total is a lower bound past it, and never counts what the unit may not read', async () => {
    // 1,010 FR documents written straight into the hub's tables (uploading them would take minutes), 10 of them for DE only.
    const word = 'wombatcount';
    const generated = 'Generated officer';
    await sql(
      x.dbs.hub.url,
      `INSERT INTO library_document (id, author_unit, author_officer_id, author_name, title, summary, category, areas, language, search_config, tags, visibility, visible_units, current_version, created_at, updated_at)
       SELECT gen_random_uuid(), $1, gen_random_uuid(), $4, 'Generated ' || i, 'A ' || $3 || ' note.', 'trend', ARRAY['medicines'], 'en', 'english', ARRAY[]::text[],
         CASE WHEN i % 101 = 0 THEN 'units' ELSE 'members' END, CASE WHEN i % 101 = 0 THEN ARRAY[$2] ELSE ARRAY[]::text[] END, 1, now(), now()
       FROM generate_series(1, 1010) AS i`,
      [FR, DE, word, generated],
    );
    await sql(
      x.dbs.hub.url,
      `INSERT INTO library_version (document_id, version, file_name, media_type, size, control_number, text_chars, unit_id, node_id, officer_id, officer_name, content, content_digest, action_jws, action_digest, audit_index, created_at)
       SELECT d.id, 1, v.file_name, v.media_type, v.size, v.control_number, 0, v.unit_id, v.node_id, d.author_officer_id, d.author_name, v.content, v.content_digest, v.action_jws, v.action_digest, v.audit_index, d.created_at
       FROM library_document d, (SELECT * FROM library_version WHERE unit_id = $1 LIMIT 1) v WHERE d.author_name = $2`,
      [FR, generated],
    );
    const vectors = (text: string) => [headVectorSql("'english'", 'd.title', "''", 'd.summary'), searchVectorSql("'english'", 'd.title', "''", 'd.summary', text)].join(', ');
    await sql(
      x.dbs.hub.url,
      `INSERT INTO library_search (id, author_unit, category, areas, language, visibility, visible_units, updated_at, head, search)
       SELECT d.id, d.author_unit, d.category, d.areas, d.language, d.visibility, d.visible_units, d.updated_at, ${vectors("''")} FROM library_document d WHERE d.author_name = $1`,
      [generated],
    );
    await sql(x.dbs.hub.url, `INSERT INTO library_headline_text (id, headline_text) SELECT d.id, d.summary FROM library_document d WHERE d.author_name = $1`, [generated]);

    // Browsing counts up to 1,000 documents, or up to the page asked for when it is deeper.
    for (const unit of [PL, DE] as const) {
      const first = await search(unit, { unit: FR }).expect(200);
      expect(first.body).toMatchObject({ total: 1000, totalIsLowerBound: true, page: 1 });
      expect(first.body.items).toHaveLength(20);
    }
    const plDeep = (await search(PL, { unit: FR, pageSize: '100', page: '11' }).expect(200)).body;
    const deDeep = (await search(DE, { unit: FR, pageSize: '100', page: '11' }).expect(200)).body;
    expect([plDeep.totalIsLowerBound, deDeep.totalIsLowerBound]).toEqual([false, false]);
    expect(plDeep.total).toBeGreaterThan(1000);
    // DE reads the 10 generated documents restricted to it and the earlier one (quokkaphrase); PL's count holds none of them.
    expect(deDeep.total).toBe(plDeep.total + 11);

    // A ranked search counts up to 10,000 matches: these are exact.
    const plRanked = await search(PL, { q: word }).expect(200);
    expect(plRanked.body).toMatchObject({ total: 1000, totalIsLowerBound: false });
    expect(plRanked.body.items).toHaveLength(20);
    expect(plRanked.body.items.every((i: { rank: number }) => i.rank > 0)).toBe(true);
    expect((await search(DE, { q: word }).expect(200)).body).toMatchObject({ total: 1010, totalIsLowerBound: false });
  });

  it('shuts a suspended unit out of the library (403 SENDER_SUSPENDED) and lets it back in when reinstated', async () => {
    await sql(x.dbs.hub.url, `UPDATE unit SET status = 'suspended' WHERE id = $1`, [PL]);
    try {
      expect((await search(PL, {}).expect(403)).body.code).toBe('SENDER_SUSPENDED');
      expect((await publish(PL, doc(), Buffer.from('x'), 'x.txt').expect(403)).body.code).toBe('SENDER_SUSPENDED');
    } finally {
      await sql(x.dbs.hub.url, `UPDATE unit SET status = 'active' WHERE id = $1`, [PL]);
    }
    await search(PL, {}).expect(200);
  });
});
