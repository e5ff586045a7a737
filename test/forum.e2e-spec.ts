import { DE, Exchange, FR, waitFor } from './support/exchange';
import { sql } from './support/sql';

/**
 * The forum and the unit directory as officers use them: through their own node, which signs
 * each write for them and calls the hub (real PostgreSQL, Redis, HTTP and keys on all three).
 */
describe('forum and unit directory through the nodes', () => {
  let exchange: Exchange;
  const hubCount = async (table: string) => (await sql<{ n: number }>(exchange.dbs.hub.url, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    exchange = await Exchange.start({ label: 'forum_nodes' });
  });

  afterAll(async () => {
    await exchange?.close();
  });

  /** A text document in the library, published by fr.author through FR's node. */
  async function publish(title: string, visibility: Record<string, unknown>): Promise<string> {
    const document = { title, summary: 'Non-personal notes on a tool.', category: 'tool', areas: ['medicines'], language: 'en', tags: [], visibility };
    const res = await exchange
      .http(FR)
      .post('/v1/library/documents')
      .set(exchange.as('fr.author'))
      .field('document', JSON.stringify(document))
      .attach('file', Buffer.from(`${title}\n\nHow the crawler walks a marketplace.`), 'notes.txt');
    if (res.status !== 201) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  it('thread → reply with a quote → edit: the quote stays, the author reads the revisions, others see "edited"', async () => {
    const opened = await exchange.http(FR).post('/v1/forum/threads').set(exchange.as('fr.author')).send({ category: 'modus-operandi', title: 'Parcel forwarding to avoid checks', body: 'Sellers ship to a **forwarder** first.' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ category: 'modus-operandi', author: { unitId: FR, displayName: 'FR author' }, posts: 1 });
    const opening = opened.body.items[0];
    expect(opening.html).toBe('<p>Sellers ship to a <strong>forwarder</strong> first.</p>\n');

    const reply = await exchange.http(DE).post('/v1/forum/posts').set(exchange.as('de.officer')).send({ threadId: opened.body.id, body: 'Also seen in DE.', quote: { postId: opening.id, excerpt: 'to a **forwarder**' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ seq: 2, author: { unitId: DE, displayName: 'DE officer' }, quote: { postId: opening.id, excerpt: 'to a **forwarder**' } });

    const edited = await exchange.http(FR).post(`/v1/forum/posts/${opening.id}/revisions`).set(exchange.as('fr.author')).send({ baseRevision: 1, body: 'Sellers ship to a parcel forwarder in another member state first.' });
    expect(edited.status).toBe(201);
    expect(edited.body).toMatchObject({ revision: 2, edited: true, own: true });

    const atDe = await exchange.http(DE).get(`/v1/forum/threads/${opened.body.id}`).set(exchange.as('de.officer')).expect(200);
    expect(atDe.body.items[0]).toMatchObject({ edited: true, own: false, body: 'Sellers ship to a parcel forwarder in another member state first.' });
    expect(atDe.body.items[1].quote.excerpt).toBe('to a **forwarder**');

    const revisions = await exchange.http(FR).get(`/v1/forum/posts/${opening.id}/revisions`).set(exchange.as('fr.author')).expect(200);
    expect(revisions.body.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    const notAuthor = await exchange.http(DE).get(`/v1/forum/posts/${opening.id}/revisions`).set(exchange.as('de.officer'));
    expect([notAuthor.status, notAuthor.body.code]).toEqual([403, 'NOT_AUTHOR']);
    // Same unit, other officer: not the author either (the node names each officer).
    expect((await exchange.http(FR).get(`/v1/forum/posts/${opening.id}/revisions`).set(exchange.as('fr.other'))).status).toBe(403);
    const notMine = await exchange.http(FR).post(`/v1/forum/posts/${reply.body.id}/revisions`).set(exchange.as('fr.other')).send({ baseRevision: 1, body: 'Hijacked.' });
    expect(notMine.body.code).toBe('NOT_AUTHOR');
  });

  it('refuses a post with an e-mail address and stores nothing; invalid input is refused by the node before any signing', async () => {
    const before = [await hubCount('forum_post'), await hubCount('audit_entry')];
    const refused = await exchange.http(DE).post('/v1/forum/threads').set(exchange.as('de.officer')).send({ category: 'general', title: 'A contact', body: 'Write to m.schmidt@web.de for the list.' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PERSONAL_DATA_SUSPECTED', findings: [{ location: 'body', kind: 'EMAIL', excerpt: expect.stringContaining('***') }] });
    expect(JSON.stringify(refused.body)).not.toContain('schmidt');
    expect([await hubCount('forum_post'), await hubCount('audit_entry')]).toEqual(before);

    const invalid = await exchange.http(DE).post('/v1/forum/threads').set(exchange.as('de.officer')).send({ category: 'gossip', body: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['/category', '/title']));
    // Supervisors read; only officers post.
    expect((await exchange.http(FR).post('/v1/forum/threads').set(exchange.as('fr.super')).send({ category: 'general', title: 't', body: 'b' })).status).toBe(403);
    // A read's parameters: one the route does not define, or one given twice, is refused at the node (they were dropped: everything was listed).
    for (const [query, issue] of [['limt=5', ' additionalProperties'], ['category=tools&category=trends', '/category type'], ['officer=x', ' additionalProperties']]) {
      const listed = await exchange.http(FR).get(`/v1/forum/threads?${query}`).set(exchange.as('fr.author'));
      expect([listed.status, listed.body.code, listed.body.issues.map((i: { path: string; code: string }) => `${i.path} ${i.code}`)]).toEqual([400, 'VALIDATION', [issue]]);
    }
    // One the hub does not define on that route is its refusal, passed on.
    expect((await exchange.http(FR).get('/v1/forum/threads?unread=true').set(exchange.as('fr.author'))).body.issues.map((i: { code: string }) => i.code)).toEqual(['additionalProperties']);
    expect((await exchange.http(FR).get('/v1/forum/threads?category=tools&limit=5').set(exchange.as('fr.author'))).status).toBe(200);
  });

  it('brings a new post to a subscribed officer of the other unit through the queue, and lets them mark it read', async () => {
    await exchange.http(DE).post('/v1/forum/subscriptions').set(exchange.as('de.officer')).send({ target: { kind: 'category', category: 'training' }, subscribed: true }).expect(200);
    const opened = await exchange.http(FR).post('/v1/forum/threads').set(exchange.as('fr.other')).send({ category: 'training', title: 'OSINT course in spring', body: 'Three days, in English.' }).expect(201);

    const inbox = await waitFor('the DE officer\'s notification', async () => {
      const res = await exchange.http(DE).get('/v1/forum/notifications?unread=true').set(exchange.as('de.officer'));
      return res.body.items?.find((n: { threadId: string }) => n.threadId === opened.body.id) as { id: string; reason: string; author: { unitId: string } } | undefined;
    });
    expect(inbox).toMatchObject({ reason: 'category', author: { unitId: FR }, threadTitle: 'OSINT course in spring' });
    const marked = await exchange.http(DE).post('/v1/forum/notifications/read').set(exchange.as('de.officer')).send({ notificationIds: [inbox.id] }).expect(200);
    expect(marked.body.marked).toBe(1);
    // The author is not notified of their own post.
    expect((await exchange.http(FR).get('/v1/forum/notifications').set(exchange.as('fr.other'))).body.total).toBe(0);
  });

  it('shows a linked library document only to units that may read it, and refuses a link to one the author cannot see', async () => {
    const restricted = await publish('FR-only crawler notes', { scope: 'units', units: [FR] });
    const open = await publish('Crawler notes for all', { scope: 'members' });
    const opened = await exchange.http(FR).post('/v1/forum/threads').set(exchange.as('fr.author')).send({ category: 'tools', title: 'Our crawler', body: 'Notes attached.', documents: [restricted, open] }).expect(201);
    expect(opened.body.items[0].documents.map((d: { id: string }) => d.id)).toEqual([restricted, open]);
    const atDe = await exchange.http(DE).get(`/v1/forum/threads/${opened.body.id}`).set(exchange.as('de.officer')).expect(200);
    expect(atDe.body.items[0].documents).toEqual([{ id: open, title: 'Crawler notes for all' }]);
    const linkByDe = await exchange.http(DE).post('/v1/forum/posts').set(exchange.as('de.officer')).send({ threadId: opened.body.id, body: 'See also.', documents: [restricted] });
    expect([linkByDe.status, linkByDe.body.code]).toEqual([422, 'DOCUMENT_NOT_FOUND']);
  });

  it('lets a supervisor edit the own unit\'s directory entry only, and every member read it', async () => {
    const profile = {
      baseVersion: 0,
      description: 'Customs Internet investigations, Germany.',
      competences: ['excise', 'drugs-precursors'],
      languages: ['de', 'en'],
      contactPoints: [{ function: 'Operational mailbox', email: 'zire-desk@zoll.example.org' }],
    };
    const byOfficer = await exchange.http(DE).put('/v1/unit-directory/mine').set(exchange.as('de.officer')).send(profile);
    expect([byOfficer.status, byOfficer.body.code]).toEqual([403, 'FORBIDDEN']);
    const bySupervisor = await exchange.http(FR).put('/v1/unit-directory/mine').set(exchange.as('fr.super')).send({ ...profile, description: 'Cyberdouane, France.', languages: ['fr'] });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body).toMatchObject({ unitId: FR, profile: { version: 1, languages: ['fr'] } });
    const directory = await exchange.http(DE).get('/v1/unit-directory').set(exchange.as('de.officer')).expect(200);
    expect(directory.body.find((e: { unitId: string }) => e.unitId === FR).profile.description).toBe('Cyberdouane, France.');
    expect(directory.body.find((e: { unitId: string }) => e.unitId === DE).profile).toBeNull();
  });

  it('refuses a suspended unit\'s officers, and lets them back once the unit is active', async () => {
    await sql(exchange.dbs.hub.url, `UPDATE unit SET status = 'suspended' WHERE id = $1`, [DE]);
    try {
      const read = await exchange.http(DE).get('/v1/forum/threads').set(exchange.as('de.officer'));
      expect([read.status, read.body.code]).toEqual([403, 'SENDER_SUSPENDED']);
      const write = await exchange.http(DE).post('/v1/forum/threads').set(exchange.as('de.officer')).send({ category: 'general', title: 'Still here?', body: 'Hello.' });
      expect([write.status, write.body.code]).toEqual([403, 'SENDER_SUSPENDED']);
      expect((await exchange.http(DE).get('/v1/unit-directory').set(exchange.as('de.officer'))).status).toBe(403);
    } finally {
      await sql(exchange.dbs.hub.url, `UPDATE unit SET status = 'active' WHERE id = $1`, [DE]);
    }
    expect((await exchange.http(DE).get('/v1/forum/threads').set(exchange.as('de.officer'))).status).toBe(200);
  });
});
