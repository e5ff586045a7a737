import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type ForumCategory, type ForumSubscriptionTarget } from '@cicu/protocol';
import { type GuardOverrideRow } from '../sharing/guard-override-rows';
import { type HideReason } from './moderation/hide-reasons';

export type ForumTx = EntityManager;

export interface ThreadRow {
  id: string;
  category: ForumCategory;
  title: string;
  author_unit: string;
  author_officer_id: string;
  author_name: string;
  post_count: number;
  created_at: Date;
  last_post_at: Date;
  locked_at: Date | null;
  locked_by: string | null;
  /** Whether its opening post is hidden (the thread then is, for members). */
  opening_hidden: boolean;
  /** Posts a member sees (not hidden). */
  visible_posts: number;
}

export interface PostRow {
  id: string;
  thread_id: string;
  seq: number;
  author_unit: string;
  author_officer_id: string;
  author_name: string;
  body: string;
  documents: string[];
  quoted_post_id: string | null;
  quote_excerpt: string | null;
  /** Whether the quoted post is hidden now (its excerpt then is, for members). */
  quoted_hidden: boolean | null;
  revision: number;
  created_at: Date;
  edited_at: Date | null;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: HideReason | null;
  hidden_note: string | null;
}

/** A post with what the rules about it need to know of its thread. */
export interface PostInThreadRow extends PostRow {
  category: ForumCategory;
  locked_at: Date | null;
  opening_hidden: boolean;
}

export interface RevisionRow {
  post_id: string;
  revision: number;
  body: string;
  documents: string[];
  content_digest: string;
  action_digest: string;
  created_at: Date;
}

export interface NotificationRow {
  id: string;
  post_id: string;
  thread_id: string;
  reason: 'thread' | 'category';
  created_at: Date;
  read_at: Date | null;
  title: string;
  category: ForumCategory;
  seq: number;
  author_unit: string;
  author_name: string;
}

export interface OverrideRow extends GuardOverrideRow {
  post_id: string;
  thread_id: string;
  revision: number;
}

export interface NewThread {
  id: string;
  category: ForumCategory;
  title: string;
  authorUnit: string;
  authorOfficerId: string;
  authorName: string;
  now: Date;
}

export interface NewPost {
  id: string;
  threadId: string;
  seq: number;
  authorUnit: string;
  authorNodeId: string;
  authorOfficerId: string;
  authorName: string;
  body: string;
  documents: readonly string[];
  quote: { postId: string; revision: number; excerpt: string } | undefined;
  now: Date;
}

export interface NewRevision {
  postId: string;
  revision: number;
  body: string;
  documents: readonly string[];
  nodeId: string;
  content: string;
  contentDigest: string;
  actionJws: string;
  actionDigest: string;
  auditIndex: number;
  now: Date;
}

export interface Page {
  limit: number;
  offset: number;
}

const THREAD_COLUMNS = `t.id, t.category, t.title, t.author_unit, t.author_officer_id, t.author_name, t.post_count, t.created_at, t.last_post_at, t.locked_at, t.locked_by,
  (SELECT o.hidden_at IS NOT NULL FROM forum_post o WHERE o.thread_id = t.id AND o.seq = 1) AS opening_hidden,
  (SELECT count(*)::int FROM forum_post v WHERE v.thread_id = t.id AND v.hidden_at IS NULL) AS visible_posts`;

const POST_COLUMNS = `p.id, p.thread_id, p.seq, p.author_unit, p.author_officer_id, p.author_name, p.body, p.documents, p.quoted_post_id, p.quote_excerpt,
  (SELECT q.hidden_at IS NOT NULL FROM forum_post q WHERE q.id = p.quoted_post_id) AS quoted_hidden,
  p.revision, p.created_at, p.edited_at, p.hidden_at, p.hidden_by, p.hidden_reason, p.hidden_note`;

/** Members never see a hidden post, nor a thread whose opening post is hidden. */
const VISIBLE_THREAD = `NOT EXISTS (SELECT 1 FROM forum_post o WHERE o.thread_id = t.id AND o.seq = 1 AND o.hidden_at IS NOT NULL)`;

