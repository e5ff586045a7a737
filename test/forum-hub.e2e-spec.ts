import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { bullConnection } from '@cicu/shared';
import request from 'supertest';
import { FORUM_NOTIFICATION_QUEUE, fanOutJobId, fanOutJobOptions } from '../apps/hub/src/forum/notifications/notification.jobs';
import { NotificationProducer } from '../apps/hub/src/forum/notifications/notification.producer';
import { NotificationsService } from '../apps/hub/src/forum/notifications/notifications.service';
import { adminToken, demoAdminsFile } from './support/admins';
import { DE, Exchange, FR, waitFor } from './support/exchange';
import { holding } from './support/holding';
import { HubAsNode } from './support/sharing-actions';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const frAuthor = { id: randomUUID(), displayName: 'FR author' };
const frOther = { id: randomUUID(), displayName: 'FR other officer' };
const deOfficer = { id: randomUUID(), displayName: 'DE officer' };
const q = (officer: { id: string }) => `officer=${officer.id}`;

const thread = (overrides: Record<string, unknown> = {}) => ({
  category: 'tools',
  title: 'Crawling hidden marketplaces with our own scraper',
  body: 'We use **a headless browser** behind Tor.\n\nIt needs a fresh circuit per listing.',
  documents: [],
  overrides: [],
  ...overrides,
});

