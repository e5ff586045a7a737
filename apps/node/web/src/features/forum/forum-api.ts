import type { UseQueryResult } from '@tanstack/react-query';
import { FORUM_CATEGORIES } from '../../../../../../libs/protocol/src/sharing/forum';
import { $api, type ForumCategory, type NotificationList, type Subscription, type Thread, type ThreadList } from '../../api/client';

export { FORUM_CATEGORIES };

// The node documents its forum answers as the hub's views without a schema of its own
// (api/client.ts), so the typed hooks know the routes and parameters but not the answers: each
// is read as the hub's view here, in one place.
const typed = <T>(query: unknown) => query as UseQueryResult<T, unknown>;

export const useThreads = (category: ForumCategory | undefined, offset: number, limit: number) =>
  typed<ThreadList>($api.useQuery('get', '/v1/forum/threads', { params: { query: { ...(category !== undefined && { category }), offset, limit } } }));

/** Posts per page of a thread. */
export const POSTS_PAGE_SIZE = 50;

/**
 * A thread and its posts from `offset` on, one page. The page shown stays until the thread's
 * next page has arrived, so that the screen (and the reply form's confirmation) never blanks in
 * between; another thread's posts are never shown in its place.
 */
export const useThread = (id: string, offset: number) =>
  typed<Thread>($api.useQuery('get', '/v1/forum/threads/{id}', { params: { path: { id }, query: { offset, limit: POSTS_PAGE_SIZE } } }, { refetchInterval: 10_000, placeholderData: (previous) => ((previous as Thread | undefined)?.id === id ? previous : undefined) }));

export const useSubscriptions = () => typed<Subscription[]>($api.useQuery('get', '/v1/forum/subscriptions'));

export const useNotifications = (refetchInterval?: number) => typed<NotificationList>($api.useQuery('get', '/v1/forum/notifications', { params: { query: { limit: 50 } } }, { ...(refetchInterval !== undefined && { refetchInterval }) }));

/** Whether the officer follows a thread or a category, by their subscriptions. */
export function follows(subscriptions: readonly Subscription[] | undefined, target: { threadId: string } | { category: ForumCategory }): boolean {
  return (subscriptions ?? []).some((s) => ('threadId' in target ? s.kind === 'thread' && s.threadId === target.threadId : s.kind === 'category' && s.category === target.category));
}
