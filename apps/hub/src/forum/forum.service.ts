import { Inject, Injectable } from '@nestjs/common';
import { v7 } from 'uuid';
import { type ForumCategory, type ForumEditContent, type ForumReplyContent, type ForumThreadContent } from '@cicu/protocol';
import { type AuditActor } from '../audit/audit-event';
import { AuditService } from '../audit/audit.service';
import { type OfficerAction, type OfficerActor } from '../sharing/officer-action';
import { type GuardedText, PersonalDataGuard } from '../sharing/personal-data-guard';
import { DOCUMENT_LINKS, type DocumentLinks } from './document-links';
import { ForumError } from './forum.errors';
import { ForumRepository, type ForumTx, type Page, type PostRow } from './forum.repository';
import { type ForumReader, isAuthor, isCoordinator, type PostView, postView, type RevisionView, revisionView, type ThreadSummaryView, threadSummaryView, type ThreadView } from './forum-views';
import { GuardOverrides } from './guard-overrides';
import { NotificationProducer } from './notifications/notification.producer';
import { shownText } from './markdown/render-markdown';

export const nodeActor = (actor: OfficerActor): AuditActor => ({ kind: 'node', nodeId: actor.nodeId, unitId: actor.unitId });
const memberOf = (actor: OfficerActor): ForumReader => ({ kind: 'member', unitId: actor.unitId, officerId: actor.officerId });

/** Posts of a thread shown at once unless asked otherwise. */
export const DEFAULT_POSTS_PAGE: Page = { limit: 50, offset: 0 };

/**
 * Threads, replies, quotes and edits (docs/adr-forum.md). Every write is an officer's verified
 * action: guarded for personal data first (nothing is stored when the guard finds something
 * the author did not override), then checked and stored in one transaction with its revision,
 * the signed action and its audit entry. A new post's notifications are fanned out by a job.
 */
@Injectable()
export class ForumService {
  constructor(
    private readonly repository: ForumRepository,
    private readonly audit: AuditService,
    private readonly guard: PersonalDataGuard,
    private readonly overrides: GuardOverrides,
    private readonly notifications: NotificationProducer,
    @Inject(DOCUMENT_LINKS) private readonly links: DocumentLinks,
  ) {}

  async createThread({ actor, content, proof }: OfficerAction<ForumThreadContent>): Promise<ThreadView> {
    const overridden = this.guard.check([...texts({ title: content.title }), postBody(content.body)], content.overrides, actor.unitId);
    const now = new Date();
    const threadId = v7();
    const postId = v7();
    // The answer is read in the write's transaction: read after it, a coordinator's hide in
    // between made a stored post answer 404, and its author would post it again.
    const view = await this.repository.transaction(async (tx) => {
      await this.checkDocuments(tx, actor, content.documents);
      await this.repository.insertThread(tx, { id: threadId, category: content.category, title: content.title, authorUnit: actor.unitId, authorOfficerId: actor.officerId, authorName: actor.officerName, now });
      await this.repository.insertPost(tx, { id: postId, threadId, seq: 1, ...authorOf(actor), body: content.body, documents: content.documents, quote: undefined, now });
      const { index } = await this.audit.record(tx, {
        type: 'forum.thread-created', actor: nodeActor(actor), officerId: actor.officerId, threadId, postId, revision: 1,
        contentDigest: proof.contentDigest, actionDigest: proof.jwsDigest, overrides: overridden.length,
      }, now);
      await this.repository.insertRevision(tx, { postId, revision: 1, body: content.body, documents: content.documents, nodeId: actor.nodeId, ...proofColumns(proof), auditIndex: index, now });
      await this.overrides.record(tx, actor, postId, 1, overridden, proof.contentDigest, now);
      // The author follows their own thread.
      await this.repository.subscribe(tx, actor.unitId, actor.officerId, { kind: 'thread', threadId }, now);
      return this.thread(memberOf(actor), threadId, DEFAULT_POSTS_PAGE, tx);
    });
    await this.notifications.enqueue(postId);
    return view;
  }