describe('forum on the hub (nodes acting for their officers)', () => {
  let exchange: Exchange;
  let fr: HubAsNode;
  let de: HubAsNode;
  const admins = demoAdminsFile();
  /** A coordinator's or auditor's call to the hub's admin routes. */
  const asAdmin = async (role: 'coordinator' | 'auditor', method: 'get' | 'post', path: string, body?: object) => {
    const token = await adminToken(exchange.apps.hub!, admins[role]);
    const req = request(exchange.url('hub'))[method](path).set('Authorization', `Bearer ${token}`);
    return method === 'post' ? req.send(body ?? {}) : req;
  };
  const hubRows = async (table: string) => (await sql<{ n: number }>(exchange.dbs.hub.url, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const auditTypes = async () => (await sql<{ type: string }>(exchange.dbs.hub.url, 'SELECT type FROM audit_entry ORDER BY index')).map((r) => r.type);

  beforeAll(async () => {
    exchange = await Exchange.start({ label: 'forum_hub', hub: { DEMO_ADMINS_FILE: admins.file } });
    fr = new HubAsNode(exchange, FR);
    de = new HubAsNode(exchange, DE);
  });

  afterAll(async () => {
    await exchange?.close();
  });

  it('keeps a thread, a reply quoting it and an edit, with every revision for the author only', async () => {
    const created = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', thread());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ category: 'tools', title: thread().title, author: { unitId: FR, displayName: 'FR author' }, posts: 1, locked: false, total: 1 });
    const opening = created.body.items[0];
    expect(opening).toMatchObject({ seq: 1, revision: 1, edited: false, own: true, quote: null });
    expect(opening.html).toBe('<p>We use <strong>a headless browser</strong> behind Tor.</p>\n<p>It needs a fresh circuit per listing.</p>\n');

    const reply = await de.act('/v1/forum/posts', deOfficer, 'forum.post.create', {
      threadId: created.body.id,
      body: 'Same here; we rotate every 10 listings.',
      quote: { postId: opening.id, excerpt: 'a fresh circuit per listing' },
      documents: [],
      overrides: [],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ seq: 2, author: { unitId: DE }, quote: { postId: opening.id, excerpt: 'a fresh circuit per listing' }, own: true });

    // The author edits the opening post: the reply's quote stays as it was quoted.
    const edit = { postId: opening.id, baseRevision: 1, body: 'We use **a headless browser** behind Tor, with one circuit per seller.', documents: [], overrides: [] };
    const edited = await fr.act(`/v1/forum/posts/${opening.id}/revisions`, frAuthor, 'forum.post.edit', edit);
    expect(edited.status).toBe(201);
    expect(edited.body).toMatchObject({ revision: 2, edited: true, body: edit.body });

    const seenByDe = await de.get(`/v1/forum/threads/${created.body.id}?${q(deOfficer)}`);
    expect(seenByDe.status).toBe(200);
    expect(seenByDe.body.items.map((p: { seq: number; edited: boolean; own: boolean }) => [p.seq, p.edited, p.own])).toEqual([[1, true, false], [2, false, true]]);
    expect(seenByDe.body.items[1].quote).toEqual({ postId: opening.id, excerpt: 'a fresh circuit per listing' });

    const revisions = await fr.get(`/v1/forum/posts/${opening.id}/revisions?${q(frAuthor)}`);
    expect(revisions.status).toBe(200);
    expect(revisions.body.map((r: { revision: number; body: string }) => [r.revision, r.body])).toEqual([[1, thread().body], [2, edit.body]]);
    expect((await de.get(`/v1/forum/posts/${opening.id}/revisions?${q(deOfficer)}`)).body.code).toBe('NOT_AUTHOR');
    expect((await fr.get(`/v1/forum/posts/${opening.id}/revisions?${q(frOther)}`)).status).toBe(403);

    // Someone else's post, an outdated revision, a quote that is not in the post: refused, nothing written.
    const before = await hubRows('forum_post_revision');
    expect((await de.act(`/v1/forum/posts/${opening.id}/revisions`, deOfficer, 'forum.post.edit', { ...edit, baseRevision: 2 })).body.code).toBe('NOT_AUTHOR');
    expect((await fr.act(`/v1/forum/posts/${opening.id}/revisions`, frAuthor, 'forum.post.edit', edit)).body.code).toBe('EDIT_CONFLICT');
    const badQuote = await de.act('/v1/forum/posts', deOfficer, 'forum.post.create', { threadId: created.body.id, body: 'x', quote: { postId: opening.id, excerpt: 'not there' }, documents: [], overrides: [] });
    expect([badQuote.status, badQuote.body.code]).toEqual([422, 'QUOTE_INVALID']);
    expect(await hubRows('forum_post_revision')).toBe(before);

    const types = await auditTypes();
    expect(types.filter((t) => t.startsWith('forum.'))).toEqual(['forum.thread-created', 'forum.post-created', 'forum.post-edited']);
    const [event] = await sql<{ canonical: string }>(exchange.dbs.hub.url, `SELECT canonical FROM audit_entry WHERE type = 'forum.post-edited'`);
    expect(event!.canonical).not.toContain('headless');
    expect(JSON.parse(event!.canonical)).toMatchObject({ postId: opening.id, revision: 2, officerId: frAuthor.id, actor: { kind: 'node', unitId: FR } });
  });

  it('refuses a post with an e-mail address (PERSONAL_DATA_SUSPECTED, findings) and stores nothing; an override posts it, audited', async () => {
    const counts = async () => [await hubRows('forum_thread'), await hubRows('forum_post'), await hubRows('forum_post_revision'), await hubRows('audit_entry')];
    const before = await counts();
    const content = thread({ title: 'Seller contact pattern', body: 'The seller answers at jean.martin@orange.fr within the hour.' });
    const refused = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', content);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PERSONAL_DATA_SUSPECTED', findings: [{ location: 'body', kind: 'EMAIL', start: 22, end: 43 }] });
    expect(JSON.stringify(refused.body)).not.toContain('jean.martin');
    expect(await counts()).toEqual(before);

    const finding = refused.body.findings[0];
    const overridden = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', {
      ...content,
      overrides: [{ location: 'body', kind: 'EMAIL', start: finding.start, end: finding.end, justification: 'A made-up address from the seller\'s template page, no real mailbox.' }],
    });
    expect(overridden.status).toBe(201);
    const [override] = await sql<{ kind: string; justification: string }>(exchange.dbs.hub.url, 'SELECT kind, justification FROM forum_override');
    expect(override).toMatchObject({ kind: 'EMAIL' });
    const [event] = await sql<{ canonical: string }>(exchange.dbs.hub.url, `SELECT canonical FROM audit_entry WHERE type = 'forum.guard-overridden'`);
    expect(event!.canonical).not.toMatch(/jean|orange|template/);
    expect(JSON.parse(event!.canonical)).toMatchObject({ findings: [{ location: 'body', kind: 'EMAIL', start: 22, end: 43 }], justificationDigests: [expect.stringMatching(/^sha256:/)] });
  });

  it('refuses personal data that only the rendered post shows (a character reference, an escape), stores nothing, and takes no override of it', async () => {
    const counts = async () => [await hubRows('forum_thread'), await hubRows('forum_post'), await hubRows('audit_entry')];
    const before = await counts();
    // Each renders as the plain value to readers (it was posted with a 201).
    for (const body of ['Mail jean.martin&#64;orange.fr now', 'Mail jean\\.martin@orange\\.fr now', 'Call &#43;33 6 12 34 56 78 now']) {
      const refused = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', thread({ title: 'Encoded contact', body }));
      expect([refused.status, refused.body.code, refused.body.findings.map((f: { location: string }) => f.location)]).toEqual([422, 'PERSONAL_DATA_SUSPECTED', ['body/shown']]);
      const finding = refused.body.findings[0];
      const override = { location: 'body/shown', kind: finding.kind, start: finding.start, end: finding.end, justification: 'A shop address, not a person.' };
      // No override names a rendered text (its location is none of the content's): written as it is, it could be justified.
      const overridden = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', { ...thread({ title: 'Encoded contact', body }), overrides: [override] });
      expect([overridden.status, overridden.body.code, overridden.body.issues?.[0]?.path]).toEqual([400, 'VALIDATION', '/content/overrides/0/location']);
    }
    expect(await counts()).toEqual(before);
  });

  it('notifies the subscribers of a post whose fan-out job failed for good once the start-up sweep runs (it left the failed job as it was)', async () => {
    const watcher = { id: randomUUID(), displayName: 'DE tools watcher' };
    await de.act('/v1/forum/subscriptions', watcher, 'forum.subscription.set', { target: { kind: 'category', category: 'tools' }, subscribed: true });
    const hub = exchange.apps.hub!;
    const producer = hub.get(NotificationProducer);
    const notifications = hub.get(NotificationsService);
    const [enqueue, fanOut] = [producer.enqueue, notifications.fanOut];
    const queue = new Queue(FORUM_NOTIFICATION_QUEUE, { connection: bullConnection(testEnv.redisUrl), prefix: `cicu-hub-forum_hub-${exchange.run}` });
    try {
      // The post's job runs once and fails (its last attempt), as after a minute of a broken database.
      producer.enqueue = async () => undefined;
      notifications.fanOut = () => Promise.reject(new Error('database unreachable'));
      const created = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', thread({ category: 'tools', title: 'A parser for marketplace listings' }));
      const postId: string = created.body.items[0].id;
      await queue.add('fan-out', { postId }, { ...fanOutJobOptions(postId), attempts: 1 });
      await waitFor('fan-out failed', async () => ((await (await queue.getJob(fanOutJobId(postId)))?.isFailed()) ? true : undefined));
      [producer.enqueue, notifications.fanOut] = [enqueue, fanOut];

      expect(await notifications.enqueueUnnotified()).toBeGreaterThanOrEqual(1);
      await waitFor('DE watcher notified', async () => ((await de.get(`/v1/forum/notifications?${q(watcher)}`)).body.items.some((n: { postId: string }) => n.postId === postId) ? true : undefined));
      expect(await (await queue.getJob(fanOutJobId(postId)))!.isCompleted()).toBe(true);
    } finally {
      [producer.enqueue, notifications.fanOut] = [enqueue, fanOut];
      await queue.close();
    }
  });

  it('notifies a subscribed officer of the other unit and of the same unit through the queue, once per post', async () => {
    const deWatcher = { id: randomUUID(), displayName: 'DE watcher' };
    const subscribed = await de.act('/v1/forum/subscriptions', deWatcher, 'forum.subscription.set', { target: { kind: 'category', category: 'trends' }, subscribed: true });
    expect(subscribed.status).toBe(200);
    expect(subscribed.body).toEqual([{ kind: 'category', category: 'trends', since: expect.any(String) }]);

    const created = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', thread({ category: 'trends', title: 'Counterfeit medicines moving to messenger channels' }));
    const postId = created.body.items[0].id;
    const inbox = await waitFor('DE officer notified', async () => {
      const res = await de.get(`/v1/forum/notifications?${q(deWatcher)}`);
      return res.body.total > 0 ? res.body : undefined;
    });
    expect(inbox).toMatchObject({ total: 1, unread: 1, items: [{ postId, threadId: created.body.id, threadTitle: 'Counterfeit medicines moving to messenger channels', reason: 'category', author: { unitId: FR } }] });

    // fr.other follows the thread; DE's reply reaches fr.other and the thread's author (same unit), not DE's officer.
    await fr.act('/v1/forum/subscriptions', frOther, 'forum.subscription.set', { target: { kind: 'thread', threadId: created.body.id }, subscribed: true });
    const reply = await de.act('/v1/forum/posts', deWatcher, 'forum.post.create', { threadId: created.body.id, body: 'Seen the same in DE.', documents: [], overrides: [] });
    for (const officer of [frOther, frAuthor]) {
      await waitFor(`${officer.displayName} notified`, async () => ((await fr.get(`/v1/forum/notifications?${q(officer)}&unread=true`)).body.items.some((n: { postId: string }) => n.postId === reply.body.id) ? true : undefined));
    }
    expect((await de.get(`/v1/forum/notifications?${q(deWatcher)}`)).body.total).toBe(1);

    // The job is idempotent and deduplicated by its id: running it again, or queueing it again, adds nothing.
    expect(await exchange.apps.hub!.get(NotificationsService).fanOut(reply.body.id)).toBe(0);
    const queue = new Queue(FORUM_NOTIFICATION_QUEUE, { connection: bullConnection(testEnv.redisUrl), prefix: `cicu-hub-forum_hub-${exchange.run}` });
    try {
      expect(await queue.getJob(fanOutJobId(reply.body.id))).toBeDefined();
      await queue.add('fan-out', { postId: reply.body.id }, { jobId: fanOutJobId(reply.body.id) });
      expect((await queue.getJobs(['completed', 'waiting', 'active', 'delayed'])).filter((job) => job.id === fanOutJobId(reply.body.id))).toHaveLength(1);
    } finally {
      await queue.close();
    }
    const [rows] = await sql<{ n: number }>(exchange.dbs.hub.url, 'SELECT count(*)::int AS n FROM forum_notification WHERE post_id = $1', [reply.body.id]);
    expect(rows!.n).toBe(2);

    // Marking read: all or none.
    const mine = (await fr.get(`/v1/forum/notifications?${q(frOther)}`)).body.items.map((n: { id: string }) => n.id);
    const foreign = (await de.get(`/v1/forum/notifications?${q(deWatcher)}`)).body.items[0].id;
    const refused = await fr.act('/v1/forum/notifications/read', frOther, 'forum.notifications.read', { notificationIds: [...mine, foreign] });
    expect([refused.status, refused.body.code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);
    const marked = await fr.act('/v1/forum/notifications/read', frOther, 'forum.notifications.read', { notificationIds: mine });
    expect(marked.body).toEqual({ marked: mine.length, unread: 0 });
  });

  it('lets coordinators, and no one else, lock a thread against replies and edits, and hide and restore a post with a reason', async () => {
    const created = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', thread({ title: 'Joint action on counterfeit perfume', category: 'joint-actions' }));
    const threadId = created.body.id;
    const reply = await de.act('/v1/forum/posts', deOfficer, 'forum.post.create', { threadId, body: 'DE joins.', documents: [], overrides: [] });
    const quoting = await fr.act('/v1/forum/posts', frAuthor, 'forum.post.create', { threadId, body: 'Welcome.', quote: { postId: reply.body.id, excerpt: 'DE joins' }, documents: [], overrides: [] });
    const hide = `/v1/admin/forum/posts/${reply.body.id}/hide`;

    // Role matrix: a node (for any officer) and an auditor cannot moderate; a coordinator can.
    expect((await fr.post(hide, { reason: 'off-topic' })).status).toBe(401);
    const byAuditor = await asAdmin('auditor', 'post', hide, { reason: 'off-topic' });
    expect([byAuditor.status, byAuditor.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await asAdmin('coordinator', 'post', hide, { reason: 'gossip' })).body.issues[0].path).toBe('/reason');
    const hidden = await asAdmin('coordinator', 'post', hide, { reason: 'off-topic', note: 'Belongs in its own thread' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.hidden).toMatchObject({ reason: 'off-topic', note: 'Belongs in its own thread' });
    expect((await asAdmin('coordinator', 'post', hide, { reason: 'other' })).body.code).toBe('POST_ALREADY_HIDDEN');

    const asMember = (await fr.get(`/v1/forum/threads/${threadId}?${q(frAuthor)}`)).body;
    expect(asMember.items.map((p: { id: string }) => p.id)).toEqual([created.body.items[0].id, quoting.body.id]);
    expect(asMember.items[1].quote).toEqual({ postId: reply.body.id, hidden: true });
    expect((await de.get(`/v1/forum/posts/${reply.body.id}?${q(deOfficer)}`)).status).toBe(404);
    const asCoordinator = (await asAdmin('coordinator', 'get', `/v1/admin/forum/threads/${threadId}`)).body;
    expect(asCoordinator.items.map((p: { id: string; hidden?: unknown }) => [p.id, p.hidden !== undefined])).toEqual([
      [created.body.items[0].id, false], [reply.body.id, true], [quoting.body.id, false],
    ]);
    expect(asCoordinator.items[2].quote).toEqual({ postId: reply.body.id, excerpt: 'DE joins' });
    expect((await asAdmin('coordinator', 'post', `/v1/admin/forum/posts/${reply.body.id}/restore`)).status).toBe(200);
    expect((await de.get(`/v1/forum/posts/${reply.body.id}?${q(deOfficer)}`)).status).toBe(200);

    expect((await asAdmin('auditor', 'post', `/v1/admin/forum/threads/${threadId}/lock`)).status).toBe(403);
    expect((await asAdmin('coordinator', 'post', `/v1/admin/forum/threads/${threadId}/lock`)).body).toMatchObject({ locked: true });
    const locked = await de.act('/v1/forum/posts', deOfficer, 'forum.post.create', { threadId, body: 'Too late?', documents: [], overrides: [] });
    expect([locked.status, locked.body.code]).toEqual([409, 'THREAD_LOCKED']);
    const edit = await de.act(`/v1/forum/posts/${reply.body.id}/revisions`, deOfficer, 'forum.post.edit', { postId: reply.body.id, baseRevision: 1, body: 'DE joins, with two officers.', documents: [], overrides: [] });
    expect(edit.body.code).toBe('THREAD_LOCKED');
    expect((await asAdmin('coordinator', 'post', `/v1/admin/forum/threads/${threadId}/unlock`)).body).toMatchObject({ locked: false });
    expect((await de.act('/v1/forum/posts', deOfficer, 'forum.post.create', { threadId, body: 'Now then.', documents: [], overrides: [] })).status).toBe(201);

    // Hiding the opening post hides the thread from members.
    await asAdmin('coordinator', 'post', `/v1/admin/forum/posts/${created.body.items[0].id}/hide`, { reason: 'duplicate' });
    expect((await de.get(`/v1/forum/threads/${threadId}?${q(deOfficer)}`)).body.code).toBe('THREAD_NOT_FOUND');
    expect((await de.get(`/v1/forum/threads?${q(deOfficer)}&category=joint-actions`)).body.total).toBe(0);
    expect((await asAdmin('coordinator', 'get', '/v1/admin/forum/threads?category=joint-actions')).body.items[0]).toMatchObject({ id: threadId, hidden: true });

    const events = await sql<{ type: string; canonical: string }>(exchange.dbs.hub.url, `SELECT type, canonical FROM audit_entry WHERE type IN ('forum.post-hidden', 'forum.post-restored', 'forum.thread-locked', 'forum.thread-unlocked') ORDER BY index`);
    expect(events.map((e) => e.type)).toEqual(['forum.post-hidden', 'forum.post-restored', 'forum.thread-locked', 'forum.thread-unlocked', 'forum.post-hidden']);
    expect(events[0]!.canonical).not.toContain('Belongs');
    expect(JSON.parse(events[0]!.canonical)).toMatchObject({ actor: { kind: 'coordinator' }, postId: reply.body.id, reason: 'off-topic', noteDigest: expect.stringMatching(/^sha256:/) });
  });

  it('answers a write with what it stored even when a coordinator hides it before the answer, and lets an officer leave a hidden thread', async () => {
    const created = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', thread({ title: 'Hidden while answered' }));
    const threadId: string = created.body.id;
    const producer = exchange.apps.hub!.get(NotificationProducer);
    const newest = async () => (await sql<{ id: string }>(exchange.dbs.hub.url, 'SELECT id FROM forum_post WHERE thread_id = $1 ORDER BY seq DESC LIMIT 1', [threadId]))[0]!.id;
    // The reply has committed and is held before its answer while a coordinator hides it: it answered 404 POST_NOT_FOUND.
    const reply = await holding(producer, 'enqueue', 'door', () => de.act('/v1/forum/posts', deOfficer, 'forum.post.create', { threadId, body: 'Seen in DE too.', documents: [], overrides: [] }), async () => {
      expect((await asAdmin('coordinator', 'post', `/v1/admin/forum/posts/${await newest()}/hide`, { reason: 'off-topic' })).status).toBe(200);
    });
    expect([reply.status, reply.body.id, reply.body.seq]).toEqual([201, await newest(), 2]);
    // Nor does the hidden reply show through the thread's last post time, which members see and lists are ordered by.
    const summary = async () => ((await fr.get(`/v1/forum/threads?${q(frAuthor)}&limit=100`)).body.items as { id: string; lastPostAt: string }[]).find((t) => t.id === threadId)!;
    expect((await summary()).lastPostAt).toBe(created.body.items[0].createdAt);
    expect((await asAdmin('coordinator', 'post', `/v1/admin/forum/posts/${reply.body.id}/restore`)).status).toBe(200);
    expect((await summary()).lastPostAt).toBe(reply.body.createdAt);

    // The opening post hidden, its author (who follows the thread) can still leave it: it refused THREAD_NOT_FOUND.
    expect((await asAdmin('coordinator', 'post', `/v1/admin/forum/posts/${created.body.items[0].id}/hide`, { reason: 'off-topic' })).status).toBe(200);
    const left = await fr.act('/v1/forum/subscriptions', frAuthor, 'forum.subscription.set', { target: { kind: 'thread', threadId }, subscribed: false });
    expect(left.status).toBe(200);
    expect(left.body.filter((s: { threadId?: string }) => s.threadId === threadId)).toEqual([]);
    // Following it stays refused, as for any thread a member cannot see.
    expect((await fr.act('/v1/forum/subscriptions', frAuthor, 'forum.subscription.set', { target: { kind: 'thread', threadId }, subscribed: true })).body.code).toBe('THREAD_NOT_FOUND');
  });

  it('lists the overridden findings for coordinator review', async () => {
    const review = await asAdmin('coordinator', 'get', '/v1/admin/forum/overrides');
    expect(review.status).toBe(200);
    expect(review.body.items[0]).toMatchObject({ kind: 'EMAIL', location: 'body', unitId: FR, officerId: frAuthor.id, justification: expect.stringContaining('made-up') });
    expect((await fr.get('/v1/admin/forum/overrides')).status).toBe(401);
  });

  it('refuses a replayed action, an action over other content, and invalid content, naming the fields', async () => {
    const content = thread({ title: 'Replay me' });
    const action = await fr.action(frAuthor, 'forum.thread.create', content);
    expect((await fr.post('/v1/forum/threads', { action, content })).status).toBe(201);
    const replayed = await fr.post('/v1/forum/threads', { action, content });
    expect([replayed.status, replayed.body.code]).toEqual([409, 'ACTION_REPLAY']);
    const other = await fr.post('/v1/forum/threads', { action: await fr.action(frAuthor, 'forum.thread.create', content), content: { ...content, title: 'Something else' } });
    expect([other.status, other.body.code]).toEqual([403, 'ACTION_MISMATCH']);
    const wrongAction = await fr.post('/v1/forum/threads', { action: await fr.action(frAuthor, 'forum.post.create', content), content });
    expect(wrongAction.body.code).toBe('ACTION_MISMATCH');
    const invalid = await fr.act('/v1/forum/threads', frAuthor, 'forum.thread.create', { ...content, category: 'gossip', title: '' });
    expect(invalid.status).toBe(400);
    expect([...new Set(invalid.body.issues.map((i: { path: string }) => i.path))].sort()).toEqual(['/content/category', '/content/title']);
    expect((await fr.get('/v1/forum/threads?officer=nope&limit=0')).body.issues.map((i: { path: string }) => i.path)).toEqual(['/officer', '/limit']);
    // A parameter the route does not define (here a misspelt limit) is refused, not ignored.
    const misspelt = await fr.get(`/v1/forum/threads?officer=${frAuthor.id}&limt=5`);
    expect([misspelt.status, misspelt.body.code, misspelt.body.issues]).toEqual([400, 'VALIDATION', [{ path: '', code: 'additionalProperties', message: 'must not have parameters other than those the route defines' }]]);
    expect((await fr.get(`/v1/forum/subscriptions?officer=${frAuthor.id}&unread=true`)).body.issues.map((i: { code: string }) => i.code)).toEqual(['additionalProperties']);
    expect((await fr.get(`/v1/forum/threads?officer=${frAuthor.id}&limit=5`)).status).toBe(200);
  });

  it('keeps the unit directory: every active member reads it, a node edits its own unit only, audited', async () => {
    const profile = {
      baseVersion: 0,
      description: 'Internet investigations of the French customs: marketplaces, counterfeit medicines.',
      competences: ['medicines', 'ipr-counterfeits'],
      languages: ['fr', 'en'],
      contactPoints: [{ function: 'Duty desk', email: 'cyberdouane-desk@douane.example.org', phone: '+33199001234', hours: 'Mon–Fri 08:00–18:00 CET' }],
    };
    const byDe = await de.put(`/v1/unit-directory/${FR}`, { action: await de.action(deOfficer, 'unit-directory.update', profile), content: profile });
    expect([byDe.status, byDe.body.code]).toEqual([403, 'NOT_OWN_UNIT']);
    const updated = await fr.put(`/v1/unit-directory/${FR}`, { action: await fr.action(frAuthor, 'unit-directory.update', profile), content: profile });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ unitId: FR, profile: { version: 1, competences: ['medicines', 'ipr-counterfeits'], contactPoints: profile.contactPoints } });

    const seenByDe = await de.get('/v1/unit-directory');
    expect(seenByDe.status).toBe(200);
    expect(seenByDe.body.find((e: { unitId: string }) => e.unitId === FR).profile).toMatchObject({ version: 1, languages: ['fr', 'en'] });
    expect(seenByDe.body.find((e: { unitId: string }) => e.unitId === DE).profile).toBeNull();

    // A stale version, a person in a free text: refused, nothing changed.
    const stale = await fr.put(`/v1/unit-directory/${FR}`, { action: await fr.action(frAuthor, 'unit-directory.update', profile), content: profile });
    expect([stale.status, stale.body.code]).toEqual([409, 'PROFILE_CONFLICT']);
    const named = { ...profile, baseVersion: 1, contactPoints: [{ function: 'Ask Jean Dupont, born 12.03.1975', email: 'desk@douane.example.org' }] };
    const guarded = await fr.put(`/v1/unit-directory/${FR}`, { action: await fr.action(frAuthor, 'unit-directory.update', named), content: named });
    expect([guarded.status, guarded.body.code, guarded.body.findings[0].location]).toEqual([422, 'PERSONAL_DATA_SUSPECTED', 'contactFunction/0']);
    expect((await de.get('/v1/unit-directory')).body.find((e: { unitId: string }) => e.unitId === FR).profile.version).toBe(1);

    const [event] = await sql<{ canonical: string }>(exchange.dbs.hub.url, `SELECT canonical FROM audit_entry WHERE type = 'unit-directory.profile-updated'`);
    expect(JSON.parse(event!.canonical)).toMatchObject({ unitId: FR, version: 1, officerId: frAuthor.id, contentDigest: expect.stringMatching(/^sha256:/) });
    expect(event!.canonical).not.toContain('desk');
  });

  it('refuses every call of a suspended unit', async () => {
    await sql(exchange.dbs.hub.url, `UPDATE unit SET status = 'suspended' WHERE id = $1`, [DE]);
    try {
      const read = await de.get(`/v1/forum/threads?${q(deOfficer)}`);
      expect([read.status, read.body.code]).toEqual([403, 'SENDER_SUSPENDED']);
      const write = await de.act('/v1/forum/threads', deOfficer, 'forum.thread.create', thread({ title: 'While suspended' }));
      expect([write.status, write.body.code]).toEqual([403, 'SENDER_SUSPENDED']);
      expect((await de.get('/v1/unit-directory')).status).toBe(403);
      // Nor is the suspended unit listed to the others.
      expect((await fr.get('/v1/unit-directory')).body.map((e: { unitId: string }) => e.unitId)).not.toContain(DE);
    } finally {
      await sql(exchange.dbs.hub.url, `UPDATE unit SET status = 'active' WHERE id = $1`, [DE]);
    }
  });
});
