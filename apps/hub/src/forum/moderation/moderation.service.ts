import { Injectable } from '@nestjs/common';
import { controlNumber } from '@cicu/crypto';
import { AuditService } from '../../audit/audit.service';
import { ForumError } from '../forum.errors';
import { ForumRepository } from '../forum.repository';
import { ForumService } from '../forum.service';
import { type PostView, type ThreadSummaryView, threadSummaryView } from '../forum-views';
import { type HideReason } from './hide-reasons';

/** The coordinator who moderates, by account id. */
export interface Moderator {
  accountId: string;
}

/**
 * Moderation by coordinators (docs/adr-forum.md): lock a thread (no reply, no edit), hide a post
 * with a reason (members no longer see it; hiding the opening post hides the thread), restore.
 * Each is audited with ids and codes only (the note by its digest), in the change's transaction.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly repository: ForumRepository,
    private readonly audit: AuditService,
    private readonly forum: ForumService,
  ) {}

  async lock(moderator: Moderator, threadId: string): Promise<ThreadSummaryView> {
    const now = new Date();
    await this.repository.transaction(async (tx) => {
      const thread = await this.repository.lockThread(tx, threadId);
      if (thread === undefined) throw threadNotFound(threadId);
      if (thread.locked_at !== null) throw new ForumError('THREAD_ALREADY_LOCKED', 'the thread is already locked');
      await this.repository.setThreadLock(tx, threadId, { at: now, by: moderator.accountId });
      await this.audit.record(tx, { type: 'forum.thread-locked', actor: actorOf(moderator), threadId }, now);
    });
    return this.summary(moderator, threadId);
  }

  async unlock(moderator: Moderator, threadId: string): Promise<ThreadSummaryView> {
    await this.repository.transaction(async (tx) => {
      const thread = await this.repository.lockThread(tx, threadId);
      if (thread === undefined) throw threadNotFound(threadId);
      if (thread.locked_at === null) throw new ForumError('THREAD_NOT_LOCKED', 'the thread is not locked');
      await this.repository.setThreadLock(tx, threadId, null);
      await this.audit.record(tx, { type: 'forum.thread-unlocked', actor: actorOf(moderator), threadId });
    });
    return this.summary(moderator, threadId);
  }

  async hide(moderator: Moderator, postId: string, reason: HideReason, note: string | undefined): Promise<PostView> {
    const now = new Date();
    await this.repository.transaction(async (tx) => {
      const post = await this.lockedPost(tx, postId);
      if (post.hidden_at !== null) throw new ForumError('POST_ALREADY_HIDDEN', 'the post is already hidden');
      await this.repository.setPostHidden(tx, postId, { at: now, by: moderator.accountId, reason, note: note ?? null });
      await this.repository.refreshLastPostAt(tx, post.thread_id);
      await this.audit.record(tx, {
        type: 'forum.post-hidden', actor: actorOf(moderator), threadId: post.thread_id, postId, reason,
        ...(note !== undefined && { noteDigest: controlNumber(new TextEncoder().encode(note)) }),
      }, now);
    });
    return this.forum.post({ kind: 'coordinator', accountId: moderator.accountId }, postId);
  }

  async restore(moderator: Moderator, postId: string): Promise<PostView> {
    await this.repository.transaction(async (tx) => {
      const post = await this.lockedPost(tx, postId);
      if (post.hidden_at === null) throw new ForumError('POST_NOT_HIDDEN', 'the post is not hidden');
      await this.repository.setPostHidden(tx, postId, null);
      await this.repository.refreshLastPostAt(tx, post.thread_id);
      await this.audit.record(tx, { type: 'forum.post-restored', actor: actorOf(moderator), threadId: post.thread_id, postId });
    });
    return this.forum.post({ kind: 'coordinator', accountId: moderator.accountId }, postId);
  }

  /** The post, its thread and the post locked in that order (the order of every forum writer). */
  private async lockedPost(tx: Parameters<ForumRepository['findPost']>[0], postId: string) {
    const found = await this.repository.findPost(tx, postId);
    if (found === undefined) throw new ForumError('POST_NOT_FOUND', `post ${postId} does not exist`);
    await this.repository.lockThread(tx, found.thread_id);
    return (await this.repository.findPost(tx, postId, true))!;
  }

  private async summary(moderator: Moderator, threadId: string): Promise<ThreadSummaryView> {
    const thread = await this.repository.findThread(this.repository.manager, threadId);
    return threadSummaryView(thread!, { kind: 'coordinator', accountId: moderator.accountId });
  }
}

const actorOf = (moderator: Moderator) => ({ kind: 'coordinator' as const, accountId: moderator.accountId });
const threadNotFound = (id: string) => new ForumError('THREAD_NOT_FOUND', `thread ${id} does not exist`);