  async reply({ actor, content, proof }: OfficerAction<ForumReplyContent>): Promise<PostView> {
    const overridden = this.guard.check([postBody(content.body), ...texts({ quoteExcerpt: content.quote?.excerpt })], content.overrides, actor.unitId);
    const now = new Date();
    const postId = v7();
    const view = await this.repository.transaction(async (tx) => {
      const thread = await this.repository.lockThread(tx, content.threadId);
      if (thread === undefined || thread.opening_hidden) throw new ForumError('THREAD_NOT_FOUND', `thread ${content.threadId} does not exist`);
      if (thread.locked_at !== null) throw new ForumError('THREAD_LOCKED', 'the thread is locked: it takes no reply');
      const quote = content.quote && (await this.checkQuote(tx, content.threadId, content.quote));
      await this.checkDocuments(tx, actor, content.documents);
      const seq = thread.post_count + 1;
      await this.repository.insertPost(tx, { id: postId, threadId: thread.id, seq, ...authorOf(actor), body: content.body, documents: content.documents, quote, now });
      await this.repository.advanceThread(tx, thread.id, seq, now);
      const { index } = await this.audit.record(tx, {
        type: 'forum.post-created', actor: nodeActor(actor), officerId: actor.officerId, threadId: thread.id, postId, revision: 1,
        ...(quote !== undefined && { quotedPostId: quote.postId }), contentDigest: proof.contentDigest, actionDigest: proof.jwsDigest, overrides: overridden.length,
      }, now);
      await this.repository.insertRevision(tx, { postId, revision: 1, body: content.body, documents: content.documents, nodeId: actor.nodeId, ...proofColumns(proof), auditIndex: index, now });
      await this.overrides.record(tx, actor, postId, 1, overridden, proof.contentDigest, now);
      // Who replies follows the thread from then on (unsubscribing is one action away).
      await this.repository.subscribe(tx, actor.unitId, actor.officerId, { kind: 'thread', threadId: thread.id }, now);
      return this.post(memberOf(actor), postId, tx);
    });
    await this.notifications.enqueue(postId);
    return view;
  }

  async edit({ actor, content, proof }: OfficerAction<ForumEditContent>): Promise<PostView> {
    const overridden = this.guard.check([postBody(content.body)], content.overrides, actor.unitId);
    const now = new Date();
    return this.repository.transaction(async (tx) => {
      const found = await this.repository.findPost(tx, content.postId);
      if (found === undefined) throw postNotFound(content.postId);
      // Thread first, then post: the order every writer takes them in, so none waits on another in a cycle.
      const thread = await this.repository.lockThread(tx, found.thread_id);
      const post = (await this.repository.findPost(tx, content.postId, true))!;
      if (post.hidden_at !== null || thread!.opening_hidden) throw postNotFound(content.postId);
      if (!isAuthor(post, actor)) throw new ForumError('NOT_AUTHOR', 'only the author of a post may edit it');
      if (thread!.locked_at !== null) throw new ForumError('THREAD_LOCKED', 'the thread is locked: its posts take no edit');
      if (content.baseRevision !== post.revision) throw new ForumError('EDIT_CONFLICT', `the post is at revision ${post.revision}, the edit was made on revision ${content.baseRevision}`);
      await this.checkDocuments(tx, actor, content.documents);
      const revision = post.revision + 1;
      await this.repository.updatePostBody(tx, post.id, { body: content.body, documents: content.documents, revision, now });
      const { index } = await this.audit.record(tx, {
        type: 'forum.post-edited', actor: nodeActor(actor), officerId: actor.officerId, threadId: post.thread_id, postId: post.id, revision,
        contentDigest: proof.contentDigest, actionDigest: proof.jwsDigest, overrides: overridden.length,
      }, now);
      await this.repository.insertRevision(tx, { postId: post.id, revision, body: content.body, documents: content.documents, nodeId: actor.nodeId, ...proofColumns(proof), auditIndex: index, now });
      await this.overrides.record(tx, actor, post.id, revision, overridden, proof.contentDigest, now);
      return this.post(memberOf(actor), content.postId, tx);
    });
  }

  async listThreads(reader: ForumReader, filter: { category?: ForumCategory }, page: Page): Promise<{ items: ThreadSummaryView[]; total: number; limit: number; offset: number }> {
    const { rows, total } = await this.repository.listThreads({ ...filter, includeHidden: isCoordinator(reader) }, page);
    return { items: rows.map((row) => threadSummaryView(row, reader)), total, ...page };
  }

