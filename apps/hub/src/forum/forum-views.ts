import { type ForumCategory } from '@cicu/protocol';
import { type NotificationRow, type OverrideRow, type PostRow, type RevisionRow, type ThreadRow } from './forum.repository';
import { guardOverrideFields } from '../sharing/guard-override-rows';
import { renderMarkdown } from './markdown/render-markdown';
import { type HideReason } from './moderation/hide-reasons';

/**
 * Who reads the forum: an officer of a member unit (through their node), or a coordinator.
 * Members never see hidden posts, nor threads whose opening post is hidden; coordinators see
 * everything, with the moderation details.
 */
export type ForumReader = { kind: 'member'; unitId: string; officerId: string } | { kind: 'coordinator'; accountId: string };

export const isCoordinator = (reader: ForumReader): reader is Extract<ForumReader, { kind: 'coordinator' }> => reader.kind === 'coordinator';

export interface AuthorView {
  unitId: string;
  displayName: string;
}

export interface ThreadSummaryView {
  id: string;
  category: ForumCategory;
  title: string;
  author: AuthorView;
  createdAt: string;
  lastPostAt: string;
  /** Posts the reader sees. */
  posts: number;
  locked: boolean;
  lockedAt: string | null;
  /** Coordinators only: whether the opening post, and so the thread, is hidden from members. */
  hidden?: boolean;
}

export type QuoteView = { postId: string; excerpt: string } | { postId: string; hidden: true };

export interface PostView {
  id: string;
  threadId: string;
  seq: number;
  author: AuthorView;
  /** The Markdown as written (what a quote's excerpt is taken from). */
  body: string;
  /** The sanitised HTML of `body` (docs/adr-forum.md); safe to insert as is. */
  html: string;
  quote: QuoteView | null;
  /** The linked library documents the reader may read; the others are left out. */
  documents: { id: string; title: string }[];
  revision: number;
  edited: boolean;
  editedAt: string | null;
  createdAt: string;
  /** Members: whether the reader wrote it (and so may edit it and read its revisions). */
  own?: boolean;
  /** Coordinators only, on a hidden post. */
  hidden?: { at: string; by: string; reason: HideReason; note: string | null };
}

export interface ThreadView extends ThreadSummaryView {
  items: PostView[];
  total: number;
  limit: number;
  offset: number;
}

export interface RevisionView {
  revision: number;
  body: string;
  html: string;
  documents: string[];
  createdAt: string;
  contentDigest: string;
  actionDigest: string;
}

export interface NotificationView {
  id: string;
  postId: string;
  threadId: string;
  threadTitle: string;
  category: ForumCategory;
  seq: number;
  author: AuthorView;
  reason: 'thread' | 'category';
  createdAt: string;
  readAt: string | null;
}

export interface OverrideView {
  id: string;
  postId: string;
  threadId: string;
  revision: number;
  location: string;
  kind: string;
  start: number;
  end: number;
  excerpt: string;
  justification: string;
  unitId: string;
  officerId: string;
  officerName: string;
  auditIndex: number;
  createdAt: string;
}

const iso = (date: Date): string => new Date(date).toISOString();
const isoOrNull = (date: Date | null): string | null => (date === null ? null : iso(date));

export function threadSummaryView(row: ThreadRow, reader: ForumReader): ThreadSummaryView {
  return {
    id: row.id,
    category: row.category,
    title: row.title,
    author: { unitId: row.author_unit, displayName: row.author_name },
    createdAt: iso(row.created_at),
    lastPostAt: iso(row.last_post_at),
    posts: isCoordinator(reader) ? row.post_count : row.visible_posts,
    locked: row.locked_at !== null,
    lockedAt: isoOrNull(row.locked_at),
    ...(isCoordinator(reader) && { hidden: row.opening_hidden }),
  };
}

export function postView(row: PostRow, reader: ForumReader, titles: ReadonlyMap<string, string>): PostView {
  const quote: QuoteView | null =
    row.quoted_post_id === null
      ? null
      : row.quoted_hidden === true && !isCoordinator(reader)
        ? { postId: row.quoted_post_id, hidden: true }
        : { postId: row.quoted_post_id, excerpt: row.quote_excerpt! };
  return {
    id: row.id,
    threadId: row.thread_id,
    seq: row.seq,
    author: { unitId: row.author_unit, displayName: row.author_name },
    body: row.body,
    html: renderMarkdown(row.body),
    quote,
    documents: row.documents.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)! })),
    revision: row.revision,
    edited: row.edited_at !== null,
    editedAt: isoOrNull(row.edited_at),
    createdAt: iso(row.created_at),
    ...(reader.kind === 'member' && { own: isAuthor(row, reader) }),
    ...(isCoordinator(reader) &&
      row.hidden_at !== null && { hidden: { at: iso(row.hidden_at), by: row.hidden_by!, reason: row.hidden_reason!, note: row.hidden_note } }),
  };
}

export function isAuthor(row: Pick<PostRow, 'author_unit' | 'author_officer_id'>, officer: { unitId: string; officerId: string }): boolean {
  return row.author_unit === officer.unitId && row.author_officer_id === officer.officerId;
}

export function revisionView(row: RevisionRow): RevisionView {
  return {
    revision: row.revision,
    body: row.body,
    html: renderMarkdown(row.body),
    documents: [...row.documents],
    createdAt: iso(row.created_at),
    contentDigest: row.content_digest,
    actionDigest: row.action_digest,
  };
}

export function notificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    postId: row.post_id,
    threadId: row.thread_id,
    threadTitle: row.title,
    category: row.category,
    seq: row.seq,
    author: { unitId: row.author_unit, displayName: row.author_name },
    reason: row.reason,
    createdAt: iso(row.created_at),
    readAt: isoOrNull(row.read_at),
  };
}

export function overrideView(row: OverrideRow): OverrideView {
  return { ...guardOverrideFields(row), postId: row.post_id, threadId: row.thread_id, revision: row.revision, unitId: row.unit_id };
}