/** The only code of the forum that touches the database. */
@Injectable()
export class ForumRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: ForumTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): ForumTx {
    return this.dataSource.manager;
  }

  /**
   * A page and its count read in one snapshot (REPEATABLE READ): read apart, a post or a
   * notification committed between the two gave a total of 1 over an empty page.
   */
  private snapshot<T>(work: (tx: ForumTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  // --- threads

  async insertThread(tx: ForumTx, t: NewThread): Promise<void> {
    await tx.query(
      `INSERT INTO forum_thread (id, category, title, author_unit, author_officer_id, author_name, post_count, created_at, last_post_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)`,
      [t.id, t.category, t.title, t.authorUnit, t.authorOfficerId, t.authorName, t.now],
    );
  }

  /** The thread, locked until the transaction ends: replies, edits and moderation of it take turns. */
  async lockThread(tx: ForumTx, id: string): Promise<ThreadRow | undefined> {
    await tx.query(`SELECT id FROM forum_thread WHERE id = $1 FOR UPDATE`, [id]);
    return this.findThread(tx, id);
  }

  async findThread(tx: ForumTx, id: string): Promise<ThreadRow | undefined> {
    const rows: ThreadRow[] = await tx.query(`SELECT ${THREAD_COLUMNS} FROM forum_thread t WHERE t.id = $1`, [id]);
    return rows[0];
  }

  /** Records a new post as the thread's `seq`-th. */
  async advanceThread(tx: ForumTx, id: string, seq: number, now: Date): Promise<void> {
    await tx.query(`UPDATE forum_thread SET post_count = $2, last_post_at = $3 WHERE id = $1`, [id, seq, now]);
  }

  /**
   * `last_post_at` is the time of the thread's last visible post (the opening post's, or the
   * thread's creation, when none is): members see it and the lists are ordered by it, so a hidden
   * reply must not show through it. Set again when a post is hidden or restored.
   */
  async refreshLastPostAt(tx: ForumTx, id: string): Promise<void> {
    await tx.query(
      `UPDATE forum_thread t SET last_post_at = COALESCE((SELECT max(p.created_at) FROM forum_post p WHERE p.thread_id = t.id AND p.hidden_at IS NULL), t.created_at) WHERE t.id = $1`,
      [id],
    );
  }

  async setThreadLock(tx: ForumTx, id: string, lock: { at: Date; by: string } | null): Promise<void> {
    await tx.query(`UPDATE forum_thread SET locked_at = $2, locked_by = $3 WHERE id = $1`, [id, lock?.at ?? null, lock?.by ?? null]);
  }

  /** Threads, most recently active first, and how many there are in all (hidden ones only with `includeHidden`). */
  async listThreads(filter: { category?: ForumCategory; includeHidden: boolean }, page: Page): Promise<{ rows: ThreadRow[]; total: number }> {
    const where = [...(filter.category !== undefined ? ['t.category = $1'] : []), ...(filter.includeHidden ? [] : [VISIBLE_THREAD])];
    const params = filter.category !== undefined ? [filter.category] : [];
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const n = params.length;
    return this.snapshot(async (tx) => {
      const rows: ThreadRow[] = await tx.query(
        `SELECT ${THREAD_COLUMNS} FROM forum_thread t ${clause} ORDER BY t.last_post_at DESC, t.id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, page.limit, page.offset],
      );
      const [count] = (await tx.query(`SELECT count(*)::int AS total FROM forum_thread t ${clause}`, params)) as { total: number }[];
      return { rows, total: count!.total };
    });
  }

  // --- posts

  async insertPost(tx: ForumTx, p: NewPost): Promise<void> {
    await tx.query(
      `INSERT INTO forum_post (id, thread_id, seq, author_unit, author_node_id, author_officer_id, author_name, body, documents,
         quoted_post_id, quoted_revision, quote_excerpt, revision, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13)`,
      [p.id, p.threadId, p.seq, p.authorUnit, p.authorNodeId, p.authorOfficerId, p.authorName, p.body, p.documents,
        p.quote?.postId ?? null, p.quote?.revision ?? null, p.quote?.excerpt ?? null, p.now],
    );
  }

  async insertRevision(tx: ForumTx, r: NewRevision): Promise<void> {
    await tx.query(
      `INSERT INTO forum_post_revision (post_id, revision, body, documents, node_id, content, content_digest, action_jws, action_digest, audit_index, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [r.postId, r.revision, r.body, r.documents, r.nodeId, r.content, r.contentDigest, r.actionJws, r.actionDigest, r.auditIndex, r.now],
    );
  }

  /** The post with its thread's category and standing; `lock` holds the post's row until the transaction ends. */
  async findPost(tx: ForumTx, id: string, lock = false): Promise<PostInThreadRow | undefined> {
    if (lock) await tx.query(`SELECT id FROM forum_post WHERE id = $1 FOR UPDATE`, [id]);
    const rows: PostInThreadRow[] = await tx.query(
      `SELECT ${POST_COLUMNS}, t.category, t.locked_at,
         (SELECT o.hidden_at IS NOT NULL FROM forum_post o WHERE o.thread_id = t.id AND o.seq = 1) AS opening_hidden
       FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id WHERE p.id = $1`,
      [id],
    );
    return rows[0];
  }

  async updatePostBody(tx: ForumTx, id: string, edit: { body: string; documents: readonly string[]; revision: number; now: Date }): Promise<void> {
    await tx.query(`UPDATE forum_post SET body = $2, documents = $3, revision = $4, edited_at = $5 WHERE id = $1`, [id, edit.body, edit.documents, edit.revision, edit.now]);
  }

  async setPostHidden(tx: ForumTx, id: string, hidden: { at: Date; by: string; reason: HideReason; note: string | null } | null): Promise<void> {
    await tx.query(`UPDATE forum_post SET hidden_at = $2, hidden_by = $3, hidden_reason = $4, hidden_note = $5 WHERE id = $1`, [
      id, hidden?.at ?? null, hidden?.by ?? null, hidden?.reason ?? null, hidden?.note ?? null,
    ]);
  }

  /**
   * The posts of a thread in order (hidden ones only with `includeHidden`), and how many there
   * are; in `tx` when a write reads its own answer, otherwise in one snapshot of their own.
   */
  async postsOfThread(threadId: string, includeHidden: boolean, page: Page, tx?: ForumTx): Promise<{ rows: PostRow[]; total: number }> {
    const visible = includeHidden ? '' : 'AND p.hidden_at IS NULL';
    const read = async (q: ForumTx) => {
      const rows: PostRow[] = await q.query(`SELECT ${POST_COLUMNS} FROM forum_post p WHERE p.thread_id = $1 ${visible} ORDER BY p.seq LIMIT $2 OFFSET $3`, [threadId, page.limit, page.offset]);
      const [count] = (await q.query(`SELECT count(*)::int AS total FROM forum_post p WHERE p.thread_id = $1 ${visible}`, [threadId])) as { total: number }[];
      return { rows, total: count!.total };
    };
    return tx === undefined ? this.snapshot(read) : read(tx);
  }

  async revisionsOf(postId: string): Promise<RevisionRow[]> {
    return this.manager.query(
      `SELECT post_id, revision, body, documents, content_digest, action_digest, created_at FROM forum_post_revision WHERE post_id = $1 ORDER BY revision`,
      [postId],
    );
  }

  // --- guard overrides

  /** Overrides for coordinator review, newest first. */
  async listOverrides(page: Page): Promise<{ rows: OverrideRow[]; total: number }> {
    const rows: OverrideRow[] = await this.manager.query(
      `SELECT o.id, o.post_id, p.thread_id, o.revision, o.location, o.kind, o.start_offset, o.end_offset, o.excerpt, o.justification,
         o.unit_id, o.officer_id, o.officer_name, o.audit_index, o.created_at
       FROM forum_override o JOIN forum_post p ON p.id = o.post_id ORDER BY o.created_at DESC, o.id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    );
    const [count] = (await this.manager.query(`SELECT count(*)::int AS total FROM forum_override`)) as { total: number }[];
    return { rows, total: count!.total };
  }

  // --- subscriptions

  /** Subscribes (idempotent); true when it is new. */
  async subscribe(tx: ForumTx, unitId: string, officerId: string, target: ForumSubscriptionTarget, now: Date): Promise<boolean> {
    const rows: unknown[] =
      target.kind === 'thread'
        ? await tx.query(
            `INSERT INTO forum_subscription (unit_id, officer_id, thread_id, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (thread_id, unit_id, officer_id) WHERE thread_id IS NOT NULL DO NOTHING RETURNING 1`,
            [unitId, officerId, target.threadId, now],
          )
        : await tx.query(
            `INSERT INTO forum_subscription (unit_id, officer_id, category, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (category, unit_id, officer_id) WHERE category IS NOT NULL DO NOTHING RETURNING 1`,
            [unitId, officerId, target.category, now],
          );
    return rows.length > 0;
  }

  async unsubscribe(tx: ForumTx, unitId: string, officerId: string, target: ForumSubscriptionTarget): Promise<void> {
    if (target.kind === 'thread') await tx.query(`DELETE FROM forum_subscription WHERE unit_id = $1 AND officer_id = $2 AND thread_id = $3`, [unitId, officerId, target.threadId]);
    else await tx.query(`DELETE FROM forum_subscription WHERE unit_id = $1 AND officer_id = $2 AND category = $3`, [unitId, officerId, target.category]);
  }

  async subscriptionsOf(unitId: string, officerId: string): Promise<{ thread_id: string | null; category: ForumCategory | null; created_at: Date }[]> {
    return this.manager.query(`SELECT thread_id, category, created_at FROM forum_subscription WHERE unit_id = $1 AND officer_id = $2 ORDER BY created_at, thread_id, category`, [
      unitId,
      officerId,
    ]);
  }

  // --- notifications

  /**
   * Writes one notification per officer subscribed to the post's thread or category, but not
   * for its author nor for officers of units that are not active, and marks the post notified.
   * One INSERT … SELECT with ON CONFLICT DO NOTHING: running it again (a retried or repeated
   * job) writes nothing twice. An officer subscribed both ways is notified once, for the thread.
   */
  async fanOut(tx: ForumTx, postId: string, now: Date): Promise<number> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO forum_notification (id, unit_id, officer_id, post_id, thread_id, reason, created_at)
       SELECT gen_random_uuid(), s.unit_id, s.officer_id, p.id, p.thread_id, s.reason, $2
       FROM forum_post p
       JOIN forum_thread t ON t.id = p.thread_id
       JOIN LATERAL (
         SELECT DISTINCT ON (x.unit_id, x.officer_id) x.unit_id, x.officer_id, x.reason
         FROM (
           SELECT unit_id, officer_id, 'thread' AS reason, 0 AS preference FROM forum_subscription WHERE thread_id = p.thread_id
           UNION ALL
           SELECT unit_id, officer_id, 'category', 1 FROM forum_subscription WHERE category = t.category
         ) x
         ORDER BY x.unit_id, x.officer_id, x.preference
       ) s ON true
       JOIN unit u ON u.id = s.unit_id AND u.status = 'active'
       WHERE p.id = $1 AND NOT (s.unit_id = p.author_unit AND s.officer_id = p.author_officer_id)
       ON CONFLICT (unit_id, officer_id, post_id) DO NOTHING
       RETURNING 1`,
      [postId, now],
    );
    await tx.query(`UPDATE forum_post SET notified_at = COALESCE(notified_at, $2) WHERE id = $1`, [postId, now]);
    return inserted.length;
  }

  /** Posts whose notifications were never written (their job was lost), oldest first. */
  async unnotifiedPosts(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.manager.query(`SELECT id FROM forum_post WHERE notified_at IS NULL ORDER BY created_at LIMIT $1`, [limit]);
    return rows.map((r) => r.id);
  }

  /** An officer's notifications, newest first, without those of hidden posts or threads. */
  async notificationsOf(unitId: string, officerId: string, unreadOnly: boolean, page: Page): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    const from = `FROM forum_notification n JOIN forum_post p ON p.id = n.post_id JOIN forum_thread t ON t.id = n.thread_id
      WHERE n.unit_id = $1 AND n.officer_id = $2 AND p.hidden_at IS NULL AND ${VISIBLE_THREAD}`;
    const unread = unreadOnly ? 'AND n.read_at IS NULL' : '';
    return this.snapshot(async (tx) => {
      const rows: NotificationRow[] = await tx.query(
        `SELECT n.id, n.post_id, n.thread_id, n.reason, n.created_at, n.read_at, t.title, t.category, p.seq, p.author_unit, p.author_name
         ${from} ${unread} ORDER BY n.created_at DESC, n.id LIMIT $3 OFFSET $4`,
        [unitId, officerId, page.limit, page.offset],
      );
      const [count] = (await tx.query(`SELECT count(*)::int AS total, (count(*) FILTER (WHERE n.read_at IS NULL))::int AS unread ${from}`, [unitId, officerId])) as {
        total: number;
        unread: number;
      }[];
      return { rows, total: unreadOnly ? count!.unread : count!.total, unread: count!.unread };
    });
  }

  /** Marks the officer's notifications read; the number of `ids` that are theirs (the caller refuses the others). */
  async markRead(tx: ForumTx, unitId: string, officerId: string, ids: readonly string[], now: Date): Promise<number> {
    const owned: unknown[] = await tx.query(`SELECT 1 FROM forum_notification WHERE unit_id = $1 AND officer_id = $2 AND id = ANY($3::uuid[]) FOR UPDATE`, [unitId, officerId, ids]);
    if (owned.length !== ids.length) return owned.length;
    await tx.query(`UPDATE forum_notification SET read_at = COALESCE(read_at, $4) WHERE unit_id = $1 AND officer_id = $2 AND id = ANY($3::uuid[])`, [unitId, officerId, ids, now]);
    return owned.length;
  }
}