  /**
   * A thread and one page of its posts, as `reader` may see them; with `tx`, as a write's own
   * transaction left them (its answer, read before a coordinator may hide what it wrote).
   */
  async thread(reader: ForumReader, threadId: string, page: Page, tx?: ForumTx): Promise<ThreadView> {
    const db = tx ?? this.repository.manager;
    const thread = await this.repository.findThread(db, threadId);
    if (thread === undefined || (thread.opening_hidden && !isCoordinator(reader))) throw new ForumError('THREAD_NOT_FOUND', `thread ${threadId} does not exist`);
    const { rows, total } = await this.repository.postsOfThread(threadId, isCoordinator(reader), page, tx);
    const titles = await this.titlesFor(db, reader, rows);
    return { ...threadSummaryView(thread, reader), items: rows.map((row) => postView(row, reader, titles)), total, ...page };
  }

  async post(reader: ForumReader, postId: string, tx: ForumTx = this.repository.manager): Promise<PostView> {
    const post = await this.repository.findPost(tx, postId);
    if (post === undefined || (!isCoordinator(reader) && (post.hidden_at !== null || post.opening_hidden))) throw postNotFound(postId);
    return postView(post, reader, await this.titlesFor(tx, reader, [post]));
  }

  /** Every revision of a post: for its author and for coordinators; others see only that it was edited. */
  async revisions(reader: ForumReader, postId: string): Promise<RevisionView[]> {
    const post = await this.repository.findPost(this.repository.manager, postId);
    if (post === undefined || (!isCoordinator(reader) && (post.hidden_at !== null || post.opening_hidden))) throw postNotFound(postId);
    if (reader.kind === 'member' && !isAuthor(post, reader)) throw new ForumError('NOT_AUTHOR', 'only the author of a post (and the coordinators) read its revisions');
    return (await this.repository.revisionsOf(postId)).map(revisionView);
  }

  /** The quote as stored: the quoted post must be a visible post of the same thread that contains the excerpt as it stands. */
  private async checkQuote(tx: ForumTx, threadId: string, quote: { postId: string; excerpt: string }): Promise<{ postId: string; revision: number; excerpt: string }> {
    const quoted = await this.repository.findPost(tx, quote.postId);
    if (quoted === undefined || quoted.thread_id !== threadId || quoted.hidden_at !== null) throw new ForumError('QUOTE_INVALID', 'the quoted post is not a post of this thread');
    if (!quoted.body.includes(quote.excerpt)) throw new ForumError('QUOTE_INVALID', 'the excerpt is not in the quoted post');
    return { postId: quoted.id, revision: quoted.revision, excerpt: quote.excerpt };
  }

  /** Every linked document must exist and be readable by the author's unit. */
  private async checkDocuments(tx: ForumTx, actor: OfficerActor, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const readable = await this.links.readable(tx, actor.unitId, ids);
    const missing = ids.findIndex((id) => !readable.has(id));
    if (missing >= 0) throw new ForumError('DOCUMENT_NOT_FOUND', `linked document ${missing} does not exist or is not visible to your unit`);
  }

  private async titlesFor(tx: ForumTx, reader: ForumReader, posts: readonly PostRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(posts.flatMap((post) => post.documents))];
    if (ids.length === 0) return new Map();
    return this.links.readable(tx, isCoordinator(reader) ? 'all' : reader.unitId, ids);
  }
}

/** A post's Markdown for the guard: as typed, and as its readers see it rendered. */
function postBody(body: string): GuardedText {
  return { location: 'body', text: body, shown: shownText(body) };
}

/** The texts of a submission the guard reads, by location (absent ones skipped). */
function texts(byLocation: Record<string, string | undefined>): GuardedText[] {
  return Object.entries(byLocation).flatMap(([location, text]) => (text === undefined ? [] : [{ location, text }]));
}

function authorOf(actor: OfficerActor) {
  return { authorUnit: actor.unitId, authorNodeId: actor.nodeId, authorOfficerId: actor.officerId, authorName: actor.officerName };
}

function proofColumns(proof: OfficerAction<unknown>['proof']) {
  return { content: proof.content, contentDigest: proof.contentDigest, actionJws: proof.jws, actionDigest: proof.jwsDigest };
}

const postNotFound = (id: string) => new ForumError('POST_NOT_FOUND', `post ${id} does not exist`);
