import { Injectable } from '@nestjs/common';
import { type ForumCategory, type ForumNotificationsReadContent, type ForumSubscriptionContent } from '@cicu/protocol';
import { type OfficerAction } from '../../sharing/officer-action';
import { ForumError } from '../forum.errors';
import { ForumRepository, type Page } from '../forum.repository';
import { type NotificationView, notificationView } from '../forum-views';
import { NotificationProducer } from './notification.producer';

/** The officer a read is for: the calling node's unit and the officer id it names. */
export interface OfficerRef {
  unitId: string;
  officerId: string;
}

export interface SubscriptionView {
  kind: 'thread' | 'category';
  threadId?: string;
  category?: ForumCategory;
  since: string;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

/** Posts the start-up sweep queues at most (the rest at the next start). */
const SWEEP_LIMIT = 10_000;

/**
 * Subscriptions and in-app notifications (docs/adr-forum.md). A new post's job writes one
 * notification per subscribed officer of any active unit, its author's own unit included,
 * but not to its author; officers read and mark them through their node.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: ForumRepository,
    private readonly producer: NotificationProducer,
  ) {}

  /** The fan-out job: idempotent, so a retried or repeated job writes nothing twice. */
  async fanOut(postId: string, now: Date = new Date()): Promise<number> {
    return this.repository.transaction((tx) => this.repository.fanOut(tx, postId, now));
  }

  async enqueueUnnotified(): Promise<number> {
    const ids = await this.repository.unnotifiedPosts(SWEEP_LIMIT);
    await this.producer.enqueueMany(ids);
    return ids.length;
  }

  async setSubscription({ actor, content }: OfficerAction<ForumSubscriptionContent>): Promise<SubscriptionView[]> {
    const { target } = content;
    await this.repository.transaction(async (tx) => {
      // Only a subscription needs the thread to be there for its reader: an officer leaves a
      // thread hidden since (or one never there) all the same, so that it notifies no more once restored.
      if (target.kind === 'thread' && content.subscribed) {
        const thread = await this.repository.findThread(tx, target.threadId);
        if (thread === undefined || thread.opening_hidden) throw new ForumError('THREAD_NOT_FOUND', `thread ${target.threadId} does not exist`);
      }
      if (content.subscribed) await this.repository.subscribe(tx, actor.unitId, actor.officerId, target, new Date());
      else await this.repository.unsubscribe(tx, actor.unitId, actor.officerId, target);
    });
    return this.subscriptions(actor);
  }

  async subscriptions(officer: OfficerRef): Promise<SubscriptionView[]> {
    const rows = await this.repository.subscriptionsOf(officer.unitId, officer.officerId);
    return rows.map((row) => ({
      kind: row.thread_id !== null ? 'thread' : 'category',
      ...(row.thread_id !== null && { threadId: row.thread_id }),
      ...(row.category !== null && { category: row.category }),
      since: new Date(row.created_at).toISOString(),
    }));
  }

  async notifications(officer: OfficerRef, unreadOnly: boolean, page: Page): Promise<NotificationPage> {
    const { rows, total, unread } = await this.repository.notificationsOf(officer.unitId, officer.officerId, unreadOnly, page);
    return { items: rows.map(notificationView), total, unread, ...page };
  }

  /** Marks them read, all or none: an id that is not one of the officer's notifications refuses the lot. */
  async markRead({ actor, content }: OfficerAction<ForumNotificationsReadContent>): Promise<{ marked: number; unread: number }> {
    const ids = content.notificationIds;
    await this.repository.transaction(async (tx) => {
      const owned = await this.repository.markRead(tx, actor.unitId, actor.officerId, ids, new Date());
      if (owned !== ids.length) throw new ForumError('NOTIFICATION_NOT_FOUND', `${ids.length - owned} of the notifications are not yours or do not exist`);
    });
    const { unread } = await this.repository.notificationsOf(actor.unitId, actor.officerId, true, { limit: 1, offset: 0 });
    return { marked: ids.length, unread };
  }
}
