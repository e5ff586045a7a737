import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from '../limits';
import { Discriminated, Obj, StringEnum, Text } from '../primitives';
import { LOWERCASE_UUID_PATTERN } from '../uuid';
import { Overrides } from './sharing-action';

/** What a forum thread is about (issue 6). */
export const FORUM_CATEGORIES = ['tools', 'trends', 'modus-operandi', 'training', 'joint-actions', 'general'] as const;
export type ForumCategory = (typeof FORUM_CATEGORIES)[number];

export const FORUM_LIMITS = {
  title: LIMITS.shortText,
  /** Markdown source of one post. */
  body: LIMITS.longText,
  /** A quote: an excerpt of the quoted post's Markdown, as the author selected it. */
  quoteExcerpt: 1_000,
  /** Library documents one post links to. */
  documents: 10,
  /** Notifications marked read by one action. */
  notifications: 200,
} as const;

const Id = Type.String({ pattern: LOWERCASE_UUID_PATTERN, maxLength: 36 });
const Body = Text(FORUM_LIMITS.body, { pattern: '\\S' });
/** Library documents the post links to, by id; each must exist and be visible to the author. */
const Documents = Type.Array(Id, { maxItems: FORUM_LIMITS.documents, uniqueItems: true });

/** Content of a `forum.thread.create` action: the thread and its opening post. */
export const ForumThreadContent = Obj({
  category: StringEnum(FORUM_CATEGORIES),
  title: Text(FORUM_LIMITS.title, { pattern: '\\S' }),
  body: Body,
  documents: Documents,
  overrides: Overrides,
});
export type ForumThreadContent = Static<typeof ForumThreadContent>;

/**
 * A quote of an earlier post of the same thread: its id and an excerpt of its Markdown at the
 * time of the reply. The hub checks that the excerpt is in the quoted post as it stands, then
 * keeps it: a later edit of the quoted post does not change what was quoted.
 */
export const ForumQuote = Obj({
  postId: Id,
  excerpt: Text(FORUM_LIMITS.quoteExcerpt, { pattern: '\\S' }),
});
export type ForumQuote = Static<typeof ForumQuote>;

/** Content of a `forum.post.create` action: a reply in a thread. */
export const ForumReplyContent = Obj({
  threadId: Id,
  body: Body,
  quote: Type.Optional(ForumQuote),
  documents: Documents,
  overrides: Overrides,
});
export type ForumReplyContent = Static<typeof ForumReplyContent>;

/**
 * Content of a `forum.post.edit` action: the post's new Markdown and links. `baseRevision` is
 * the revision the author edited; an edit of an older one is refused (no lost update).
 */
export const ForumEditContent = Obj({
  postId: Id,
  baseRevision: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  body: Body,
  documents: Documents,
  overrides: Overrides,
});
export type ForumEditContent = Static<typeof ForumEditContent>;

/** What an officer subscribes to: one thread, or every thread of a category. */
export const ForumSubscriptionTarget = Discriminated('kind', [
  Obj({ kind: Type.Literal('thread'), threadId: Id }),
  Obj({ kind: Type.Literal('category'), category: StringEnum(FORUM_CATEGORIES) }),
]);
export type ForumSubscriptionTarget = Static<typeof ForumSubscriptionTarget>;

/** Content of a `forum.subscription.set` action: subscribe (true) or unsubscribe (false). */
export const ForumSubscriptionContent = Obj({
  target: ForumSubscriptionTarget,
  subscribed: Type.Boolean(),
});
export type ForumSubscriptionContent = Static<typeof ForumSubscriptionContent>;

/** Content of a `forum.notifications.read` action: the officer's notifications to mark read. */
export const ForumNotificationsReadContent = Obj({
  notificationIds: Type.Array(Id, { minItems: 1, maxItems: FORUM_LIMITS.notifications, uniqueItems: true }),
});
export type ForumNotificationsReadContent = Static<typeof ForumNotificationsReadContent>;
