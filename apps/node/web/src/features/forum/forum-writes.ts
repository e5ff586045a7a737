import type { paths } from '../../../../../../openapi/node';
import { api, type ForumCategory, type Post, type Subscription, type Thread } from '../../api/client';
import type { GuardOverride } from '../sharing/guard';

// The protocol's override names a finding's kind from PERSONAL_DATA_KINDS; the findings come
// from the hub's refusal, so their kinds are those.
type Overrides = paths['/v1/forum/threads']['post']['requestBody']['content']['application/json']['overrides'];
const asOverrides = (overrides: readonly GuardOverride[]) => overrides as Overrides;

type Answer<T> = Promise<{ data?: T; error?: unknown }>;

/** Opens a thread with its first post (the author follows it). */
export const createThread = (content: { category: ForumCategory; title: string; body: string }, overrides: readonly GuardOverride[]) =>
  api.POST('/v1/forum/threads', { body: { ...content, documents: [], overrides: asOverrides(overrides) } }) as Answer<Thread>;

/** Replies in a thread, quoting an excerpt of one of its posts if given (the author follows it). */
export const reply = (content: { threadId: string; body: string; quote?: { postId: string; excerpt: string } }, overrides: readonly GuardOverride[]) =>
  api.POST('/v1/forum/posts', { body: { ...content, documents: [], overrides: asOverrides(overrides) } }) as Answer<Post>;

export const setSubscription = (target: { kind: 'thread'; threadId: string } | { kind: 'category'; category: ForumCategory }, subscribed: boolean) =>
  api.POST('/v1/forum/subscriptions', { body: { target, subscribed } }) as Answer<Subscription[]>;

export const markRead = (notificationIds: string[]) => api.POST('/v1/forum/notifications/read', { body: { notificationIds } }) as Answer<{ marked: number; unread: number }>;
